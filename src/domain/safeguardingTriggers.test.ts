import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FACTOR_CODES, factorLabel } from './factorCodes';
import { actionsFromChronologyEntry, actionsFromFactors, CRIME_CATEGORIES, EDUCATION_CATEGORIES, NRM_FACTORS } from './safeguardingTriggers';
import { CHRONOLOGY_CATEGORIES } from './chronology';

describe('safeguarding actions raised by an assessment decision’s factors (A13)', () => {
  it('uses the codes’ real meanings: 12A is trafficking, 24A child criminal exploitation', () => {
    expect(factorLabel('12A')).toBe('Trafficking');
    expect(factorLabel('24A')).toBe('Child criminal exploitation');
    expect(Object.keys(NRM_FACTORS).every((c) => FACTOR_CODES.some((f) => f.code === c))).toBe(true);
  });

  it('raises one NRM referral for trafficking or criminal exploitation, whichever and however many', () => {
    expect(actionsFromFactors(['12A'])).toEqual([{ kind: 'nrm-referral', reason: 'The assessment identified trafficking (DfE factor 12A).' }]);
    expect(actionsFromFactors(['24A']).map((a) => a.kind)).toEqual(['nrm-referral']);
    const both = actionsFromFactors(['24A', '3A', '12A', '12A']);
    expect(both).toHaveLength(1);
    expect(both[0]!.reason).toContain('12A');
    expect(both[0]!.reason).toContain('24A');
  });

  it('raises nothing for the other factors: sexual exploitation (11A), gangs (13A), missing (10A), no factors (21)', () => {
    expect(actionsFromFactors([])).toEqual([]);
    expect(actionsFromFactors(['11A', '13A', '10A', '16A'])).toEqual([]);
    expect(actionsFromFactors(['21'])).toEqual([]);
  });

  it('never raises the education action: no DfE factor means a child missing education', () => {
    const codes = FACTOR_CODES.map((f) => f.code);
    fc.assert(
      fc.property(fc.subarray(codes), (chosen) => {
        const raised = actionsFromFactors(chosen);
        expect(raised.every((a) => a.kind === 'nrm-referral')).toBe(true);
        expect(raised.length).toBe(chosen.some((c) => c in NRM_FACTORS) ? 1 : 0);
      }),
    );
  });
});

describe('safeguarding actions raised by a chronology entry (A13)', () => {
  const entry = (category: string, sourceKind = 'person', sourceAgency: string | null = null) => ({ category, sourceKind, sourceAgency, summary: 'Dad hit Mum in front of the children.' });

  it('a police incident or a domestic abuse incident means a crime reported or suspected: tell the police now', () => {
    expect(actionsFromChronologyEntry(entry('domestic-abuse'))).toEqual([{ kind: 'tell-police', reason: 'A domestic abuse incident was recorded on the chronology: Dad hit Mum in front of the children.' }]);
    expect(actionsFromChronologyEntry(entry('police-incident', 'agency', 'Riverside Primary School')).map((a) => a.kind)).toEqual(['tell-police']);
    expect(Object.keys(CRIME_CATEGORIES).every((c) => CHRONOLOGY_CATEGORIES.some((k) => k.code === c))).toBe(true);
  });

  it('not when the police told us: they already know', () => {
    expect(actionsFromChronologyEntry(entry('domestic-abuse', 'agency', 'Metropolitan Police'))).toEqual([]);
    expect(actionsFromChronologyEntry(entry('police-incident', 'agency', 'Kent police, MASH'))).toEqual([]);
    expect(actionsFromChronologyEntry(entry('police-incident', 'agency', 'Thames Valley Constabulary'))).toEqual([]);
    // A person named "Police" is not the police telling us.
    expect(actionsFromChronologyEntry(entry('police-incident', 'person', 'Police'))).toHaveLength(1);
  });

  it('a child missing education (not on a school roll, or not going): contact the education service', () => {
    const missing = { category: 'missing-education', sourceKind: 'agency', sourceAgency: 'Riverside Primary School', summary: 'Taken off the school roll in May; no new school since.' };
    expect(actionsFromChronologyEntry(missing)).toEqual([
      { kind: 'education-service', reason: 'The chronology records that the child is missing education: Taken off the school roll in May; no new school since.' },
    ]);
    expect(actionsFromChronologyEntry({ ...missing, sourceKind: 'person', sourceAgency: null }).map((a) => a.kind)).toEqual(['education-service']);
    expect(Object.keys(EDUCATION_CATEGORIES).every((c) => CHRONOLOGY_CATEGORIES.some((k) => k.code === c))).toBe(true);
  });

  it('not when the education service told us: they already know', () => {
    const missing = (agency: string) => ({ category: 'missing-education', sourceKind: 'agency', sourceAgency: agency, summary: 'Not on any school roll.' });
    expect(actionsFromChronologyEntry(missing('Leeds Education Service'))).toEqual([]);
    expect(actionsFromChronologyEntry(missing('Children Missing Education team'))).toEqual([]);
    expect(actionsFromChronologyEntry(missing('Education welfare officer'))).toEqual([]);
    expect(actionsFromChronologyEntry(missing('School attendance service'))).toEqual([]);
  });

  it('the other categories raise nothing', () => {
    for (const c of ['health', 'education', 'missing', 'house-move', 'court', 'placement', 'other']) expect(actionsFromChronologyEntry(entry(c)), c).toEqual([]);
  });

  it('keeps the reason within a task’s 2,000 characters', () => {
    expect(actionsFromChronologyEntry({ ...entry('domestic-abuse'), summary: 'x'.repeat(4000) })[0]!.reason.length).toBe(2000);
  });
});
