import type { Role } from '../../domain/roles';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords';
import type { SecretBox } from '../../platform/secretBox';
import { usersRepository, type UserRow } from './repository';
import { teamsService } from '../admin/teams';

export type NewUser = {
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  agency?: string | null;
  password?: string | null;
  isDemo?: boolean;
};

export class UserProblem extends Error {}

/** A switched-off account cannot be switched on while it is in a closed team: it must move to an open one first. */
export class InClosedTeam extends UserProblem {
  constructor(
    readonly user: { name: string; email: string },
    readonly teamName: string,
  ) {
    super(`${user.name} is in ${teamName}, which is closed, so their account stays switched off. Move them to an open team first`);
  }
}

/** Accounts and teams: used by sign-in, the administrator's pages and the `hearth user` command. */
export function usersService(db: Db, box: SecretBox) {
  const repo = usersRepository(db);
  return {
    repo,
    /**
     * The key behind this person's authenticator codes, or null when they have none or it cannot be
     * opened (sealed under another SECRET_KEY, or moved from another account). A key stored before
     * keys were encrypted is read as it is, and sealed the next time it is used (`sealTotpSecret`).
     */
    totpSecretOf(user: Pick<UserRow, 'id' | 'totpSecret'>): string | null {
      if (!user.totpSecret) return null;
      if (!box.isSealed(user.totpSecret)) return /^[A-Z2-7]{16,64}$/.test(user.totpSecret) ? user.totpSecret : null;
      return box.open(user.totpSecret, user.id);
    },
    /** Seals a key stored before keys were encrypted; does nothing to one already sealed. */
    async sealTotpSecret(user: Pick<UserRow, 'id' | 'totpSecret'>): Promise<void> {
      if (!user.totpSecret || box.isSealed(user.totpSecret)) return;
      await repo.update(user.id, { totpSecret: box.seal(user.totpSecret, user.id) });
    },
    async add(ctx: AuditContext, input: NewUser): Promise<UserRow> {
      const email = input.email.trim().toLowerCase();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UserProblem('Enter an email address in the correct format, like name@council.gov.uk');
      if (await repo.findByEmail(email)) throw new UserProblem('An account with this email address already exists');
      if (input.password) {
        const problem = passwordProblem(input.password);
        if (problem) throw new UserProblem(problem);
      }
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      return db.transaction(async (tx) => {
        const txRepo = usersRepository(tx);
        if (input.teamId && !(await teamsService(tx).isOpen(input.teamId, tx)))
          throw new UserProblem('That team is closed: choose an open team');
        const user = await txRepo.insert({
          email,
          name: input.name.trim(),
          role: input.role,
          teamId: input.teamId,
          agency: input.agency ?? null,
          passwordHash,
          isDemo: input.isDemo ?? false,
        });
        await audit(tx, ctx, { action: 'user-added', subjectType: 'user', subjectId: user.id, details: { role: input.role } });
        return user;
      });
    },
    /**
     * Switches an account off or on. Nobody is switched on in a closed team (throws InClosedTeam):
     * the team's row is locked (shared) before anything is written or audited, so it cannot close
     * under the change.
     */
    async setActive(ctx: AuditContext, userId: string, active: boolean): Promise<void> {
      await db.transaction(async (tx) => {
        const txRepo = usersRepository(tx);
        if (active) {
          const user = await txRepo.findById(userId);
          if (user?.teamId && !(await teamsService(tx).isOpen(user.teamId, tx)))
            throw new InClosedTeam(user, (await txRepo.findTeam(user.teamId))?.name ?? 'a team');
        }
        await txRepo.update(userId, { active });
        await audit(tx, ctx, { action: active ? 'user-enabled' : 'user-disabled', subjectType: 'user', subjectId: userId });
      });
    },
    async resetPassword(ctx: AuditContext, userId: string, password: string): Promise<void> {
      const problem = passwordProblem(password);
      if (problem) throw new UserProblem(problem);
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await usersRepository(tx).update(userId, { passwordHash, failedAttempts: 0, lockedUntil: null });
        await audit(tx, ctx, { action: 'password-reset', subjectType: 'user', subjectId: userId });
      });
    },
    async setTotpSecret(ctx: AuditContext, userId: string, secret: string | null): Promise<void> {
      await db.transaction(async (tx) => {
        await usersRepository(tx).update(userId, { totpSecret: secret === null ? null : box.seal(secret, userId), totpLastStep: null });
        await audit(tx, ctx, { action: secret ? 'two-factor-on' : 'two-factor-off', subjectType: 'user', subjectId: userId });
      });
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
