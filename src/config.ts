import { z } from 'zod';
import pkg from '../package.json' with { type: 'json' };
import { DEVELOPMENT_SECRET_KEY, parseSecretKey } from './platform/secretBox';
import { CHRONOLOGY_EXPORT_LIMIT } from './domain/chronology';

/** Every setting Hearth reads, typed and validated once. Production refuses weak settings at start-up. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_LABEL: z.string().default('Sign in with your council account'),
  LOCKOUT_ATTEMPTS: z.coerce.number().int().positive().default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  SECRET_KEY: z.string().optional(),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  cookieSecure: boolean;
  logLevel: string;
  version: string;
  lockout: { attempts: number; minutes: number };
  /** Sign-in attempts (passwords, codes, council sign-in) one address may make a minute. Tests raise it, apart from the test of the limit. */
  signInLimitPerMinute: number;
  /** The most entries a chronology export or print view holds (CHRONOLOGY_EXPORT_LIMIT). Tests lower it to test what happens at the limit. */
  chronologyExportLimit: number;
  /** Encrypts secrets kept in the database (authenticator keys). Production needs its own; elsewhere a fixed development key. */
  secretKey: Buffer;
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; label: string } | undefined;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Hearth settings are not valid: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  let oidc: Config['oidc'];
  if (e.OIDC_ISSUER) {
    if (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET || !e.OIDC_REDIRECT_URI) {
      throw new Error('OIDC_ISSUER is set, so OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI are needed too');
    }
    oidc = {
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      redirectUri: e.OIDC_REDIRECT_URI,
      label: e.OIDC_LABEL,
    };
  }
  let secretKey: Buffer = DEVELOPMENT_SECRET_KEY;
  if (e.SECRET_KEY) {
    const parsedKey = parseSecretKey(e.SECRET_KEY);
    if (!parsedKey) throw new Error('SECRET_KEY must be 32 random bytes written as 64 hex characters or 44 base64 characters (for example: openssl rand -base64 32)');
    secretKey = parsedKey;
  } else if (production) {
    throw new Error('In production, SECRET_KEY is needed to keep authenticator keys encrypted: make one with "openssl rand -base64 32" and keep it safe, apart from the database backups');
  }
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL || undefined,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : production,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    version: pkg.version,
    lockout: { attempts: e.LOCKOUT_ATTEMPTS, minutes: e.LOCKOUT_MINUTES },
    signInLimitPerMinute: e.NODE_ENV === 'test' ? 10_000 : 30,
    chronologyExportLimit: CHRONOLOGY_EXPORT_LIMIT,
    secretKey,
    oidc,
    ...overrides,
  };
  if (production && !config.cookieSecure) {
    throw new Error('In production, session cookies must be secure: do not set COOKIE_SECURE=false');
  }
  return config;
}
