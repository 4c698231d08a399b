// An alert as the API and the `alert` push give it (GET /api/alerts, issue 10): its rule, the
// asset, severity, where it is in its lifecycle (raised → acknowledged → resolved), who
// handled it, how often its condition came back while open, and (by id) its history.
import Type from 'typebox';
import { AlertSeverity } from './alert-rules';

export const ALERT_STATES = ['raised', 'acknowledged', 'resolved'] as const;
export const AlertState = Type.Union([Type.Literal('raised'), Type.Literal('acknowledged'), Type.Literal('resolved')]);
export type AlertState = Type.Static<typeof AlertState>;

const At = Type.Union([Type.Number(), Type.Null()]);
const Who = Type.Union([Type.String(), Type.Null()]);

/** What happened to an alert: one line of its history. */
export const AlertHistoryEntry = Type.Object({
  /** Epoch ms. */
  at: Type.Number(),
  action: Type.Union([
    Type.Literal('raised'),
    Type.Literal('repeated'),
    Type.Literal('escalated'),
    Type.Literal('acknowledged'),
    Type.Literal('assigned'),
    Type.Literal('resolved'),
    Type.Literal('step'),
  ]),
  /** Who did it; "system" for the engine. */
  by: Type.String(),
  note: Who,
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AlertHistoryEntry = Type.Static<typeof AlertHistoryEntry>;

/** A ticked playbook step. */
export const AlertStep = Type.Object({ step: Type.Integer({ minimum: 1 }), text: Type.String(), doneBy: Who, doneAt: At });
export type AlertStep = Type.Static<typeof AlertStep>;

export const Alert = Type.Object({
  id: Type.Number(),
  rule: Type.String(),
  type: Type.String(),
  title: Type.String(),
  /** The asset, or the site's id for site-wide rules (forecast). */
  assetId: Type.String(),
  severity: AlertSeverity,
  state: AlertState,
  /** Epoch ms: first raised, and the latest time its condition came back. */
  raisedAt: Type.Number(),
  lastRaisedAt: Type.Number(),
  /** Times its condition arose while it was open: a flapping device is one alert with a count. */
  count: Type.Integer({ minimum: 1 }),
  acknowledgedBy: Who,
  acknowledgedAt: At,
  assignedTo: Who,
  escalatedAt: At,
  resolvedBy: Who,
  resolvedAt: At,
  resolveNote: Who,
  /** What raised it (the event's data, the metric's value…). */
  detail: Type.Record(Type.String(), Type.Unknown()),
  /** The playbook of its type, each step with who ticked it and when; empty without one. */
  steps: Type.Array(AlertStep),
  /** Epoch ms of the last change: a reconnecting console asks for what changed since. */
  updatedAt: Type.Number(),
});
export type Alert = Type.Static<typeof Alert>;

export const AlertWithHistory = Type.Intersect([Alert, Type.Object({ history: Type.Array(AlertHistoryEntry) })]);
export type AlertWithHistory = Type.Static<typeof AlertWithHistory>;
