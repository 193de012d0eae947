import type { Action, Actor } from './access';
import type { LoadedSession } from './session';
import type { QueryStore } from './db';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: LoadedSession | null;
    /** Set when the cookie named a session that has timed out: whose it was, so their typing can be kept. */
    expiredUserId: string | null;
    /** Outside production: the queries this request has issued so far (tests and the benchmark read them). */
    queries: QueryStore | null;
  }
  interface FastifyReply {
    page(template: string, data: Record<string, unknown>, status?: number): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Open to anyone, signed in or not (sign-in pages, health, assets). */
    public?: boolean;
    /** What the signed-in person must be allowed to do for this route. */
    action?: Action;
    /** The route names a person in this parameter: check this user may see them before the handler runs. */
    personParam?: string;
    /** For a form that posts to another address: the page that shows it (":name" filled from the address), where someone whose session timed out comes back to after signing in. */
    formPage?: string;
  }
}

export {};
