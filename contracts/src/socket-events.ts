// socket.io events between server and client; typed once here for both ends.
import type { Alert } from './alerts';
import type { ClearanceReport } from './clearance';
import type { Forecast } from './forecast';
import type { AssetState } from './live-state';
import type { KpiSnapshot } from './kpi-snapshot';
import type { SiteLayout } from './site-layout';

export interface ConsoleSnapshot {
  site: SiteLayout;
  assets: AssetState[];
  kpis: KpiSnapshot | null;
  /** The latest pushed clearance and forecast; null until the server has computed one. */
  clearance: ClearanceReport | null;
  forecast: Forecast | null;
  /** Every open alert, and every alert changed after the handshake's `auth.alertsSince` (epoch ms) when given. */
  alerts: Alert[];
  serverTime: number;
}

export interface Heartbeat {
  serverTime: number;
  /** Age of the newest stored message when it was stored; null before any traffic. */
  ingestLagMs: number | null;
}

export interface ServerToClientEvents {
  /** Everything needed to draw the console, sent on connect. */
  snapshot: (snapshot: ConsoleSnapshot) => void;
  /** Assets whose state changed since the last push. */
  assets: (changes: AssetState[]) => void;
  /** The per-minute KPIs, once a minute. */
  kpis: (kpis: KpiSnapshot) => void;
  /** Clearance time by stage over the last hour and its bottleneck (GET /api/clearance), once a minute. */
  clearance: (clearance: ClearanceReport) => void;
  /** The next hour at the inbound gate (GET /api/forecast?horizonMin=60), once a minute. */
  forecast: (forecast: Forecast) => void;
  /** An alert that was raised or changed (repeated, escalated, acknowledged, assigned, resolved, a step ticked). */
  alert: (alert: Alert) => void;
  /** Every few seconds, so a client can tell a quiet port from a dead link. */
  heartbeat: (heartbeat: Heartbeat) => void;
}

// Replay and alert commands arrive in later versions.
export type ClientToServerEvents = Record<string, never>;

/** How often the server sends a heartbeat; a client that misses two calls the link stale. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
