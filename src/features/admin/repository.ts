import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db';
import { teams, users } from '../../platform/tables';

/** One account as the administrator's list shows it: never the password hash or the second-factor secret. */
export type AccountSummary = {
  id: string;
  email: string;
  name: string;
  role: string;
  teamId: string | null;
  teamName: string | null;
  agency: string | null;
  active: boolean;
  secondFactor: boolean;
  hasPassword: boolean;
  councilLinked: boolean;
  lockedUntil: Date | null;
  isDemo: boolean;
  version: number;
};

type AccountRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  team_id: string | null;
  team_name: string | null;
  agency: string | null;
  active: boolean;
  second_factor: boolean;
  has_password: boolean;
  council_linked: boolean;
  locked_until: Date | string | null;
  is_demo: boolean;
  version: number | string;
};

const SUMMARY = sql`u.id, u.email, u.name, u.role, u.team_id, t.name AS team_name, u.agency, u.active,
  (u.totp_secret IS NOT NULL) AS second_factor, (u.password_hash IS NOT NULL) AS has_password,
  (u.oidc_subject IS NOT NULL) AS council_linked,
  CASE WHEN u.locked_until > now() THEN u.locked_until END AS locked_until, u.is_demo, u.version`;

function toSummary(r: AccountRow): AccountSummary {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    teamId: r.team_id,
    teamName: r.team_name,
    agency: r.agency,
    active: r.active,
    secondFactor: r.second_factor,
    hasPassword: r.has_password,
    councilLinked: r.council_linked,
    lockedUntil: r.locked_until ? new Date(r.locked_until) : null,
    isDemo: r.is_demo,
    version: Number(r.version),
  };
}

export const PAGE_SIZE = 100;

/** Accounts and teams as the administrator manages them. */
export function adminRepository(db: Db) {
  return {
    /**
     * A page of accounts in name order, after the given (name, id), optionally filtered by a few
     * letters of the name or email. One query, LIMIT one more than a page to know if there is a next.
     */
    async listAccounts(opts: {
      search: string;
      after: { name: string; id: string } | null;
    }): Promise<{ accounts: AccountSummary[]; more: boolean }> {
      const pattern = opts.search ? `%${opts.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const found = await rows<AccountRow>(
        db,
        sql`SELECT ${SUMMARY}
            FROM users u LEFT JOIN teams t ON t.id = u.team_id
            WHERE (${pattern}::text IS NULL OR u.name ILIKE ${pattern} OR u.email ILIKE ${pattern})
              AND (${opts.after?.name ?? null}::text IS NULL OR (u.name, u.id) > (${opts.after?.name ?? ''}, ${opts.after?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid))
            ORDER BY u.name, u.id
            LIMIT ${PAGE_SIZE + 1}`,
      );
      return { accounts: found.slice(0, PAGE_SIZE).map(toSummary), more: found.length > PAGE_SIZE };
    },

    async findAccount(id: string): Promise<AccountSummary | null> {
      const found = await rows<AccountRow>(
        db,
        sql`SELECT ${SUMMARY} FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = ${id}`,
      );
      return found[0] ? toSummary(found[0]) : null;
    },

    /** Saves the change only if nobody else has saved since `version` was read; returns whether it saved. */
    async updateIfVersion(
      id: string,
      version: number,
      values: { name: string; role: string; teamId: string | null; agency: string | null; active: boolean },
    ): Promise<boolean> {
      const updated = await db
        .update(users)
        .set({ ...values, version: sql`${users.version} + 1` })
        .where(and(eq(users.id, id), eq(users.version, version)))
        .returning({ id: users.id });
      return updated.length > 0;
    },

    async unlock(id: string): Promise<void> {
      await db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, id));
    },

    /** Every team's name, open or closed (to name an account's team). */
    async teamOptions(): Promise<{ id: string; name: string }[]> {
      return db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(teams.name);
    },
  };
}

export type AdminRepository = ReturnType<typeof adminRepository>;
