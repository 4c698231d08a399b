// Live state for the console: the asset feed, the KPI ticker and the socket.io server that
// streams them (snapshot on connect, then changes, KPIs and heartbeats). Plates go masked to
// roles without MAY.seePlates: each socket joins the room of its group, and each change is
// serialised once per group, not once per socket.
import {
  type ClientToServerEvents,
  HEARTBEAT_INTERVAL_MS,
  may,
  type Role,
  type ServerToClientEvents,
  type SiteLayout,
} from '@porttwin/contracts';
import { readIngestProgress } from '@porttwin/db';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { AssetFeed } from '../live/asset-feed';
import { KpiTicker } from '../live/kpi-ticker';
import { maskAssetPlate } from '../live/plate-masking';
import { isSameOrigin } from '../live/same-origin';

declare module 'fastify' {
  interface FastifyInstance {
    assetFeed: AssetFeed;
    kpiTicker: KpiTicker;
    io: Server<ClientToServerEvents, ServerToClientEvents>;
    /** Disconnects every socket opened with a kiosk token, on every server of the deployment. */
    disconnectKiosk(id: string): void;
    /**
     * Moves a user's open sockets to the plate group of their new role, on every server: a
     * demoted operator's next push comes masked. A deleted user's (role null) are disconnected.
     */
    regroupUserSockets(username: string, role: Role | null): void;
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
/** Sockets whose role sees plates (MAY.seePlates), and those that get them masked. */
const PLATES_CLEAR_ROOM = 'plates:clear';
const PLATES_MASKED_ROOM = 'plates:masked';
/** The room of one user's sockets (not a kiosk's), for when an admin changes or deletes them. */
function userRoom(username: string): string {
  return `user:${username}`;
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
    app.decorate('regroupUserSockets', (username: string, role: Role | null) => {
      const sockets = io.in(userRoom(username));
      if (role === null) return sockets.disconnectSockets(true);
      const [join, leave] = may(role, 'seePlates') ? [PLATES_CLEAR_ROOM, PLATES_MASKED_ROOM] : [PLATES_MASKED_ROOM, PLATES_CLEAR_ROOM];
      sockets.socketsJoin(join);
      sockets.socketsLeave(leave);
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
      const session = socket.data.session as { username: string; role: Role; kioskId?: string };
      if (session.kioskId !== undefined) void socket.join(kioskRoom(session.kioskId));
      else void socket.join(userRoom(session.username));
      const seesPlates = may(session.role, 'seePlates');
      void socket.join(seesPlates ? PLATES_CLEAR_ROOM : PLATES_MASKED_ROOM);
      const assets = seesPlates ? assetFeed.all() : assetFeed.all().map(maskAssetPlate);
      socket.emit('snapshot', { site: options.site, assets, kpis: kpiTicker.latest(), serverTime: Date.now() });
    });
    const knownAssets = new Set<string>();
    assetFeed.onChange((changes) => {
      // Every socket is in one of the two rooms: the live room's pushes, split by plate group.
      io.to(PLATES_CLEAR_ROOM).emit('assets', changes);
      io.to(PLATES_MASKED_ROOM).emit('assets', changes.map(maskAssetPlate));
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
