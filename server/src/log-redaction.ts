// What the server's logger never writes: credentials in request headers and in any logged
// object's password or token fields (STYLE.md: logs never carry secrets). pino censors these
// paths in every line, whatever a future log call passes.
import type { LoggerOptions } from 'pino';

const SECRET_FIELDS = ['password', 'passwordHash', 'token', 'secret', 'authorization', 'cookie'];

export const LOG_REDACTION: NonNullable<LoggerOptions['redact']> = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    'headers.authorization',
    'headers.cookie',
    ...SECRET_FIELDS,
    ...SECRET_FIELDS.map((field) => `*.${field}`),
    'req.body.password',
    'body.password',
  ],
  censor: '[redacted]',
};
