import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '../domain/roles';
import { rows, type Db } from './db';

/** The signed-in person, as every check sees them. */
export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
};

/**
 * What each role may do. This table and the scopes below are the only place access is decided;
 * routes declare the action they need and repositories take their scope from here.
 */
export const ACTIONS = {
  'person:view': ['social-worker', 'early-help', 'team-manager', 'partner', 'cp-chair', 'qa'],
  'person:create': ['social-worker', 'early-help', 'team-manager'],
  'person:edit': ['social-worker', 'early-help', 'team-manager'],
  'person:search': ['social-worker', 'early-help', 'team-manager', 'cp-chair', 'qa'],
  'person:merge': ['team-manager'],
  'family:edit': ['social-worker', 'early-help', 'team-manager'],
  'contact:record': ['social-worker', 'early-help', 'team-manager'],
  'contact:view': ['social-worker', 'early-help', 'team-manager', 'cp-chair', 'qa'],
  'contact:decide': ['team-manager'],
  'consent:authorise': ['team-manager'],
  /** The child's contacts, episodes and workers over time: not for partner agencies, who see only what was shared with them. */
  'involvement:view': ['social-worker', 'early-help', 'team-manager', 'cp-chair', 'qa'],
  'episode:manage': ['social-worker', 'early-help', 'team-manager'],
  'allocation:manage': ['team-manager'],
  'caseload:view': ['social-worker', 'early-help', 'team-manager'],
  'team:view': ['team-manager'],
  'audit:view-record': ['team-manager', 'qa'],
  'restricted:manage': ['team-manager'],
  'grant:manage': ['team-manager'],
  'admin:users': ['admin'],
  'assessment:view': ['social-worker', 'early-help', 'team-manager', 'cp-chair', 'qa'],
  'assessment:start': ['social-worker', 'early-help', 'team-manager'],
  'assessment:edit': ['social-worker', 'early-help', 'team-manager'],
  'assessment:decide': ['team-manager'],
  'assessment:authorise': ['team-manager'],
  'visit:record': ['social-worker', 'early-help', 'team-manager'],
  'visit:view': ['social-worker', 'early-help', 'team-manager', 'cp-chair', 'qa'],
  'note:record': ['social-worker', 'early-help', 'team-manager'],
  'note:view': ['social-worker', 'early-help', 'team-manager', 'cp-chair', 'qa'],
  'assessment:share': ['social-worker', 'early-help', 'team-manager'],
  'task:view': ['social-worker', 'early-help', 'team-manager', 'cp-chair', 'qa'],
  'task:manage': ['social-worker', 'early-help', 'team-manager'],
  'plain-language:check': ['social-worker', 'early-help', 'team-manager', 'cp-chair'],
  'plain-language:manage': ['admin'],
  /** The council's settings (timescales, visit frequency, closure days): administrators only. */
  'settings:manage': ['admin'],
  'chronology:view': ['social-worker', 'early-help', 'team-manager', 'partner', 'cp-chair', 'qa'],
  'chronology:add': ['social-worker', 'early-help', 'team-manager'],
  'chronology:edit': ['social-worker', 'early-help', 'team-manager'],
  'chronology:share': ['social-worker', 'early-help', 'team-manager'],
  'chronology:export': ['social-worker', 'early-help', 'team-manager', 'cp-chair', 'qa'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export function can(actor: Actor | null, action: Action): boolean {
  if (!actor) return false;
  return (ACTIONS[action] as readonly Role[]).includes(actor.role);
}

/**
 * The children and adults this person may see, as a condition on a `people` row aliased `p`.
 * - practitioners and managers: people allocated to their team or to them, and people not
 *   allocated to any team (the front door, closed cases and adults);
 * - chairs, reviewing officers and quality assurance: everyone not restricted;
 * - partner agencies: only people they were granted, while the grant lasts;
 * - administrators: no one (they manage accounts, not records).
 * Restricted records are seen only by the people named on them, whatever the role.
 */
export function peopleScope(actor: Actor, alias = 'p'): SQL {
  const p = sql.raw(alias);
  const named = sql`EXISTS (SELECT 1 FROM restricted_access ra WHERE ra.person_id = ${p}.id AND ra.user_id = ${actor.id})`;
  const notMerged = sql`${p}.merged_into IS NULL`;
  switch (actor.role) {
    case 'social-worker':
    case 'early-help':
    case 'team-manager': {
      const team = actor.teamId
        ? sql`${p}.current_team_id IS NULL OR ${p}.current_team_id = ${actor.teamId} OR ${p}.current_worker_id = ${actor.id}`
        : sql`${p}.current_team_id IS NULL OR ${p}.current_worker_id = ${actor.id}`;
      return sql`(${notMerged} AND ((${p}.restricted = false AND (${team})) OR ${named}))`;
    }
    case 'cp-chair':
    case 'qa':
      return sql`(${notMerged} AND (${p}.restricted = false OR ${named}))`;
    case 'partner':
      return sql`(${notMerged} AND ${p}.restricted = false AND EXISTS (SELECT 1 FROM access_grants g WHERE g.person_id = ${p}.id AND g.user_id = ${actor.id} AND g.revoked_at IS NULL AND g.expires_at > now()))`;
    case 'admin':
      return sql`false`;
  }
}

/**
 * Something a practitioner recorded about one or several children (a visit, a case note), with the
 * teams responsible for it now: the team of the person who recorded it (the team they were in at the
 * time is not stored) and the teams the children are allocated to (none for a child allocated to no team).
 */
export type RecordedWork = { recordedBy: string | null; recorderTeamId: string | null; childTeamIds: readonly string[] };

/**
 * May this user change a visit or a case note? The person who recorded it, or a manager of a team
 * responsible for it (RecordedWork). Not any manager who may open the child: every manager may open
 * a child allocated to no team (the front door, a closed case).
 */
export function mayChangeRecordedWork(actor: Actor, work: RecordedWork): boolean {
  if (work.recordedBy === actor.id) return true;
  if (actor.role !== 'team-manager' || !actor.teamId) return false;
  return work.recorderTeamId === actor.teamId || work.childTeamIds.includes(actor.teamId);
}

/** What an access-refused audit row says was needed to change a visit or a case note. */
export const CHANGE_RECORDED_WORK_NEED = 'recorded it, or manager of the team';

/**
 * Whom the duplicate check looks through before someone adds a person: the whole authority, not only
 * what this user may open, because a second record for a child another team holds is how things get
 * missed. The check says only that such a record exists and which team holds it, never what is in it.
 * Restricted records are left out: saying that one exists could itself give a child away.
 */
export function duplicateCheckScope(alias = 'p'): SQL {
  const p = sql.raw(alias);
  return sql`(${p}.merged_into IS NULL AND ${p}.restricted = false)`;
}

export type PersonAccess =
  | { outcome: 'allowed'; restricted: boolean; mergedInto: null }
  | { outcome: 'merged'; mergedInto: string }
  | { outcome: 'denied' }
  | { outcome: 'not-found' };

/** May this person open this record? One query: existence, merge state and the scope together. */
export async function checkPerson(db: Db, actor: Actor, personId: string): Promise<PersonAccess> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(personId)) return { outcome: 'not-found' };
  const scopeWithoutMerge = peopleScope(actor, 'p');
  const found = await rows<{ restricted: boolean; merged_into: string | null; visible: boolean; visible_if_live: boolean }>(
    db,
    sql`SELECT p.restricted, p.merged_into,
          ${scopeWithoutMerge} AS visible,
          (SELECT ${peopleScope(actor, 'live')} FROM people live WHERE live.id = p.merged_into) AS visible_if_live
        FROM people p WHERE p.id = ${personId}`,
  );
  const row = found[0];
  if (!row) return { outcome: 'not-found' };
  if (row.merged_into) return row.visible_if_live ? { outcome: 'merged', mergedInto: row.merged_into } : { outcome: 'denied' };
  if (!row.visible) return { outcome: 'denied' };
  return { outcome: 'allowed', restricted: row.restricted, mergedInto: null };
}
