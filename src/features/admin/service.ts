import { eq } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { hashPassword } from '../../platform/auth/passwords';
import { sessions } from '../../platform/tables';
import { usersRepository } from '../users/repository';
import { adminRepository, type AccountSummary } from './repository';
import { teamsService } from './teams';

export type AccountChanges = {
  name: string;
  role: string;
  teamId: string | null;
  agency: string | null;
  active: boolean;
};

export type EditOutcome =
  | { outcome: 'saved' }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; field: string; message: string }
  | { outcome: 'conflict'; current: AccountSummary };

const FIELDS: (keyof AccountChanges)[] = ['name', 'role', 'teamId', 'agency', 'active'];

/** What an administrator does to accounts and teams. Every change is audited in its own transaction. */
export function adminService(db: Db) {
  const repo = adminRepository(db);

  return {
    repo,

    /** Changes an account (from the Users pages, or `hearth user change` with no signed-in actor). */
    async editAccount(
      ctx: AuditContext,
      userId: string,
      version: number,
      changes: AccountChanges,
    ): Promise<EditOutcome> {
      if (userId === ctx.actor?.id) {
        if (changes.role !== 'admin')
          return {
            outcome: 'refused',
            field: 'role',
            message: 'You cannot take away your own administrator role: ask another administrator',
          };
        if (!changes.active)
          return {
            outcome: 'refused',
            field: 'active',
            message: 'You cannot switch off your own account: ask another administrator',
          };
      }
      return db.transaction(async (tx) => {
        const txRepo = adminRepository(tx);
        const before = await txRepo.findAccount(userId);
        if (!before) return { outcome: 'not-found' } as const;
        // Nobody joins a closed team, and a switched-off account in one is not switched on there.
        const joining = changes.teamId && (changes.teamId !== before.teamId || (changes.active && !before.active));
        if (joining && !(await teamsService(tx).isOpen(changes.teamId!, tx)))
          return { outcome: 'refused', field: 'team', message: 'That team is closed: select an open team' } as const;
        const saved = await txRepo.updateIfVersion(userId, version, changes);
        if (!saved) return { outcome: 'conflict', current: before } as const;
        const changed: Record<string, { from: unknown; to: unknown }> = {};
        for (const field of FIELDS) {
          if (before[field] !== changes[field]) changed[field] = { from: before[field], to: changes[field] };
        }
        await audit(tx, ctx, {
          action: 'user-changed',
          subjectType: 'user',
          subjectId: userId,
          details: { changed },
        });
        // A switched-off account is signed out everywhere at once.
        if (!changes.active) await tx.delete(sessions).where(eq(sessions.userId, userId));
        return { outcome: 'saved' } as const;
      });
    },

    /** Sets a new password, clears any lock, optionally removes the second factor, and signs them out everywhere. */
    async resetPassword(
      ctx: AuditContext,
      userId: string,
      password: string,
      removeSecondFactor: boolean,
    ): Promise<void> {
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await usersRepository(tx).update(userId, {
          passwordHash,
          failedAttempts: 0,
          lockedUntil: null,
          ...(removeSecondFactor ? { totpSecret: null } : {}),
        });
        await tx.delete(sessions).where(eq(sessions.userId, userId));
        await audit(tx, ctx, {
          action: 'password-reset',
          subjectType: 'user',
          subjectId: userId,
          details: { secondFactorRemoved: removeSecondFactor },
        });
      });
    },

    async unlock(ctx: AuditContext, userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await adminRepository(tx).unlock(userId);
        await audit(tx, ctx, { action: 'account-unlocked', subjectType: 'user', subjectId: userId });
      });
    },

    /** An administrator looked at the accounts: who opened which page, for the audit trail. */
    async recordView(ctx: AuditContext, what: string, subjectId: string | null = null): Promise<void> {
      await audit(db, ctx, { action: what, subjectType: subjectId ? 'user' : 'users', subjectId });
    },
  };
}

export type AdminService = ReturnType<typeof adminService>;
