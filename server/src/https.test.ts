// The console over HTTPS (issue 8, transport): given a certificate and key it answers only TLS
// on its port, and socket.io runs over the same TLS (wss). A self-signed certificate made at
// test time; clients trust it as their CA, as an operator's would. Real listening server.
import { request } from 'node:https';
import { request as plainRequest } from 'node:http';
import type { ConsoleSnapshot } from '@porttwin/contracts';
import { type Database, openDatabase } from '@porttwin/db';
import { createTestCertificate, type TestCertificate } from '@porttwin/edge/testing';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

/** GET over HTTPS; resolves to the status and body, or rejects with the TLS or socket error. */
function httpsGet(url: string, ca?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...(ca ? { ca } : {}) }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Plain HTTP to the TLS port: resolves to what became of it. */
function plainGet(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = plainRequest(url, (response) => {
      response.resume();
      resolve(`answered ${response.statusCode}`);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(`failed: ${error.code ?? error.message}`));
    req.end();
  });
}

describe('the console over HTTPS', () => {
  let certificate: TestCertificate;
  let db: Database;
  let app: App;
  let base: string;
  let token: string;
  let signIn: Awaited<ReturnType<App['inject']>>;

  beforeAll(async () => {
    certificate = createTestCertificate();
    db = await openDatabase();
    app = await buildApp({
      db,
      site,
      adminPassword: 'harbour-master',
      clientDir: '/nonexistent',
      tls: { cert: certificate.cert, key: certificate.key },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    signIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } });
    token = signIn.json().token;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    certificate?.dispose();
  });

  it('answers /api/health over TLS to a client that trusts its certificate', async () => {
    const response = await httpsGet(`${base}/api/health`, certificate.cert);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok', database: 'ok', causes: [] });
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(httpsGet(`${base}/api/health`)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('does not speak plain HTTP on its port', async () => {
    // Fastify's TLS server closes a connection whose first bytes are not a TLS handshake.
    expect(await plainGet(`${base.replace('https:', 'http:')}/api/health`)).toBe('failed: ECONNRESET');
  });

  /** A real socket.io client over wss; resolves to the snapshot or the refusal. */
  function connect(auth: { token?: string }): Promise<{ snapshot: ConsoleSnapshot } | { refused: string }> {
    const socket = io(base, { auth, transports: ['websocket'], reconnection: false, ca: certificate.cert.toString() });
    return new Promise((resolve) => {
      socket.once('snapshot', (snapshot) => {
        socket.close();
        resolve({ snapshot });
      });
      socket.once('connect_error', (error) => {
        socket.close();
        resolve({ refused: error.message });
      });
    });
  }

  it('streams the live socket over wss to a client with a session token', async () => {
    const answer = await connect({ token });
    expect('snapshot' in answer && answer.snapshot.site.site).toBe(site.site);
  });

  it('marks the session cookie Secure, so a browser never sends it over plain HTTP', () => {
    expect(signIn.cookies.find((cookie) => cookie.name === 'porttwin_session')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    });
  });

  it('refuses the socket over wss without a token', async () => {
    expect(await connect({})).toEqual({ refused: 'unauthorized' });
  });
});
