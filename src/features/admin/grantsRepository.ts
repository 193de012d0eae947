import { sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, type Db } from '../../platform/db';

/** One partner grant on a child's record, as the manager's page shows it. */
export type GrantView = {
  id: string;
  userId: string;
  partnerName: string;
  agency: string | null;
  purpose: string;
  grantedByName: string | null;
  grantedAt: Date;
  /** The last day of access (access ends at midnight after it, UK time). */
  expiresOn: string;
  revokedAt: Date | null;
  current: boolean;
};

export type PartnerOption = { id: string; name: string; agency: string | null };

/** A record shared with a partner agency professional, as their home page lists it. */
export type SharedRecord = { id: string; name: string; dateOfBirth: string | null; lastDay: string };

/** The most records a partner's home page lists: grants are for a few children at a time. */
export const SHARED_LIMIT = 200;

/** The longest history shown on the page: grants for one child are few, this is a safety net. */
export const GRANT_HISTORY_LIMIT = 100;

export function grantsRepository(db: Db) {
  return {
    /** Current grants first (soonest to end first), then past ones, newest first. One query. */
    async forPerson(personId: string): Promise<GrantView[]> {
      const found = await rows<{
        id: string;
        user_id: string;
        partner_name: string;
        agency: string | null;
        purpose: string;
        granted_by_name: string | null;
        granted_at: Date | string;
        expires_on: string;
        revoked_at: Date | string | null;
        current: boolean;
      }>(
        db,
        sql`SELECT g.id, g.user_id, u.name AS partner_name, u.agency, g.purpose, gb.name AS granted_by_name, g.granted_at,
                   ((g.expires_at AT TIME ZONE 'Europe/London') - interval '1 microsecond')::date::text AS expires_on,
                   g.revoked_at, (g.revoked_at IS NULL AND g.expires_at > now()) AS current
            FROM access_grants g
            JOIN users u ON u.id = g.user_id
            LEFT JOIN users gb ON gb.id = g.granted_by
            WHERE g.person_id = ${personId}
            ORDER BY (g.revoked_at IS NULL AND g.expires_at > now()) DESC,
                     CASE WHEN g.revoked_at IS NULL AND g.expires_at > now() THEN g.expires_at END ASC,
                     g.granted_at DESC
            LIMIT ${GRANT_HISTORY_LIMIT}`,
      );
      return found.map((g) => ({
        id: g.id,
        userId: g.user_id,
        partnerName: g.partner_name,
        agency: g.agency,
        purpose: g.purpose,
        grantedByName: g.granted_by_name,
        grantedAt: new Date(g.granted_at),
        expiresOn: g.expires_on,
        revokedAt: g.revoked_at ? new Date(g.revoked_at) : null,
        current: g.current,
      }));
    },

    /** The records shared with this partner now, soonest to end first, within their scope. One query. */
    async sharedWith(actor: Actor): Promise<SharedRecord[]> {
      const found = await rows<{ id: string; first_name: string; last_name: string; date_of_birth: string | null; last_day: string }>(
        db,
        sql`SELECT p.id, p.first_name, p.last_name, p.date_of_birth::text AS date_of_birth,
                   ((max(g.expires_at) AT TIME ZONE 'Europe/London') - interval '1 microsecond')::date::text AS last_day
            FROM access_grants g
            JOIN people p ON p.id = g.person_id
            WHERE g.user_id = ${actor.id} AND g.revoked_at IS NULL AND g.expires_at > now() AND ${peopleScope(actor, 'p')}
            GROUP BY p.id, p.first_name, p.last_name, p.date_of_birth
            ORDER BY max(g.expires_at), p.last_name, p.first_name
            LIMIT ${SHARED_LIMIT}`,
      );
      return found.map((r) => ({ id: r.id, name: `${r.first_name} ${r.last_name}`, dateOfBirth: r.date_of_birth, lastDay: r.last_day }));
    },

    /** Partner agency professionals whose accounts are switched on, by agency then name. */
    async partners(): Promise<PartnerOption[]> {
      return rows<PartnerOption>(
        db,
        sql`SELECT id, name, agency FROM users WHERE role = 'partner' AND active ORDER BY agency NULLS LAST, name LIMIT 1000`,
      );
    },

    async activePartner(userId: string): Promise<PartnerOption | null> {
      const found = await rows<PartnerOption>(
        db,
        sql`SELECT id, name, agency FROM users WHERE id = ${userId} AND role = 'partner' AND active`,
      );
      return found[0] ?? null;
    },

    /** The partner's current grant on this record, if any: the last day of access. */
    async currentFor(personId: string, userId: string): Promise<string | null> {
      const found = await rows<{ expires_on: string }>(
        db,
        sql`SELECT ((expires_at AT TIME ZONE 'Europe/London') - interval '1 microsecond')::date::text AS expires_on
            FROM access_grants WHERE person_id = ${personId} AND user_id = ${userId} AND revoked_at IS NULL AND expires_at > now()
            ORDER BY expires_at DESC LIMIT 1`,
      );
      return found[0]?.expires_on ?? null;
    },

    /** Access lasts to the end of `lastDay`, UK time. */
    async insert(values: {
      personId: string;
      userId: string;
      purpose: string;
      grantedBy: string;
      lastDay: string;
    }): Promise<string> {
      const inserted = await rows<{ id: string }>(
        db,
        sql`INSERT INTO access_grants (person_id, user_id, purpose, granted_by, expires_at)
            VALUES (${values.personId}, ${values.userId}, ${values.purpose}, ${values.grantedBy},
                    ((${values.lastDay}::date + 1)::timestamp AT TIME ZONE 'Europe/London'))
            RETURNING id`,
      );
      return inserted[0]!.id;
    },

    /** Ends a grant now. Returns the partner's id, or null when there was no such current grant. */
    async revoke(personId: string, grantId: string): Promise<string | null> {
      const updated = await rows<{ user_id: string }>(
        db,
        sql`UPDATE access_grants SET revoked_at = now()
            WHERE id = ${grantId} AND person_id = ${personId} AND revoked_at IS NULL AND expires_at > now()
            RETURNING user_id`,
      );
      return updated[0]?.user_id ?? null;
    },
  };
}
