import type { LoggerOptions } from 'pino';

/** Secrets and personal data never reach the logs: headers, bodies and query strings are redacted. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'body',
        'req.body',
        'password',
        '*.password',
        'totp',
        '*.totp',
      ],
      censor: '[hidden]',
    },
    serializers: {
      req(req: { method: string; url: string; id: string }) {
        // The path can hold a person's id but never their name; query strings can hold search terms, so drop them.
        return { method: req.method, url: req.url.split('?')[0], id: req.id };
      },
    },
  };
}
