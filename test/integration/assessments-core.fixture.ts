/**
 * Families for the assessment core tests: children living together, allocated to a team and worker,
 * with one contact that made a referral for each of them (as the front door does), dated relative
 * to today so timescales come out the same whatever day the tests run.
 */
import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/app';
import { EMAILS } from '../helpers/app';
import { createAdult, createAllocation, createChild, createEpisode, createHousehold, createReferral } from '../helpers/factories';
import { todayInLondon } from '../../src/domain/dates';
import { addWorkingDays } from '../../src/domain/workingDays';
import { contacts } from '../../src/features/referrals/tables';
import { rows, toNumber } from '../../src/platform/db';
import { actorFor } from './security.fixture';

export const today = () => todayInLondon();
/** The nth working day before (negative) or after today. */
export const workingDay = (n: number) => addWorkingDays(todayInLondon(), n);

export type FamilyOptions = {
  team?: string;
  workerEmail?: string;
  /** Day 0: the date of the referral. */
  referralDate?: string;
  /** Dates of birth of the children (null for an unborn baby, who then has an expected delivery date). */
  births?: (string | null)[];
  expectedDeliveryDate?: string;
  surname?: string;
};

export async function makeFamily(t: TestApp, opts: FamilyOptions = {}) {
  const db = t.database.db;
  const teamId = t.teams.get(opts.team ?? 'Front Door and Assessment')!;
  const workerId = t.users.get(opts.workerEmail ?? EMAILS.worker)!;
  const referralDate = opts.referralDate ?? workingDay(-3);
  const surname = opts.surname ?? 'Okonjo';
  const births = opts.births ?? ['2016-04-02', '2019-09-30'];
  const children = [];
  for (const [i, born] of births.entries()) {
    children.push(
      await createChild(db, {
        firstName: ['Jade', 'Kai', 'Noor', 'Baby'][i] ?? `Child${i}`,
        lastName: surname,
        dateOfBirth: born,
        expectedDeliveryDate: born === null ? (opts.expectedDeliveryDate ?? '2030-01-01') : null,
      }),
    );
  }
  const mother = await createAdult(db, { firstName: 'Grace', lastName: surname, sex: 'F' });
  const householdId = await createHousehold(db, `${surname} household`, [...children.map((c) => ({ personId: c.id, fromDate: '2020-01-01' })), { personId: mother.id, fromDate: '2020-01-01' }]);
  const contact = await db
    .insert(contacts)
    .values({ receivedOn: referralDate, sourceCode: '2A', concern: 'Worried about the children at home', consent: 'given', decision: 'referral', decisionReason: 'Needs an assessment' })
    .returning({ id: contacts.id });
  const referrals = new Map<string, string>();
  for (const child of children) {
    await createAllocation(db, child.id, teamId, workerId, { fromDate: referralDate });
    const episode = await createEpisode(db, child.id, { startDate: referralDate });
    const referral = await createReferral(db, child.id, { referralDate, contactId: contact[0]!.id, episodeId: episode.id });
    referrals.set(child.id, referral.id);
  }
  return { children, mother, householdId, referralDate, referrals, contactId: contact[0]!.id, teamId, workerId };
}

/** Gives the demo partner (DC Dee Harper) access to a child, as a manager does. */
export async function grantToPartner(t: TestApp, childId: string): Promise<void> {
  const manager = await actorFor(t, EMAILS.manager);
  const lastDay = addWorkingDays(todayInLondon(), 5);
  const added = await t.services.grants.add({ actor: manager, requestId: null }, childId, { partner: t.users.get(EMAILS.partner)!, purpose: 'Joint visit', lastDay });
  if (added.outcome !== 'added') throw new Error('Could not share the child with the partner');
}

export async function count(t: TestApp, query: ReturnType<typeof sql>): Promise<number> {
  const found = await rows<{ n: unknown }>(t.database.db, query);
  return toNumber(found[0]?.n);
}

/** The assessment ids of a child, newest first. */
export async function assessmentsOf(t: TestApp, childId: string) {
  return rows<{ id: string; variant: string; status: string; referral_date: string; due_on: string; referral_id: string | null; carried_from_id: string | null; worker_id: string | null; team_id: string | null; content: Record<string, unknown>; version: number }>(
    t.database.db,
    sql`SELECT id, variant, status, referral_date::text AS referral_date, due_on::text AS due_on, referral_id, carried_from_id, worker_id, team_id, content, version
        FROM assessments WHERE child_id = ${childId} ORDER BY created_at DESC`,
  );
}
