// Live state for the console: the asset feed, the KPI ticker and the socket.io server that
// streams them (snapshot on connect, then changes, KPIs and heartbeats).
import { type ClientToServerEvents, HEARTBEAT_INTERVAL_MS, may, type ServerToClientEvents, type SiteLayout } from '@porttwin/contracts';
import { readIngestProgress } from '@porttwin/db';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { AssetFeed } from '../live/asset-feed';
import { KpiTicker } from '../live/kpi-ticker';
import { isSameOrigin } from '../live/same-origin';

declare module 'fastify' {
  interface FastifyInstance {
    assetFeed: AssetFeed;
    kpiTicker: KpiTicker;
    io: Server<ClientToServerEvents, ServerToClientEvents>;
    /** Disconnects every socket opened with a kiosk token, on every server of the deployment. */
    disconnectKiosk(id: string): void;
  }
}

export interface LiveOptions {
  site: SiteLayout;
  kpiIntervalMs: number;
}

/** The room every live console joins; replays will get rooms of their own. */
const LIVE_ROOM = 'live';
/**
 * The room of the sockets opened with one kiosk token: socket.io's adapter keeps the map from
 * token id to sockets, and with the Redis adapter it spans servers.
 */
function kioskRoom(id: string): string {
  return `kiosk-token:${id}`;
}
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

    io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const signed = typeof token === 'string' ? app.sessions.verify(token) : null;
      // A user's token holds the role they have now, and none once they are deleted; a kiosk
      // token none once it is revoked (auth plugin).
      const current = signed ? app.currentRoles.ofSession(signed) : Promise.resolve(null);
      current.then(
        (role) => {
          // Every role, kiosk included, may watch the live state (MAY.readLive).
          if (!signed || role === null || !may(role, 'readLive')) return next(new Error('unauthorized'));
          socket.data.session = { ...signed, role };
          next();
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
    io.on('connection', (socket) => {
      void socket.join(LIVE_ROOM);
      // Revoking a kiosk token disconnects the sockets in its room (disconnectKiosk above).
      const kioskId = (socket.data.session as { kioskId?: string } | undefined)?.kioskId;
      if (kioskId !== undefined) void socket.join(kioskRoom(kioskId));
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

    let heartbeat: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
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
