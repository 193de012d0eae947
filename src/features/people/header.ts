import { sql } from 'drizzle-orm';
import { can, type Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import { rows, type Db } from '../../platform/db';

/** What every page about one person shows at the top: who they are and where their case sits. */
export type PersonHeader = {
  id: string;
  kind: 'child' | 'adult';
  name: string;
  knownAs: string | null;
  dateOfBirth: string | null;
  dateOfBirthEstimated: boolean;
  expectedDeliveryDate: string | null;
  nhsNumber: string | null;
  restricted: boolean;
  teamName: string | null;
  workerName: string | null;
  stage: string | null;
  version: number;
};

export type PersonTab = 'details' | 'family' | 'involvement' | 'assessments' | 'visits' | 'chronology' | 'tasks' | 'audit';

/** One query, whatever the record holds. The caller has already passed the access guard. */
export async function loadPersonHeader(db: Db, personId: string): Promise<PersonHeader | null> {
  const found = await rows<{
    id: string;
    kind: 'child' | 'adult';
    first_name: string;
    middle_names: string | null;
    last_name: string;
    known_as: string | null;
    date_of_birth: string | null;
    date_of_birth_estimated: boolean;
    expected_delivery_date: string | null;
    nhs_number: string | null;
    restricted: boolean;
    team_name: string | null;
    worker_name: string | null;
    stage: string | null;
    version: number;
  }>(
    db,
    sql`SELECT p.id, p.kind, p.first_name, p.middle_names, p.last_name, p.known_as,
               p.date_of_birth::text AS date_of_birth, p.date_of_birth_estimated,
               p.expected_delivery_date::text AS expected_delivery_date, p.nhs_number, p.restricted, p.version,
               t.name AS team_name, u.name AS worker_name,
               (SELECT e.type FROM episodes e WHERE e.person_id = p.id AND e.end_date IS NULL
                 ORDER BY e.start_date DESC LIMIT 1) AS stage
        FROM people p
        LEFT JOIN teams t ON t.id = p.current_team_id
        LEFT JOIN users u ON u.id = p.current_worker_id
        WHERE p.id = ${personId}`,
  );
  const row = found[0];
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    name: [row.first_name, row.middle_names, row.last_name].filter(Boolean).join(' '),
    knownAs: row.known_as,
    dateOfBirth: row.date_of_birth,
    dateOfBirthEstimated: row.date_of_birth_estimated,
    expectedDeliveryDate: row.expected_delivery_date,
    nhsNumber: row.nhs_number,
    restricted: row.restricted,
    teamName: row.team_name,
    workerName: row.worker_name,
    stage: row.stage,
    version: Number(row.version),
  };
}

/** What the audit row of a page about one person says: the action, and the record it shows when that is not the person. */
export type PageView = { action: string; subjectType?: string; subjectId?: string | null; details?: Record<string, unknown> };

/**
 * A page about one person (a form, mostly): their header, what else the page reads, and the audit
 * row of the view, in one transaction, as the record's own tabs do. `read` runs in the transaction
 * and returns null when what the address names is not there: nothing is audited and the caller
 * answers "not found". `view` says what to audit, or null when the page is not shown after all (the
 * caller redirects instead), so an audit row always stands for a page someone saw. (When `view` is a
 * function, type `read`'s transaction, `(tx: Db) => …`, so that what it returns types `view`'s data.)
 */
export async function viewPersonPage<T>(
  db: Db,
  ctx: AuditContext,
  personId: string,
  view: PageView | ((person: PersonHeader, data: NoInfer<T>) => PageView | null),
  read: (tx: Db, person: PersonHeader) => Promise<T | null>,
): Promise<{ person: PersonHeader; data: T } | null> {
  return db.transaction(async (tx) => {
    const person = await loadPersonHeader(tx, personId);
    if (!person) return null;
    const data = await read(tx, person);
    if (data === null) return null;
    const event = typeof view === 'function' ? view(person, data) : view;
    if (event) {
      await audit(tx, ctx, { action: event.action, subjectType: event.subjectType ?? 'person', subjectId: event.subjectId ?? personId, childId: personId, details: event.details });
    }
    return { person, data };
  });
}

/** A page that shows only the person's header and a form: the header, with the audit row of the view, in one transaction. */
export async function viewPersonHeader(db: Db, ctx: AuditContext, personId: string, view: PageView | ((person: PersonHeader) => PageView | null)): Promise<PersonHeader | null> {
  const found = await viewPersonPage(db, ctx, personId, typeof view === 'function' ? (person) => view(person) : view, async () => true);
  return found?.person ?? null;
}

/** The tabs across a person's record (MoJ sub-navigation items), by what this user may open. */
export function personTabs(actor: Actor, personId: string, current: PersonTab) {
  const tabs: { text: string; href: string; tab: PersonTab }[] = [
    { text: 'Details', href: `/people/${personId}`, tab: 'details' },
    { text: 'Family and household', href: `/people/${personId}/family`, tab: 'family' },
  ];
  if (can(actor, 'involvement:view')) tabs.push({ text: 'Contacts, episodes and workers', href: `/people/${personId}/involvement`, tab: 'involvement' });
  if (can(actor, 'assessment:view')) tabs.push({ text: 'Assessments', href: `/people/${personId}/assessments`, tab: 'assessments' });
  if (can(actor, 'visit:view')) tabs.push({ text: 'Visits and case notes', href: `/people/${personId}/visits`, tab: 'visits' });
  if (can(actor, 'chronology:view')) tabs.push({ text: 'Chronology', href: `/people/${personId}/chronology`, tab: 'chronology' });
  if (can(actor, 'task:view')) tabs.push({ text: 'Tasks', href: `/people/${personId}/tasks`, tab: 'tasks' });
  if (can(actor, 'audit:view-record')) tabs.push({ text: 'Who has seen this record', href: `/people/${personId}/audit`, tab: 'audit' });
  return tabs.map((t) => ({ text: t.text, href: t.href, active: t.tab === current }));
}
