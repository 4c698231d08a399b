import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LOG_REDACTION } from './log-redaction';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ redact: LOG_REDACTION }, sink), lines };
}

describe('the server logger', () => {
  it('censors authorization headers, cookies, passwords and tokens', () => {
    const { log, lines } = capture();
    log.info(
      {
        req: {
          method: 'POST',
          url: '/api/auth/login',
          headers: { authorization: 'Bearer v1.abc.def', cookie: 'session=v1.abc', host: 'port' },
          body: { username: 'admin', password: 'harbour' },
        },
        user: { username: 'admin', passwordHash: 'scrypt$…', token: 'v1.abc.def' },
        password: 'harbour',
      },
      'server: sign-in',
    );
    expect(lines[0]).toMatchObject({
      req: {
        method: 'POST',
        url: '/api/auth/login',
        headers: { authorization: '[redacted]', cookie: '[redacted]', host: 'port' },
        body: { username: 'admin', password: '[redacted]' },
      },
      user: { username: 'admin', passwordHash: '[redacted]', token: '[redacted]' },
      password: '[redacted]',
      msg: 'server: sign-in',
    });
    expect(JSON.stringify(lines)).not.toMatch(/harbour|v1\.abc/);
  });
});
