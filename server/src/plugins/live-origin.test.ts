// socket.io refuses a handshake that another site's page opens (cross-site WebSocket
// hijacking), token or not; the console's own page, and a client naming no origin (not a
// browser) with a token, connect. Real listening server, raw handshakes and a real client.
import type { ConsoleSnapshot } from '@porttwin/contracts';
import { type Database, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { rawRequest } from '../testing/raw-http';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const HANDSHAKE = '/socket.io/?EIO=4&transport=polling';
const REFUSAL = 'server: socket.io handshake from another origin refused';

describe("the live socket's origin check", () => {
  let db: Database;
  let app: App;
  let port: number;
  let token: string;

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    token = (
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } })
    ).json().token;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const handshake = (headers: Record<string, string>) => rawRequest(port, { method: 'GET', target: HANDSHAKE, headers });

  it('refuses a polling handshake from a foreign origin with 403, not echoing it', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${port + 1}`,
      `http://127.0.0.1.evil.example:${port}`,
      'null',
      'not a url',
      `ftp://127.0.0.1:${port}`,
    ]) {
      const response = await handshake({ origin });
      expect({ origin, status: response.status, body: response.body }).toEqual({
        origin,
        status: 403,
        body: JSON.stringify({ code: 4, message: REFUSAL }),
      });
    }
  });

  it("opens a polling handshake from the console's own origin, or from a client naming none", async () => {
    const asked: Record<string, string>[] = [{ origin: `http://127.0.0.1:${port}` }, { origin: `HTTP://127.0.0.1:${port}` }, {}];
    for (const headers of asked) {
      const response = await handshake(headers);
      expect({ headers, status: response.status }).toEqual({ headers, status: 200 });
      expect(response.body).toMatch(/^0\{"sid":"/);
    }
  });

  it('answers a websocket upgrade from a foreign origin 400 with the reason', async () => {
    const upgrade = {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      origin: 'https://evil.example',
    };
    const response = await rawRequest(port, { method: 'GET', target: '/socket.io/?EIO=4&transport=websocket', headers: upgrade });
    expect({ status: response.status, body: response.body }).toEqual({ status: 400, body: REFUSAL });
  });

  /** Connects a real socket.io client over a websocket; resolves to the snapshot or the refusal. */
  function connect(origin: string | null): Promise<{ snapshot: ConsoleSnapshot } | { refused: string }> {
    const socket = io(`http://127.0.0.1:${port}`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      ...(origin ? { extraHeaders: { origin } } : {}),
    });
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

  it("refuses a websocket from another site's page even when it carries a valid token", async () => {
    expect(await connect('https://evil.example')).toEqual({ refused: 'websocket error' });
  });

  it("streams to a websocket from the console's own origin and to a client naming none", async () => {
    for (const origin of [`http://127.0.0.1:${port}`, null]) {
      const answer = await connect(origin);
      expect('snapshot' in answer && answer.snapshot.site.site).toBe(site.site);
    }
  });
});
