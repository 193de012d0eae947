import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import { teams, users } from '../../platform/tables';

export type UserRow = typeof users.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;

export function usersRepository(db: Db) {
  return {
    async findByEmail(email: string): Promise<UserRow | null> {
      const found = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
      return found[0] ?? null;
    },
    async findById(id: string): Promise<UserRow | null> {
      const found = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return found[0] ?? null;
    },
    async findByOidcSubject(subject: string): Promise<UserRow | null> {
      const found = await db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
      return found[0] ?? null;
    },
    async list(): Promise<(UserRow & { teamName: string | null })[]> {
      const found = await db
        .select({ user: users, teamName: teams.name })
        .from(users)
        .leftJoin(teams, eq(teams.id, users.teamId))
        .orderBy(asc(users.name));
      return found.map((r) => ({ ...r.user, teamName: r.teamName }));
    },
    async insert(values: typeof users.$inferInsert): Promise<UserRow> {
      const inserted = await db.insert(users).values(values).returning();
      return inserted[0]!;
    },
    async update(id: string, values: Partial<typeof users.$inferInsert>): Promise<void> {
      await db.update(users).set({ ...values, version: sql`${users.version} + 1` }).where(eq(users.id, id));
    },
    /** Counts a failed sign-in and locks the account once there are too many, in one statement. */
    async recordFailure(id: string, maxAttempts: number, lockMinutes: number): Promise<{ locked: boolean }> {
      const updated = await db
        .update(users)
        .set({
          failedAttempts: sql`${users.failedAttempts} + 1`,
          lockedUntil: sql`CASE WHEN ${users.failedAttempts} + 1 >= ${maxAttempts} THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${users.lockedUntil} END`,
        })
        .where(eq(users.id, id))
        .returning({ lockedUntil: users.lockedUntil });
      const until = updated[0]?.lockedUntil;
      return { locked: !!until && until.getTime() > Date.now() };
    },
    /** Takes an authenticator code's time step as used; false when this or a later step was used already (a replay). */
    async useTotpStep(id: string, step: number): Promise<boolean> {
      const updated = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, id), sql`(${users.totpLastStep} IS NULL OR ${users.totpLastStep} < ${step})`))
        .returning({ id: users.id });
      return updated.length === 1;
    },
    async recordSuccess(id: string): Promise<void> {
      await db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, id));
    },
    async countDemoAccounts(): Promise<number> {
      const found = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users).where(eq(users.isDemo, true));
      return found[0]?.n ?? 0;
    },
    async teams(): Promise<TeamRow[]> {
      return db.select().from(teams).orderBy(asc(teams.name));
    },
    async findTeamByName(name: string): Promise<TeamRow | null> {
      const found = await db.select().from(teams).where(sql`lower(${teams.name}) = lower(${name})`).limit(1);
      return found[0] ?? null;
    },
    async findTeam(id: string): Promise<TeamRow | null> {
      const found = await db.select().from(teams).where(eq(teams.id, id)).limit(1);
      return found[0] ?? null;
    },
    async insertTeam(values: typeof teams.$inferInsert): Promise<TeamRow> {
      const inserted = await db.insert(teams).values(values).returning();
      return inserted[0]!;
    },
    async activeInTeam(teamId: string): Promise<UserRow[]> {
      return db.select().from(users).where(and(eq(users.teamId, teamId), eq(users.active, true))).orderBy(asc(users.name));
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
