// Live state for the console: the asset feed, the KPI ticker and the socket.io server that
// streams them (snapshot on connect, then changes, KPIs and heartbeats).
import { type ClientToServerEvents, HEARTBEAT_INTERVAL_MS, may, type ServerToClientEvents, type SiteLayout } from '@porttwin/contracts';
import { readIngestProgress } from '@porttwin/db';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { AssetFeed } from '../live/asset-feed';
import { KpiTicker } from '../live/kpi-ticker';
import { isSameOrigin } from '../live/same-origin';
import { handshakeCredential } from '../auth/session-cookie';
import type { Session } from '../auth/sessions';

declare module 'fastify' {
  interface FastifyInstance {
    assetFeed: AssetFeed;
    kpiTicker: KpiTicker;
    io: Server<ClientToServerEvents, ServerToClientEvents>;
    /** Disconnects every socket opened with a kiosk token, on every server of the deployment. */
    disconnectKiosk(id: string): void;
    /** …opened with one session (signed out). */
    disconnectSession(id: string): void;
    /** …of one user (deleted, or given another role: their console reconnects with it). */
    disconnectUser(username: string): void;
  }
}

export interface LiveOptions {
  site: SiteLayout;
  kpiIntervalMs: number;
  /** How often this server's open sockets are checked against their sessions (idle and absolute ends). */
  sessionSweepMs?: number;
}

/**
 * Sign-out, deletion and revocation drop sockets at once through their rooms; a session that
 * just runs out (idle or absolute end) has nobody to say so, and is found by this sweep.
 */
const SESSION_SWEEP_MS = 15_000;

/** The room every live console joins; replays will get rooms of their own. */
const LIVE_ROOM = 'live';
/**
 * The room of the sockets opened with one kiosk token: socket.io's adapter keeps the map from
 * token id to sockets, and with the Redis adapter it spans servers.
 */
function kioskRoom(id: string): string {
  return `kiosk-token:${id}`;
}
const sessionRoom = (id: string) => `session:${id}`;
const userRoom = (username: string) => `user:${username}`;
/** engine.io answers it with 403 (polling) or 400 (websocket); the Origin is not echoed. */
const CROSS_ORIGIN_REFUSAL = 'server: socket.io handshake from another origin refused';

export const livePlugin = fp<LiveOptions>(
  async (app, options) => {
    const assetFeed = new AssetFeed(app.db, app.log);
    const kpiTicker = new KpiTicker(app.db, app.log, options.kpiIntervalMs);
    const io = new Server<ClientToServerEvents, ServerToClientEvents>(app.server, {
      path: '/socket.io',
      serveClient: false,
      allowRequest: (request, callback) => {
        if (isSameOrigin(request.headers)) return callback(null, true);
        app.log.warn(
          { origin: request.headers.origin, host: request.headers.host },
          'server: refused a socket.io handshake from another origin',
        );
        callback(CROSS_ORIGIN_REFUSAL, false);
      },
    });
    app.decorate('assetFeed', assetFeed);
    app.decorate('kpiTicker', kpiTicker);
    app.decorate('io', io);
    app.decorate('disconnectKiosk', (id: string) => {
      io.in(kioskRoom(id)).disconnectSockets(true);
    });
    app.decorate('disconnectSession', (id: string) => {
      io.in(sessionRoom(id)).disconnectSockets(true);
    });
    app.decorate('disconnectUser', (username: string) => {
      io.in(userRoom(username)).disconnectSockets(true);
    });

    io.use((socket, next) => {
      // The page's session cookie, or an API client's `auth: {token}`; Origin was checked above.
      const credential = handshakeCredential(socket.request.headers, socket.handshake.auth);
      const resolved = credential ? app.sessions.resolve(credential.token) : Promise.resolve(null);
      resolved.then(
        (session) => {
          // Every role, kiosk included, may watch the live state (MAY.readLive).
          if (!session || !may(session.role, 'readLive')) return next(new Error('unauthorized'));
          socket.data.session = session;
          next();
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
    io.on('connection', (socket) => {
      void socket.join(LIVE_ROOM);
      // The rooms sign-out, revocation and user changes disconnect (the decorations above).
      const session = socket.data.session as Session;
      void socket.join(userRoom(session.username));
      if (session.id !== null) void socket.join(sessionRoom(session.id));
      if (session.kioskId !== undefined) void socket.join(kioskRoom(session.kioskId));
      socket.emit('snapshot', { site: options.site, assets: assetFeed.all(), kpis: kpiTicker.latest(), serverTime: Date.now() });
    });
    const knownAssets = new Set<string>();
    assetFeed.onChange((changes) => {
      io.to(LIVE_ROOM).emit('assets', changes);
      const newcomers = changes.filter((asset) => !knownAssets.has(asset.id));
      for (const asset of newcomers) knownAssets.add(asset.id);
      if (newcomers.length > 0) kpiTicker.refreshSoon();
    });
    kpiTicker.onTick((kpis) => io.to(LIVE_ROOM).emit('kpis', kpis));

    const sweepSessions = async () => {
      for (const socket of io.of('/').sockets.values()) {
        const session = socket.data.session as Session | undefined;
        // A database that does not answer ends nobody's session: the next sweep decides.
        if (session && !(await app.sessions.stillHolds(session).catch(() => true))) socket.disconnect(true);
      }
    };

    let heartbeat: NodeJS.Timeout | null = null;
    let sessionSweep: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      sessionSweep = setInterval(() => void sweepSessions(), options.sessionSweepMs ?? SESSION_SWEEP_MS);
      await assetFeed.start();
      await kpiTicker.start();
      heartbeat = setInterval(async () => {
        const progress = await readIngestProgress(app.db).catch(() => null);
        io.to(LIVE_ROOM).emit('heartbeat', { serverTime: Date.now(), ingestLagMs: progress?.lastLagMs ?? null });
      }, HEARTBEAT_INTERVAL_MS);
    });
    // Open websockets would keep the HTTP server from closing: drop them first.
    app.addHook('preClose', async () => {
      if (heartbeat) clearInterval(heartbeat);
      if (sessionSweep) clearInterval(sessionSweep);
      io.disconnectSockets(true);
    });
    app.addHook('onClose', async () => {
      kpiTicker.stop();
      await assetFeed.stop();
      io.engine.close();
    });
  },
  { name: 'porttwin-live', dependencies: ['porttwin-database', 'porttwin-auth'] },
);
