import { describe, expect, it } from 'vitest';
import { mayAgreeAsWorker, twoPeopleProblems, workerAgreement, workersNamed, type AgreementInput } from './decisionAgreement';

const SAM = { id: '11111111-0000-4000-8000-000000000001', name: 'Sam Okafor' };
const ANA = { id: '11111111-0000-4000-8000-000000000002', name: 'Ana Ruiz' };
const MORGAN = { id: '11111111-0000-4000-8000-000000000003', name: 'Morgan Reid' };
const earlier = { userId: SAM.id, name: SAM.name, on: '2025-03-01' };

const input = (extra: Partial<AgreementInput> = {}): AgreementInput => ({
  actor: SAM,
  workers: [SAM],
  ticked: true,
  completed: true,
  unchanged: false,
  saved: null,
  today: '2025-03-04',
  ...extra,
});

describe('who agrees the decision as the worker (A8)', () => {
  it('is the worker who holds the assessment, or the child’s allocated worker now', () => {
    expect(mayAgreeAsWorker(SAM.id, [SAM])).toBe(true);
    expect(mayAgreeAsWorker(ANA.id, [SAM, ANA])).toBe(true);
    expect(mayAgreeAsWorker(MORGAN.id, [SAM, ANA])).toBe(false);
    expect(mayAgreeAsWorker(MORGAN.id, [])).toBe(false);
    expect(workersNamed([SAM, ANA])).toBe('Sam Okafor or Ana Ruiz');
    expect(workersNamed([SAM, { ...SAM }])).toBe('Sam Okafor');
  });

  it('records the worker’s own agreement, with the date, and keeps it while the decision is unchanged', () => {
    expect(workerAgreement(input())).toEqual({ ok: true, agreed: { userId: SAM.id, name: 'Sam Okafor', on: '2025-03-04' } });
    expect(workerAgreement(input({ unchanged: true, saved: earlier }))).toEqual({ ok: true, agreed: earlier });
    // A changed decision is agreed afresh, today.
    expect(workerAgreement(input({ saved: earlier }))).toEqual({ ok: true, agreed: { userId: SAM.id, name: 'Sam Okafor', on: '2025-03-04' } });
    // Unticked by the worker: no agreement.
    expect(workerAgreement(input({ ticked: false, unchanged: true, saved: earlier }))).toEqual({ ok: true, agreed: null });
    // An agreement recorded for a manager (before this rule) is replaced by the worker's own.
    const managers = { userId: MORGAN.id, name: MORGAN.name, on: '2025-03-01' };
    expect(workerAgreement(input({ unchanged: true, saved: managers }))).toEqual({ ok: true, agreed: { userId: SAM.id, name: 'Sam Okafor', on: '2025-03-04' } });
    // The worker who holds the assessment's agreement stands when the child's new worker saves it unchanged.
    expect(workerAgreement(input({ actor: ANA, workers: [SAM, ANA], unchanged: true, saved: earlier }))).toEqual({ ok: true, agreed: earlier });
  });

  it('refuses anyone else ticking it, saying who can, and records nothing', () => {
    for (const saved of [null, earlier]) {
      expect(workerAgreement(input({ actor: MORGAN, saved }))).toEqual({ ok: false, field: 'workerAgrees', message: 'Only Sam Okafor, the worker for this assessment, can agree with the decision' });
    }
    expect(workerAgreement(input({ actor: MORGAN, workers: [] }))).toEqual({
      ok: false,
      field: 'workerAgrees',
      message: 'Only the worker for this assessment can agree with the decision, and it has none. Allocate the child to a worker',
    });
  });

  it('keeps the worker’s agreement when someone else saves the decision unchanged, whatever the box says', () => {
    expect(workerAgreement(input({ actor: MORGAN, unchanged: true, saved: earlier }))).toEqual({ ok: true, agreed: earlier });
    expect(workerAgreement(input({ actor: MORGAN, ticked: false, unchanged: true, saved: earlier }))).toEqual({ ok: true, agreed: earlier });
  });

  it('clears the worker’s agreement when someone else changes the decision: they agreed to something else', () => {
    expect(workerAgreement(input({ actor: MORGAN, ticked: false, completed: false, saved: earlier }))).toEqual({ ok: true, agreed: null });
  });

  it('does not let someone else mark the decision completed without the worker’s agreement', () => {
    expect(workerAgreement(input({ actor: MORGAN, ticked: false, saved: earlier }))).toEqual({
      ok: false,
      field: 'completed',
      message: 'You changed the decision, so Sam Okafor needs to agree with it again before this section is marked as completed. Untick ‘completed’ to save your changes',
    });
    expect(workerAgreement(input({ actor: MORGAN, ticked: false }))).toEqual({
      ok: false,
      field: 'completed',
      message: 'Sam Okafor needs to agree with the decision before this section is marked as completed. Untick ‘completed’ to save your changes',
    });
    expect(workerAgreement(input({ actor: MORGAN, ticked: false, workers: [] }))).toMatchObject({ ok: false, field: 'completed' });
  });
});

describe('the worker and the manager who agree the decision are two people (A8)', () => {
  it('refuses authorisation by the manager who agreed as the worker, linking to the agreement', () => {
    expect(twoPeopleProblems({ workerAgreed: earlier }, SAM.id)).toEqual([
      { section: 'decision', field: 'workerAgrees', message: 'You agreed with this decision as the worker, so another team manager must authorise the assessment: the worker and the manager who agree it must be two people' },
    ]);
  });

  it('passes another manager, no agreement yet, and no authoriser asked about', () => {
    expect(twoPeopleProblems({ workerAgreed: earlier }, MORGAN.id)).toEqual([]);
    expect(twoPeopleProblems({ workerAgreed: null }, SAM.id)).toEqual([]);
    expect(twoPeopleProblems(undefined, SAM.id)).toEqual([]);
    expect(twoPeopleProblems({ workerAgreed: earlier }, undefined)).toEqual([]);
  });
});
