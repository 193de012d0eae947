import * as client from 'openid-client';
import type { Config } from '../../config';

/** What Hearth learns about a person from the council's identity provider. */
export type OidcIdentity = {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

/** What the sign-in session keeps between sending someone to the provider and their return. */
export type OidcPending = { state: string; nonce: string; codeVerifier: string };

/** The identity provider refused or the response did not check out: safe to show a plain page. */
export class OidcProblem extends Error {
  constructor(
    message: string,
    readonly reason: 'cancelled' | 'provider-error' | 'invalid-response' | 'unavailable',
  ) {
    super(message);
  }
}

type OidcSettings = NonNullable<Config['oidc']>;

/**
 * Plain HTTP to the provider is only ever allowed outside production, and then only in tests or
 * for a provider on this machine (a developer's local identity provider). Never in production.
 */
export function allowsInsecureIssuer(env: Config['env'], issuer: string): boolean {
  if (env === 'production') return false;
  const url = new URL(issuer);
  if (url.protocol !== 'http:') return false;
  return (
    env === 'test' || url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
  );
}

/**
 * OpenID Connect sign-in with the authorization code flow, PKCE, state and nonce.
 * The provider's metadata is discovered the first time someone signs in and kept; a failed
 * discovery is not kept, so the next attempt tries again.
 */
export function oidcClient(settings: OidcSettings, env: Config['env']) {
  let discovered: Promise<client.Configuration> | null = null;

  function configuration(): Promise<client.Configuration> {
    if (!discovered) {
      const insecure = allowsInsecureIssuer(env, settings.issuer);
      discovered = client
        .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
          timeout: 10,
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        })
        .catch((error: unknown) => {
          discovered = null;
          throw new OidcProblem(
            `The council sign-in service could not be reached: ${messageOf(error)}`,
            'unavailable',
          );
        });
    }
    return discovered;
  }

  return {
    /** Where to send the person, and what to remember until they come back. */
    async start(): Promise<{ url: string; pending: OidcPending }> {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const pending: OidcPending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    /**
     * Checks the provider's answer (state, issuer, code with PKCE, the ID token's signature, audience
     * and nonce) and returns who signed in. `query` is the query string the callback received.
     */
    async finish(query: string, pending: OidcPending): Promise<OidcIdentity> {
      const config = await configuration();
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = query;
      const providerError = currentUrl.searchParams.get('error');
      if (providerError === 'access_denied')
        throw new OidcProblem(
          'You cancelled signing in, or the council sign-in service refused it',
          'cancelled',
        );
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        if (error instanceof client.AuthorizationResponseError)
          throw new OidcProblem(`The council sign-in service refused: ${error.error}`, 'provider-error');
        throw new OidcProblem(
          `The answer from the council sign-in service did not check out: ${messageOf(error)}`,
          'invalid-response',
        );
      }
      const claims = tokens.claims();
      if (!claims)
        throw new OidcProblem('The council sign-in service did not say who you are', 'invalid-response');
      let email = typeof claims.email === 'string' ? claims.email : null;
      let emailVerified = claims.email_verified === true;
      let name = typeof claims.name === 'string' ? claims.name : null;
      // Many providers put the email address only in the UserInfo answer, not in the ID token.
      if (!email && tokens.access_token) {
        try {
          const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
          email = typeof info.email === 'string' ? info.email : null;
          emailVerified = info.email_verified === true;
          name = name ?? (typeof info.name === 'string' ? info.name : null);
        } catch (error) {
          throw new OidcProblem(
            `The council sign-in service did not give your details: ${messageOf(error)}`,
            'invalid-response',
          );
        }
      }
      return { subject: claims.sub, email, emailVerified, name };
    },
  };
}

export type OidcClient = ReturnType<typeof oidcClient>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
