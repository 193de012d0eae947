import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { isRole } from '../domain/roles';
import type { Actor } from './access';
import { asUpkeep, type Db } from './db';
import { sessions, users } from './tables';

export const SESSION_COOKIE = 'hearth_session';

/** What a session remembers between requests. Kept small: it lives in the database, not in memory. */
export type SessionData = {
  /** Password accepted, second factor still to give. */
  pendingUserId?: string;
  /** Where to go after signing in. */
  returnTo?: string;
  /** Reasons given for opening restricted records, by person id. */
  restrictedReasons?: Record<string, string>;
  /** OpenID Connect sign-in in progress. */
  oidc?: { state: string; nonce: string; codeVerifier: string; returnTo?: string };
  /** A one-line message to show on the next page. */
  flash?: string;
};

export type LoadedSession = { idHash: string; userId: string | null; data: SessionData };

const hashId = (id: string): string => createHash('sha256').update(id).digest('base64url');

export function sessionStore(db: Db, config: Config) {
  const idleMs = config.sessionIdleMinutes * 60_000;
  const maxMs = config.sessionMaxHours * 3_600_000;

  function setCookie(reply: FastifyReply, id: string): void {
    reply.setCookie(SESSION_COOKIE, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
    });
  }

  /** Creates a session and returns its secret id (the cookie value). Only its hash is stored. */
  async function issue(userId: string | null, data: SessionData): Promise<{ id: string; session: LoadedSession }> {
    const id = randomBytes(32).toString('base64url');
    const idHash = hashId(id);
    await db.insert(sessions).values({ idHash, userId, data, expiresAt: new Date(Date.now() + maxMs) });
    return { id, session: { idHash, userId, data } };
  }

  return {
    /** Reads the session and its user in one query. An idle or expired session is reported, not used. */
    async load(
      request: FastifyRequest,
    ): Promise<{ session: LoadedSession | null; actor: Actor | null; expiredUserId: string | null }> {
      const id = request.cookies[SESSION_COOKIE];
      if (!id || id.length > 100) return { session: null, actor: null, expiredUserId: null };
      const idHash = hashId(id);
      const found = await db
        .select({
          userId: sessions.userId,
          data: sessions.data,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          name: users.name,
          email: users.email,
          role: users.role,
          teamId: users.teamId,
          active: users.active,
        })
        .from(sessions)
        .leftJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.idHash, idHash))
        .limit(1);
      const row = found[0];
      if (!row) return { session: null, actor: null, expiredUserId: null };
      const now = Date.now();
      const expired = row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idleMs <= now;
      if (expired) return { session: null, actor: null, expiredUserId: row.userId };
      const session: LoadedSession = { idHash, userId: row.userId, data: row.data as SessionData };
      if (!row.userId || !row.active || !isRole(row.role) || !row.name || !row.email) {
        return { session, actor: null, expiredUserId: null };
      }
      // Touch at most once a minute: idle time is measured in minutes, and a write per page is waste.
      if (now - row.lastSeenAt.getTime() > 60_000) {
        await asUpkeep(() => db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.idHash, idHash)));
      }
      return {
        session,
        actor: { id: row.userId, name: row.name, email: row.email, role: row.role, teamId: row.teamId },
        expiredUserId: null,
      };
    },

    issue,

    /** Starts a fresh session (always a new id: no fixation) and sets its cookie. */
    async start(reply: FastifyReply, userId: string | null, data: SessionData): Promise<LoadedSession> {
      const { id, session } = await issue(userId, data);
      setCookie(reply, id);
      return session;
    },

    async save(session: LoadedSession): Promise<void> {
      await asUpkeep(() => db.update(sessions).set({ data: session.data }).where(eq(sessions.idHash, session.idHash)));
    },

    async end(reply: FastifyReply, session: LoadedSession | null): Promise<void> {
      if (session) await db.delete(sessions).where(eq(sessions.idHash, session.idHash));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },

    async endAllFor(userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },

  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
