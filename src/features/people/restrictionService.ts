import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import { rows, type Db } from '../../platform/db';
import { viewPersonPage } from './header';

export type NamedPerson = { userId: string; name: string; email: string; role: string; teamName: string | null };

/** Roles that can never open a restricted record, so naming them would mislead. */
const CANNOT_SEE_RESTRICTED = ['admin', 'partner'];

export type RestrictionOutcome =
  | { ok: true }
  | { ok: false; unknownEmails: string[]; cannotSee: string[] };

/** Restricted records (S1): who is named on one, changing that, and the reason given to open one. */
export function restrictionService(db: Db) {
  /** Who is named on a record (in the transaction `on`, when a page reads it with its audit row). */
  const named = (personId: string, on: Db = db): Promise<NamedPerson[]> =>
    rows<NamedPerson>(
      on,
      sql`SELECT u.id AS "userId", u.name, u.email, u.role, t.name AS "teamName"
          FROM restricted_access ra JOIN users u ON u.id = ra.user_id LEFT JOIN teams t ON t.id = u.team_id
          WHERE ra.person_id = ${personId} ORDER BY u.name LIMIT 200`,
    );

  return {
    named,

    /**
     * Marks a record restricted (or not) and sets who may open it. The manager doing it is always
     * named, so they do not lock themselves out. Lifting the restriction clears the list.
     */
    async set(ctx: AuditContext & { actor: Actor }, personId: string, restricted: boolean, emails: string[]): Promise<RestrictionOutcome> {
      const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
      const found = wanted.length
        ? await rows<{ id: string; email: string; role: string; active: boolean }>(
            db,
            sql`SELECT id, lower(email) AS email, role, active FROM users WHERE lower(email) IN (${sql.join(wanted.map((e) => sql`${e}`), sql`, `)})`,
          )
        : [];
      const byEmail = new Map(found.map((u) => [u.email, u]));
      const unknownEmails = wanted.filter((e) => !byEmail.get(e)?.active);
      const cannotSee = found.filter((u) => CANNOT_SEE_RESTRICTED.includes(u.role)).map((u) => u.email);
      if (restricted && (unknownEmails.length || cannotSee.length)) return { ok: false, unknownEmails, cannotSee };
      const userIds = restricted ? [...new Set([ctx.actor.id, ...found.map((u) => u.id)])] : [];
      await db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE people SET restricted = ${restricted}, updated_at = now(), updated_by = ${ctx.actor.id} WHERE id = ${personId}`);
        if (userIds.length) {
          await tx.execute(sql`DELETE FROM restricted_access WHERE person_id = ${personId} AND user_id NOT IN (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})`);
          await tx.execute(
            sql`INSERT INTO restricted_access (person_id, user_id, granted_by)
                SELECT ${personId}, u, ${ctx.actor.id} FROM unnest(ARRAY[${sql.join(userIds.map((id) => sql`${id}`), sql`, `)}]::uuid[]) AS u
                ON CONFLICT DO NOTHING`,
          );
        } else {
          await tx.execute(sql`DELETE FROM restricted_access WHERE person_id = ${personId}`);
        }
        await audit(tx, ctx, { action: 'restriction-changed', subjectType: 'person', subjectId: personId, childId: personId, details: { restricted, named: userIds } });
      });
      return { ok: true };
    },

    /** The page that says who may see a record: the header and who is named, read and audited as a view in one transaction. */
    async form(ctx: AuditContext, personId: string) {
      const found = await viewPersonPage(db, ctx, personId, { action: 'restriction-viewed' }, (tx) => named(personId, tx));
      return found ? { header: found.person, named: found.data } : null;
    },

    /** The reason someone gave to open a restricted record: kept in the audit log. */
    async opened(ctx: AuditContext, personId: string, reason: string): Promise<void> {
      await audit(db, ctx, { action: 'restricted-record-opened', subjectType: 'person', subjectId: personId, childId: personId, reason });
    },
  };
}
