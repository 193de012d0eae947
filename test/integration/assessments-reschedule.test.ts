/**
 * An open assessment's dates follow what they were worked out from (A2): a new expected delivery
 * date moves a pre-birth assessment's due date and checkpoints, and a closure day added or removed
 * moves every open assessment's checkpoints still to come; a checkpoint with the manager's decision,
 * or already passed, never moves.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  bodyText,
  createTestApp,
  describeEachDb,
  EMAILS,
  signInAll,
  type Agent,
  type TestApp,
} from '../helpers/app';
import { formatDate, todayInLondon } from '../../src/domain/dates';
import { assessmentSchedule } from '../../src/domain/timescales';
import { addDays, addWorkingDays, englandAndWales, workingCalendar } from '../../src/domain/workingDays';
import { queryCounter, rows, type QueryStore } from '../../src/platform/db';
import { assessmentsOf, count, makeFamily, workingDay } from './assessments-core.fixture';
import { actorFor } from './security.fixture';

/**
 * Lock order (docs/architecture.md): every row lock, and every write to the assessments, before the
 * first audit statement (the chain's head is held from then to the end of the transaction).
 */
async function captured(run: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
  const store: QueryStore = { count: 0, upkeep: 0, captured: [] };
  await queryCounter.run(store, run);
  return { count: store.count, statements: store.captured!.map((q) => q.sql.replace(/\s+/g, ' ')) };
}
function expectLocksBeforeAudit(statements: string[]): void {
  const audit = statements.findIndex((q) => /audit_chain_head/.test(q));
  const touches = statements
    .map((q, i) =>
      /FOR NO KEY UPDATE|UPDATE assessment_checkpoints|UPDATE assessments|insert into "chronology_links"/i.test(
        q,
      )
        ? i
        : -1,
    )
    .filter((i) => i >= 0);
  expect(touches.length).toBeGreaterThan(0);
  expect(audit).toBeGreaterThan(Math.max(...touches));
}

const checkpointsOf = async (t: TestApp, assessmentId: string) =>
  (
    await rows<{ day: unknown; due_on: string }>(
      t.database.db,
      sql`SELECT day, due_on::text AS due_on FROM assessment_checkpoints WHERE assessment_id = ${assessmentId} ORDER BY day`,
    )
  ).map((c) => [Number(c.day), c.due_on] as [number, string]);
const moves = (t: TestApp, assessmentId: string) =>
  rows<{
    details: {
      because: string;
      dueOn: { from: string; to: string } | null;
      checkpoints: { day: number; from: string; to: string }[];
    };
  }>(
    t.database.db,
    sql`SELECT details FROM audit_log WHERE action = 'assessment-dates-moved' AND subject_id = ${assessmentId} ORDER BY seq`,
  );

/** The edit form's fields as the page fills them in. */
const formOf = (html: string): Record<string, string | string[]> => {
  const form: Record<string, string | string[]> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>/g)) {
    const [tag, name, value] = m as unknown as [string, string, string];
    if (name === '_csrf') continue;
    if (/type="(radio|checkbox)"/.test(tag) && !/\bchecked\b/.test(tag)) continue;
    const existing = form[name];
    form[name] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    form[m[1]!] = m[2]!.trim();
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    form[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
  return form;
};
const eddFields = (date: string) => {
  const [y, m, d] = date.split('-');
  return {
    'expectedDeliveryDate-day': String(Number(d)),
    'expectedDeliveryDate-month': String(Number(m)),
    'expectedDeliveryDate-year': y!,
  };
};
const preBirth = (referralDate: string, edd: string, calendar = englandAndWales) =>
  assessmentSchedule({
    referralDate,
    checkpoints: [10, 30, 45],
    variant: 'pre-birth',
    expectedDeliveryDate: edd,
    calendar,
  });

describeEachDb('a pre-birth assessment when the expected delivery date changes', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  async function startPreBirth(surname: string, referralDate: string, edd: string) {
    const f = await makeFamily(t, {
      referralDate,
      births: [null, '2018-02-02'],
      expectedDeliveryDate: edd,
      surname,
    });
    const [baby, brother] = [f.children[0]!, f.children[1]!];
    const res = await as.worker.post(`/people/${baby.id}/assessments/new`, {
      variant: 'pre-birth',
      referral: f.referrals.get(baby.id)!,
      siblings: [brother.id],
    });
    expect(res.statusCode).toBe(303);
    const [a] = await assessmentsOf(t, baby.id);
    const [b] = await assessmentsOf(t, brother.id);
    return { baby, brother, a: a!, b: b! };
  }
  const changeEdd = async (personId: string, edd: string) => {
    const form = formOf((await as.worker.get(`/people/${personId}/edit`)).body);
    return as.worker.post(`/people/${personId}/edit`, { ...form, ethnicity: 'NOBT', ...eddFields(edd) });
  };

  it('moves the due date and the checkpoints with it, says so in the chronology and the record’s history, in the same save', async () => {
    const referralDate = workingDay(-2);
    const edd = addDays(referralDate, 70);
    const { baby, brother, a, b } = await startPreBirth('Rivers', referralDate, edd);
    const first = preBirth(referralDate, edd);
    expect(first.rule).toBe('before-delivery');
    expect(a.due_on).toBe(first.finalDueOn);

    const later = addDays(referralDate, 84);
    const res = await changeEdd(baby.id, later);
    expect(res.statusCode).toBe(303);
    const worked = preBirth(referralDate, later);
    expect(worked.finalDueOn > first.finalDueOn).toBe(true);
    const [after] = await assessmentsOf(t, baby.id);
    expect(after!.due_on).toBe(worked.finalDueOn);
    expect(after!.version).toBe(a.version); // not a change of its content: nobody's open form goes stale
    expect(await checkpointsOf(t, a.id)).toEqual(worked.checkpoints.map((c) => [c.day, c.dueOn]));

    const summary = `Assessment due date moved from ${formatDate(first.finalDueOn)} to ${formatDate(worked.finalDueOn)} because the expected delivery date changed from ${formatDate(edd)} to ${formatDate(later)}.`;
    expect(
      await count(
        t,
        sql`SELECT count(*) AS n FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id WHERE l.person_id = ${baby.id} AND e.origin_id = ${a.id} AND e.summary = ${summary}`,
      ),
    ).toBe(1);
    expect(bodyText((await as.worker.get(`/people/${baby.id}/chronology`)).body)).toContain(summary);
    const audited = await moves(t, a.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]!.details).toMatchObject({
      because: 'expected-delivery-date',
      dueOn: { from: first.finalDueOn, to: worked.finalDueOn },
    });
    expect(bodyText((await as.manager.get(`/people/${baby.id}/audit`)).body)).toContain(summary);
    // The overview shows the new date, and why it moved.
    const overview = bodyText((await as.worker.get(`/people/${baby.id}/assessments/${a.id}`)).body);
    expect(overview).toContain(formatDate(worked.finalDueOn));
    expect(overview).toContain(`Why the dates moved On ${formatDate(todayInLondon())} at `);
    expect(overview).toContain(summary);

    // Sooner again: brought forward. The brother's assessment is not about the birth and stays as it was.
    const sooner = addDays(referralDate, 63);
    expect((await changeEdd(baby.id, sooner)).statusCode).toBe(303);
    expect((await assessmentsOf(t, baby.id))[0]!.due_on).toBe(preBirth(referralDate, sooner).finalDueOn);
    expect(await moves(t, a.id)).toHaveLength(2);
    const both = bodyText((await as.worker.get(`/people/${baby.id}/assessments/${a.id}`)).body);
    expect(both.indexOf(`because the expected delivery date changed from ${formatDate(later)} to ${formatDate(sooner)}`)).toBeGreaterThan(-1);
    expect(both.indexOf(`from ${formatDate(later)} to ${formatDate(sooner)}`)).toBeLessThan(both.indexOf(summary)); // newest first
    const brotherPage = bodyText((await as.worker.get(`/people/${brother.id}/assessments/${b.id}`)).body);
    expect(brotherPage).not.toContain('Why the dates moved');
    const [brotherNow] = await rows<{ due_on: string }>(
      t.database.db,
      sql`SELECT due_on::text AS due_on FROM assessments WHERE id = ${b.id}`,
    );
    expect(brotherNow!.due_on).toBe(b.due_on);
    expect(await moves(t, b.id)).toHaveLength(0);
  });

  it('never moves a checkpoint with the manager’s decision, and changes nothing else when only other details change', async () => {
    const referralDate = workingDay(-2);
    const edd = addDays(referralDate, 70);
    const { baby, a } = await startPreBirth('Banks', referralDate, edd);
    const before = await checkpointsOf(t, a.id);
    await t.database.db.execute(
      sql`UPDATE assessment_checkpoints SET decision = 'continue', reasons = 'Going well' WHERE assessment_id = ${a.id} AND day = 45`,
    );
    expect((await changeEdd(baby.id, addDays(referralDate, 84))).statusCode).toBe(303);
    expect(await checkpointsOf(t, a.id)).toEqual(before);
    expect((await assessmentsOf(t, baby.id))[0]!.due_on).toBe(a.due_on);
    expect(await moves(t, a.id)).toHaveLength(0);

    const form = formOf((await as.worker.get(`/people/${baby.id}/edit`)).body);
    expect(
      (await as.worker.post(`/people/${baby.id}/edit`, { ...form, ethnicity: 'NOBT', religion: 'Sikh' }))
        .statusCode,
    ).toBe(303);
    expect(
      await count(
        t,
        sql`SELECT count(*) AS n FROM chronology_entries WHERE origin_id = ${a.id} AND summary LIKE 'Assessment due date moved%'`,
      ),
    ).toBe(0);
  });

  it('locks and changes the assessment before the first audit row', async () => {
    const referralDate = workingDay(-2);
    const { baby, a } = await startPreBirth('Order', referralDate, addDays(referralDate, 70));
    const current = (await t.services.people.fields(baby.id))!;
    const actor = await actorFor(t, EMAILS.worker);
    const { statements } = await captured(async () => {
      expect(
        await t.services.people.update(
          { actor, requestId: null },
          baby.id,
          { ...current.fields, expectedDeliveryDate: addDays(referralDate, 84) },
          current.version,
        ),
      ).toMatchObject({ ok: true });
    });
    expectLocksBeforeAudit(statements);
    expect(await moves(t, a.id)).toHaveLength(1);
  });

  it('leaves an authorised assessment as it was', async () => {
    const referralDate = workingDay(-2);
    const edd = addDays(referralDate, 70);
    const { baby, a } = await startPreBirth('Lowe', referralDate, edd);
    await t.database.db.execute(
      sql`UPDATE assessments SET status = 'authorised', authorised_on = ${workingDay(0)}, authorised_by = ${t.users.get(EMAILS.manager)!} WHERE id = ${a.id}`,
    );
    const before = await checkpointsOf(t, a.id);
    expect((await changeEdd(baby.id, addDays(referralDate, 84))).statusCode).toBe(303);
    expect(await checkpointsOf(t, a.id)).toEqual(before);
    expect((await assessmentsOf(t, baby.id))[0]!.due_on).toBe(a.due_on);
  });
});

describeEachDb('open assessments when the council adds or removes a closure day', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
    admin = as.admin;
  });
  afterAll(() => t.close());

  async function start(surname: string, referralDate: string, opts: { edd?: string } = {}) {
    const f = await makeFamily(t, {
      referralDate,
      births: [opts.edd ? null : '2016-04-02'],
      surname,
      ...(opts.edd ? { expectedDeliveryDate: opts.edd } : {}),
    });
    const child = f.children[0]!;
    const res = await as.worker.post(`/people/${child.id}/assessments/new`, {
      variant: opts.edd ? 'pre-birth' : 'standard',
      referral: f.referrals.get(child.id)!,
    });
    expect(res.statusCode).toBe(303);
    return (await assessmentsOf(t, child.id))[0]!;
  }
  const post = (path: string, date: string) => {
    const [y, m, d] = date.split('-');
    return path.endsWith('remove')
      ? admin.post(path, { date })
      : admin.post(path, { 'date-day': d!, 'date-month': m!, 'date-year': y!, name: 'Council closure day' });
  };
  const standard = (referralDate: string, calendar = englandAndWales) =>
    assessmentSchedule({
      referralDate,
      checkpoints: [10, 30, 45],
      variant: 'standard',
      expectedDeliveryDate: null,
      calendar,
    }).checkpoints.map((c) => [c.day, c.dueOn]);

  it('moves the dates still to come on or after the day, in one change with the setting, and moves them back when it is removed', async () => {
    const closure = workingDay(5);
    const closed = workingCalendar([closure]);
    // All three checkpoints after the closure day.
    const fresh = await start('Fresh', workingDay(-2));
    // Days 10 and 30 passed; day 45 falls on the closure day itself.
    const onTheDay = await start('Onday', workingDay(-40));
    expect((await checkpointsOf(t, onTheDay.id))[2]![1]).toBe(closure);
    // Every date before the closure day (day 45 in 3 working days): nothing moves.
    const before = await start('Before', workingDay(-42));
    // Late: nothing moves.
    const late = await start('Late', workingDay(-60));
    // Day 10 decided by the manager: it stays, days 30 and 45 move.
    const decided = await start('Decided', workingDay(-3));
    await t.database.db.execute(
      sql`UPDATE assessment_checkpoints SET decision = 'continue', reasons = 'Carry on' WHERE assessment_id = ${decided.id} AND day = 10`,
    );
    // Authorised: its timescale has ended.
    const done = await start('Done', workingDay(-2));
    await t.database.db.execute(
      sql`UPDATE assessments SET status = 'authorised', authorised_on = ${workingDay(0)}, authorised_by = ${t.users.get(EMAILS.manager)!} WHERE id = ${done.id}`,
    );
    // Pre-birth, due 4 weeks before the delivery date, which falls on the closure day.
    const baby = await start('Unborn', workingDay(-2), { edd: addDays(closure, 28) });
    expect(baby.due_on).toBe(closure);
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          [fresh, onTheDay, before, late, decided, done, baby].map(
            async (a) => [a.id, await checkpointsOf(t, a.id)] as const,
          ),
        ),
      );
    const was = await snapshot();

    const added = await post('/admin/settings/closure-days', closure);
    expect(added.statusCode).toBe(303);
    expect(bodyText((await admin.get('/admin/settings')).body)).toContain(
      'The dates of 4 open assessments moved.',
    );
    expect(await checkpointsOf(t, fresh.id)).toEqual(standard(fresh.referral_date, closed));
    expect(
      (
        await assessmentsOf(
          t,
          (
            await rows<{ child_id: string }>(
              t.database.db,
              sql`SELECT child_id FROM assessments WHERE id = ${fresh.id}`,
            )
          )[0]!.child_id,
        )
      )[0]!.due_on,
    ).toBe(addWorkingDays(fresh.referral_date, 45, closed));
    const onDay = await checkpointsOf(t, onTheDay.id);
    expect(onDay.slice(0, 2)).toEqual(was[onTheDay.id]!.slice(0, 2));
    expect(onDay[2]).toEqual([45, workingDay(6)]);
    expect(await checkpointsOf(t, before.id)).toEqual(was[before.id]);
    expect(await checkpointsOf(t, late.id)).toEqual(was[late.id]);
    expect(await checkpointsOf(t, done.id)).toEqual(was[done.id]);
    const d = await checkpointsOf(t, decided.id);
    expect(d[0]).toEqual(was[decided.id]![0]);
    expect(d.slice(1)).toEqual(standard(decided.referral_date, closed).slice(1));
    // The pre-birth assessment is due on the working day before the closure day now.
    expect((await checkpointsOf(t, baby.id)).map((c) => c[1])).toEqual(
      preBirth(baby.referral_date, addDays(closure, 28), closed).checkpoints.map((c) => c.dueOn),
    );
    expect(preBirth(baby.referral_date, addDays(closure, 28), closed).finalDueOn).toBe(workingDay(4));
    expect(
      await count(
        t,
        sql`SELECT count(*) AS n FROM assessments WHERE id = ${baby.id} AND due_on = ${workingDay(4)}::date`,
      ),
    ).toBe(1);
    // One audit row for each assessment that moved, saying why.
    expect(
      await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-dates-moved'`),
    ).toBe(4);
    expect((await moves(t, decided.id))[0]!.details).toMatchObject({
      because: 'closure-days',
      dueOn: { from: was[decided.id]![2]![1], to: d[2]![1] },
    });
    const decidedChild = (await rows<{ child_id: string }>(t.database.db, sql`SELECT child_id FROM assessments WHERE id = ${decided.id}`))[0]!.child_id;
    const closureMove = `Assessment due date moved from ${formatDate(was[decided.id]![2]![1])} to ${formatDate(d[2]![1])} because the council’s closure days changed (added ${formatDate(closure)})`;
    expect(bodyText((await as.manager.get(`/people/${decidedChild}/audit`)).body)).toContain(closureMove);
    // The assessment's own page says why its dates moved.
    const overview = bodyText((await as.worker.get(`/people/${decidedChild}/assessments/${decided.id}`)).body);
    expect(overview).toContain('Why the dates moved');
    expect(overview).toContain(closureMove);

    // Removed: back as they were, except the decided checkpoint, which never moved.
    expect((await post('/admin/settings/closure-days/remove', closure)).statusCode).toBe(303);
    expect(await snapshot()).toEqual(was);
    expect(
      await count(
        t,
        sql`SELECT count(*) AS n FROM assessments WHERE id = ${baby.id} AND due_on = ${closure}::date`,
      ),
    ).toBe(1);
    expect(
      await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-dates-moved'`),
    ).toBe(8);
  });

  it('leaves the dates of a pre-birth assessment alone once the baby is born (no delivery date to be due before)', async () => {
    const closure = workingDay(3);
    const baby = await start('Born', workingDay(-2), { edd: addDays(workingDay(8), 28) });
    // Born early: the record becomes a child's, with a date of birth and no expected delivery date.
    await t.database.db.execute(sql`UPDATE people SET date_of_birth = ${workingDay(-1)}, expected_delivery_date = NULL WHERE id = (SELECT child_id FROM assessments WHERE id = ${baby.id})`);
    const was = await checkpointsOf(t, baby.id);
    expect((await post('/admin/settings/closure-days', closure)).statusCode).toBe(303);
    expect(await checkpointsOf(t, baby.id)).toEqual(was);
    expect(await count(t, sql`SELECT count(*) AS n FROM assessments WHERE id = ${baby.id} AND due_on = ${baby.due_on}::date`)).toBe(1);
    expect((await post('/admin/settings/closure-days/remove', closure)).statusCode).toBe(303);
  });

  it('takes a fixed number of statements however many assessments move, every lock before the first audit row', async () => {
    const closure = workingDay(7);
    const many = [];
    for (let i = 0; i < 6; i++) many.push(await start(`Many${i}`, workingDay(-2)));
    const measure = async (days: string[]) => {
      const { count: n, statements } = await captured(() =>
        t.services.settings.set(
          { actor: null, actorLabel: 'test', requestId: null },
          'calendar.closureDays',
          days,
        ),
      );
      expectLocksBeforeAudit(statements);
      return n;
    };
    const first = await measure([closure]);
    for (const a of many)
      expect((await checkpointsOf(t, a.id))[2]![1]).toBe(
        addWorkingDays(a.referral_date, 45, workingCalendar([closure])),
      );
    for (let i = 0; i < 20; i++) await start(`More${i}`, workingDay(-2));
    const second = await measure([]);
    expect(second).toBe(first);
  });
});
