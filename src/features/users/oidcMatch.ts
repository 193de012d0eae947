import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { isRole } from '../../domain/roles';
import { usersRepository, type UserRow } from './repository';

export type OidcMatch =
  | { outcome: 'matched'; user: UserRow }
  | { outcome: 'unknown' }
  | { outcome: 'disabled'; user: UserRow }
  | { outcome: 'linked-elsewhere'; user: UserRow };

/**
 * Finds the Hearth account for someone the council's identity provider vouched for. First by the
 * provider's subject id; the first time, by their email address if the provider says it is verified,
 * and then that subject is stored so the email address can change later. Hearth never creates an
 * account here: an administrator adds people.
 */
export async function matchOidcUser(
  db: Db,
  ctx: AuditContext,
  identity: { subject: string; email: string | null; emailVerified: boolean },
): Promise<OidcMatch> {
  const repo = usersRepository(db);
  const bySubject = await repo.findByOidcSubject(identity.subject);
  if (bySubject) return usable(bySubject);
  if (!identity.email || !identity.emailVerified || identity.email.length > 320)
    return { outcome: 'unknown' };
  const byEmail = await repo.findByEmail(identity.email);
  if (!byEmail) return { outcome: 'unknown' };
  // The account is already tied to another identity at the provider: do not let a second one take it over.
  if (byEmail.oidcSubject && byEmail.oidcSubject !== identity.subject)
    return { outcome: 'linked-elsewhere', user: byEmail };
  if (!byEmail.active || !isRole(byEmail.role)) return { outcome: 'disabled', user: byEmail };
  await db.transaction(async (tx) => {
    await usersRepository(tx).update(byEmail.id, { oidcSubject: identity.subject });
    await audit(tx, ctx, {
      action: 'council-account-linked',
      subjectType: 'user',
      subjectId: byEmail.id,
      details: { method: 'oidc' },
    });
  });
  return { outcome: 'matched', user: { ...byEmail, oidcSubject: identity.subject } };
}

function usable(user: UserRow): OidcMatch {
  if (!user.active || !isRole(user.role)) return { outcome: 'disabled', user };
  return { outcome: 'matched', user };
}
