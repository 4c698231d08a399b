// What the server knows now: each asset's live state and the per-minute flow KPIs.
import Type from 'typebox';

export const AssetStatus = Type.Union([
  Type.Literal('online'),
  Type.Literal('offline'),
  Type.Literal('fault'),
  Type.Literal('maintenance'),
  Type.Literal('unknown'),
]);
export type AssetStatus = Type.Static<typeof AssetStatus>;

export const AssetState = Type.Object({
  id: Type.String(),
  site: Type.String(),
  kind: Type.String(),
  status: AssetStatus,
  statusReason: Type.Union([Type.String(), Type.Null()]),
  /** Epoch ms the status took effect (receive time for a last will). */
  statusAt: Type.Union([Type.Number(), Type.Null()]),
  /** Latest value of every metric the device has reported. */
  metrics: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Boolean(), Type.String()])),
  /** Device time of the newest telemetry, epoch ms. */
  metricsAt: Type.Union([Type.Number(), Type.Null()]),
  /** When we last received anything from it, epoch ms: the age shown as staleness. */
  lastSeen: Type.Number(),
});
export type AssetState = Type.Static<typeof AssetState>;
