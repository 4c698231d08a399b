// What alert rules are evaluated against: device events and statuses as stored, the latest
// telemetry and receipt of each asset (the live asset feed), and the clearance and forecast
// reports pushed once a minute.
import type { ClearanceReport, Forecast } from '@porttwin/contracts';

export type Observation =
  | { type: 'event'; assetId: string; kind: string; ts: number; eventType: string; data: Record<string, unknown> }
  | { type: 'status'; assetId: string; kind: string; ts: number; state: string }
  | { type: 'metrics'; assetId: string; kind: string; ts: number; metrics: Record<string, unknown> }
  | { type: 'seen'; assetId: string; kind: string; lastSeen: number }
  | { type: 'clearance'; report: ClearanceReport }
  | { type: 'forecast'; forecast: Forecast };

/** A rule's verdict on one asset: its condition arose (again), or cleared. */
export interface Signal {
  signal: 'raise' | 'clear';
  assetId: string;
  /** Epoch ms: device time for what devices told, the clock's for silence. */
  at: number;
  detail: Record<string, unknown>;
}
