/**
 * Families for the visit and case note tests: siblings living together with their mother, each with
 * an open episode, allocated to a team and worker the way the app does it, and complete valid forms.
 */
import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/app';
import { createAdult, createAllocation, createChild, createEpisode, createHousehold } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { addDays } from '../../src/domain/workingDays';

type Form = Record<string, string | string[] | undefined>;

let families = 0;

/** `count` siblings and their mother in one household, each child with an open episode and allocated. */
export async function siblings(
  t: TestApp,
  opts: { team?: string; workerEmail?: string | null; count?: number; episodeType?: 'child-in-need' | 'child-protection' | 'looked-after' | 'early-help'; episodeStart?: string; surname?: string } = {},
) {
  const db = t.database.db;
  families += 1;
  const surname = opts.surname ?? `Visitfamily${families}`;
  const names = ['Amara', 'Bode', 'Chidi', 'Dayo', 'Ebele', 'Femi'];
  const children = [];
  for (let i = 0; i < (opts.count ?? 3); i++) {
    children.push(await createChild(db, { firstName: names[i] ?? `Child${i}`, lastName: surname, dateOfBirth: `201${i + 2}-03-0${i + 1}` }));
  }
  const mother = await createAdult(db, { firstName: 'Grace', lastName: surname, sex: 'F' });
  const householdId = await createHousehold(db, `${surname} household`, [...children.map((c) => c.id), mother.id]);
  const teamId = t.teams.get(opts.team ?? 'Front Door and Assessment')!;
  const workerId = opts.workerEmail === null ? null : t.users.get(opts.workerEmail ?? 'sam.worker@demo.hearth.test')!;
  for (const child of children) {
    await createEpisode(db, child.id, { type: opts.episodeType ?? 'child-protection', startDate: opts.episodeStart ?? '2025-01-06' });
    await createAllocation(db, child.id, teamId, workerId);
  }
  return { children, ids: children.map((c) => c.id), mother, householdId, surname };
}

export const daysAgo = (n: number) => addDays(todayInLondon(), -n);

export function dateFields(prefix: string, iso: string): Form {
  const [year, month, day] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
}

/** A complete visit form: the first id is the child whose page it is; the rest are ticked. Each child seen alone unless `parts` says otherwise. */
export function visitForm(ids: string[], overrides: Form = {}, parts: Record<string, Form> = {}): Form {
  const form: Form = {
    ...dateFields('visitDate', daysAgo(1)),
    type: 'child-protection',
    children: ids.slice(1),
    othersSeen: 'Mum (Grace)',
    observed: 'The home was warm and tidy. There was food in the fridge.',
    analysis: 'The children are safe at home for now; mum is following the safety plan.',
    nextSteps: 'Visit again next week with the health visitor.',
  };
  for (const id of ids) {
    Object.assign(form, { [`seen-${id}`]: 'alone', [`bedroom-${id}`]: 'yes', [`words-${id}`]: 'I like my new bed.' }, parts[id] ?? {});
  }
  return { ...form, ...overrides };
}

/** A complete case note form: the first id is the child whose page it is; the rest are ticked. */
export function noteForm(ids: string[], overrides: Form = {}): Form {
  return {
    ...dateFields('occurredOn', daysAgo(0)),
    type: 'phone-call',
    participants: 'Ms Reed (class teacher)',
    summary: 'School rang: the children were on time all week and had packed lunches.',
    children: ids.slice(1),
    ...overrides,
  };
}

export async function count(t: TestApp, table: 'visits' | 'visit_children' | 'case_notes' | 'case_note_people' | 'chronology_entries'): Promise<number> {
  return toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`))[0]?.n);
}

export async function auditRows(t: TestApp, subjectId: string): Promise<{ action: string; child_id: string | null }[]> {
  return rows(t.database.db, sql`SELECT action, child_id FROM audit_log WHERE subject_id = ${subjectId} ORDER BY seq`);
}
