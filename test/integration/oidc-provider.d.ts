/** The small part of oidc-provider (which ships no types) that the sign-in tests use. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Account = { accountId: string; claims(use: string, scope: string): Promise<Record<string, unknown>> };

  export type ProviderConfiguration = {
    clients?: Record<string, unknown>[];
    claims?: Record<string, string[] | null>;
    cookies?: { keys: string[] };
    jwks?: { keys: Record<string, unknown>[] };
    findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined>;
    features?: Record<string, unknown>;
    pkce?: Record<string, unknown>;
    ttl?: Record<string, number>;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
