// Live state for the console: the asset feed, the KPI ticker and the socket.io server that
// streams them (snapshot on connect, then changes, KPIs and heartbeats). Plates go masked to
// roles without MAY.seePlates: each socket joins the room of its group, and each change is
// serialised once per group, not once per socket.
import {
  type ClientToServerEvents,
  HEARTBEAT_INTERVAL_MS,
  type KpiSnapshot,
  may,
  type Role,
  type ServerToClientEvents,
  type SiteLayout,
} from '@porttwin/contracts';
import { readIngestProgress } from '@porttwin/db';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import type { AlertService } from '../alerts/alert-service';
import { AssetFeed } from '../live/asset-feed';
import { type LiveReports, liveReports } from '../live/live-reports';
import type { MinuteReport } from '../live/minute-report';
import type { KpiSite } from '../kpis/kpi-summary';
import { maskAssetPlate } from '../live/plate-masking';
import { isSameOrigin } from '../live/same-origin';
import { handshakeCredential } from '../auth/session-cookie';
import type { Session } from '../auth/sessions';

declare module 'fastify' {
  interface FastifyInstance {
    assetFeed: AssetFeed;
    kpiTicker: MinuteReport<KpiSnapshot>;
    /** The reports pushed once a minute: KPIs (also kpiTicker), clearance and the forecast. */
    liveReports: LiveReports;
    io: Server<ClientToServerEvents, ServerToClientEvents>;
    /** Disconnects every socket opened with a kiosk token, on every server of the deployment. */
    disconnectKiosk(id: string): void;
    /** …opened with one session (signed out). */
    disconnectSession(id: string): void;
    /**
     * Moves a user's open sockets to the plate group of their new role, on every server: a
     * demoted operator's next push comes masked. A deleted user's (role null) are disconnected.
     */
    regroupUserSockets(username: string, role: Role | null): void;
  }
}

export interface LiveOptions {
  site: SiteLayout;
  kpiSite: KpiSite;
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
/** The room of the sockets opened with one session, for signing out. */
function sessionRoom(id: string): string {
  return `session:${id}`;
}
/** Sockets whose role sees plates (MAY.seePlates), and those that get them masked. */
export const PLATES_CLEAR_ROOM = 'plates:clear';
export const PLATES_MASKED_ROOM = 'plates:masked';
/** The room of one user's sockets (not a kiosk's), for when an admin changes or deletes them. */
function userRoom(username: string): string {
  return `user:${username}`;
}
/** engine.io answers it with 403 (polling) or 400 (websocket); the Origin is not echoed. */
const CROSS_ORIGIN_REFUSAL = 'server: socket.io handshake from another origin refused';

export const livePlugin = fp<LiveOptions>(
  async (app, options) => {
    const assetFeed = new AssetFeed(app.db, app.log);
    const reports = liveReports(app.db, options.kpiSite, app.log, options.kpiIntervalMs);
    const kpiTicker = reports.kpis;
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
    app.decorate('liveReports', reports);
    app.decorate('io', io);
    app.decorate('disconnectKiosk', (id: string) => {
      io.in(kioskRoom(id)).disconnectSockets(true);
    });
    app.decorate('disconnectSession', (id: string) => {
      io.in(sessionRoom(id)).disconnectSockets(true);
    });
    app.decorate('regroupUserSockets', (username: string, role: Role | null) => {
      const sockets = io.in(userRoom(username));
      if (role === null) return sockets.disconnectSockets(true);
      const [join, leave] = may(role, 'seePlates') ? [PLATES_CLEAR_ROOM, PLATES_MASKED_ROOM] : [PLATES_MASKED_ROOM, PLATES_CLEAR_ROOM];
      sockets.socketsJoin(join);
      sockets.socketsLeave(leave);
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
      // The rooms sign-out, revocation and user changes reach (the decorations above).
      const session = socket.data.session as Session;
      if (session.id !== null) void socket.join(sessionRoom(session.id));
      if (session.kioskId !== undefined) void socket.join(kioskRoom(session.kioskId));
      else void socket.join(userRoom(session.username));
      const seesPlates = may(session.role, 'seePlates');
      void socket.join(seesPlates ? PLATES_CLEAR_ROOM : PLATES_MASKED_ROOM);
      const assets = seesPlates ? assetFeed.all() : assetFeed.all().map(maskAssetPlate);
      // A console that reconnects says when it last heard of alerts (auth.alertsSince): it gets
      // the open alerts and every alert changed since then (issue 10).
      const since: unknown = socket.handshake.auth?.alertsSince;
      const alertService: AlertService = app.alerts;
      alertService.snapshot(typeof since === 'number' && Number.isFinite(since) ? since : null, seesPlates).then(
        (alerts) =>
          socket.emit('snapshot', {
            site: options.site,
            assets,
            kpis: kpiTicker.latest(),
            clearance: reports.clearance.latest(),
            forecast: reports.forecast.latest(),
            alerts,
            serverTime: Date.now(),
          }),
        (error: Error) => {
          app.log.error({ err: error }, 'server: could not read the alerts for a snapshot');
          socket.disconnect(true);
        },
      );
    });
    const knownAssets = new Set<string>();
    assetFeed.onChange((changes) => {
      // Every socket is in one of the two rooms: the live room's pushes, split by plate group.
      io.to(PLATES_CLEAR_ROOM).emit('assets', changes);
      io.to(PLATES_MASKED_ROOM).emit('assets', changes.map(maskAssetPlate));
      const newcomers = changes.filter((asset) => !knownAssets.has(asset.id));
      for (const asset of newcomers) knownAssets.add(asset.id);
      if (newcomers.length > 0) {
        kpiTicker.refreshSoon();
        reports.forecast.refreshSoon();
      }
    });
    kpiTicker.onTick((kpis) => io.to(LIVE_ROOM).emit('kpis', kpis));
    reports.clearance.onTick((clearance) => io.to(LIVE_ROOM).emit('clearance', clearance));
    reports.forecast.onTick((forecast) => io.to(LIVE_ROOM).emit('forecast', forecast));

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
      await Promise.all([kpiTicker.start(), reports.clearance.start(), reports.forecast.start()]);
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
      for (const report of Object.values(reports)) report.stop();
      await assetFeed.stop();
      io.engine.close();
    });
  },
  { name: 'porttwin-live', dependencies: ['porttwin-database', 'porttwin-auth'] },
);
