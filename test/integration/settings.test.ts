import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDb, type TestApp } from '../helpers/app';
import { addWorkingDays } from '../../src/domain/workingDays';

describeEachDb('council settings', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('gives the statutory defaults until a council changes them', async () => {
    expect(await t.services.settings.get('assessment.checkpoints')).toEqual([10, 30, 45]);
    expect((await t.services.settings.get('visits.frequency'))['child-protection']).toEqual({ every: 10, unit: 'working-days' });
  });

  it('keeps a valid change, audited, and refuses one that does not fit', async () => {
    const ctx = { actor: null, actorLabel: 'test', requestId: null };
    expect(await t.services.settings.set(ctx, 'assessment.checkpoints', [10, 45])).toEqual({ ok: true });
    expect(await t.services.settings.get('assessment.checkpoints')).toEqual([10, 45]);
    const refused = await t.services.settings.set(ctx, 'assessment.checkpoints', [0]);
    expect(refused.ok).toBe(false);
    expect(await t.services.settings.getMany(['assessment.checkpoints', 'chronology.gapWeeks'])).toEqual({ 'assessment.checkpoints': [10, 45], 'chronology.gapWeeks': 12 });
  });

  it('counts the council’s closure days as non-working days', async () => {
    const ctx = { actor: null, actorLabel: 'test', requestId: null };
    await t.services.settings.set(ctx, 'calendar.closureDays', ['2024-12-27']);
    const calendar = await t.services.settings.calendar();
    expect(addWorkingDays('2024-12-24', 1, calendar)).toBe('2024-12-30');
  });
});
