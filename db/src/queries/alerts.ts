// Alerts and their history (issue 10, migration 016): each change to an alert appends its
// history line in the same statement, so an alert never changes without a trace. One open
// alert per rule and asset is the table's rule (alerts_one_open), not only the engine's.
import type { Queryable } from '../database';
import type { TimeRange } from './history';

export interface AlertRow {
  id: number;
  rule: string;
  type: string;
  title: string;
  assetId: string;
  severity: 'critical' | 'major' | 'minor' | 'info';
  state: 'raised' | 'acknowledged' | 'resolved';
  raisedAt: number;
  lastRaisedAt: number;
  count: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  assignedTo: string | null;
  escalatedAt: number | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
  resolveNote: string | null;
  detail: Record<string, unknown>;
  updatedAt: number;
}

export interface AlertHistoryRow {
  at: number;
  action: 'raised' | 'repeated' | 'escalated' | 'acknowledged' | 'assigned' | 'resolved' | 'step';
  by: string;
  note: string | null;
  detail: Record<string, unknown>;
}

export interface AlertStepRow {
  step: number;
  doneBy: string;
  doneAt: number;
}

const ms = (column: string, name: string) => `(extract(epoch FROM ${column}) * 1000)::float8 AS "${name}"`;
const COLUMNS = `id, rule_id AS "rule", type, title, asset_id AS "assetId", severity, state,
  ${ms('raised_at', 'raisedAt')}, ${ms('last_raised_at', 'lastRaisedAt')}, count,
  acknowledged_by AS "acknowledgedBy", ${ms('acknowledged_at', 'acknowledgedAt')}, assigned_to AS "assignedTo",
  ${ms('escalated_at', 'escalatedAt')}, resolved_by AS "resolvedBy", ${ms('resolved_at', 'resolvedAt')},
  resolve_note AS "resolveNote", detail, ${ms('updated_at', 'updatedAt')}`;

/** An UPDATE of one alert that also appends its history line ($1 id, $2 at, $3 action, $4 by, $5 note, $6 detail). */
function changeWithHistory(set: string, where: string): string {
  return `WITH changed AS (
      UPDATE alerts SET ${set}, updated_at = clock_timestamp() WHERE id = $1 AND ${where} RETURNING *
    ), logged AS (
      INSERT INTO alert_history (alert_id, at, action, by_user, note, detail)
      SELECT id, to_timestamp($2 / 1000.0), $3, $4, $5, $6::jsonb FROM changed
    )
    SELECT ${COLUMNS} FROM changed`;
}

function toAlert(row: AlertRow): AlertRow {
  return { ...row, id: Number(row.id), count: Number(row.count) };
}

async function one(db: Queryable, sql: string, params: unknown[]): Promise<AlertRow | null> {
  const { rows } = await db.query<AlertRow>(sql, params);
  return rows[0] ? toAlert(rows[0]) : null;
}

export interface NewAlert {
  rule: string;
  type: string;
  title: string;
  assetId: string;
  severity: AlertRow['severity'];
  at: number;
  detail: Record<string, unknown>;
}

/** Opens an alert (history: raised by "system"); null when the rule already has one open for the asset. */
export async function raiseAlert(db: Queryable, alert: NewAlert): Promise<AlertRow | null> {
  return one(
    db,
    `WITH opened AS (
       INSERT INTO alerts (rule_id, type, title, asset_id, severity, state, raised_at, last_raised_at, detail)
       VALUES ($1, $2, $3, $4, $5, 'raised', to_timestamp($6 / 1000.0), to_timestamp($6 / 1000.0), $7::jsonb)
       ON CONFLICT (rule_id, asset_id) WHERE state <> 'resolved' DO NOTHING
       RETURNING *
     ), logged AS (
       INSERT INTO alert_history (alert_id, at, action, by_user, detail)
       SELECT id, raised_at, 'raised', 'system', detail FROM opened
     )
     SELECT ${COLUMNS} FROM opened`,
    [alert.rule, alert.type, alert.title, alert.assetId, alert.severity, alert.at, JSON.stringify(alert.detail)],
  );
}

/** The condition of an open alert came back: one more in its count. */
export function repeatAlert(db: Queryable, id: number, at: number, detail: Record<string, unknown>): Promise<AlertRow | null> {
  return one(
    db,
    changeWithHistory(
      `count = count + 1, last_raised_at = greatest(last_raised_at, to_timestamp($2 / 1000.0)), detail = $6::jsonb`,
      `state <> 'resolved'`,
    ),
    [id, at, 'repeated', 'system', null, JSON.stringify(detail)],
  );
}

/** Not acknowledged in time: severity raised to `severity`. */
export function escalateAlert(db: Queryable, id: number, at: number, severity: AlertRow['severity']): Promise<AlertRow | null> {
  return one(
    db,
    changeWithHistory(`escalated_at = to_timestamp($2 / 1000.0), severity = $7`, `state = 'raised' AND escalated_at IS NULL`),
    [id, at, 'escalated', 'system', null, JSON.stringify({ severity }), severity],
  );
}

/** Raised → acknowledged; null when the alert is not in state raised. */
export function acknowledgeAlert(db: Queryable, id: number, by: string, at: number): Promise<AlertRow | null> {
  return one(
    db,
    changeWithHistory(`state = 'acknowledged', acknowledged_by = $4, acknowledged_at = to_timestamp($2 / 1000.0)`, `state = 'raised'`),
    [id, at, 'acknowledged', by, null, '{}'],
  );
}

/** Gives an open alert to a user; null when it is resolved. */
export function assignAlert(db: Queryable, id: number, assignee: string, by: string, at: number): Promise<AlertRow | null> {
  return one(db, changeWithHistory(`assigned_to = $7`, `state <> 'resolved'`), [
    id,
    at,
    'assigned',
    by,
    null,
    JSON.stringify({ assignee }),
    assignee,
  ]);
}

/** Resolves an open alert (by a person with a note, or by "system" when its condition cleared). */
export function resolveAlert(db: Queryable, id: number, by: string, at: number, note: string | null): Promise<AlertRow | null> {
  return one(
    db,
    changeWithHistory(
      `state = 'resolved', resolved_by = $4, resolved_at = to_timestamp($2 / 1000.0), resolve_note = $5`,
      `state <> 'resolved'`,
    ),
    [id, at, 'resolved', by, note, '{}'],
  );
}

/** Ticks a playbook step of an open alert; null when the alert is resolved or the step was ticked. */
export async function tickAlertStep(db: Queryable, id: number, step: number, by: string, at: number): Promise<AlertRow | null> {
  const { rows } = await db.query<{ step: number }>(
    `INSERT INTO alert_steps (alert_id, step, done_by, done_at)
     SELECT id, $2, $3, to_timestamp($4 / 1000.0) FROM alerts WHERE id = $1 AND state <> 'resolved'
     ON CONFLICT DO NOTHING RETURNING step`,
    [id, step, by, at],
  );
  if (rows.length === 0) return null;
  return one(db, changeWithHistory(`detail = detail`, 'true'), [id, at, 'step', by, null, JSON.stringify({ step })]);
}

export async function getAlert(db: Queryable, id: number): Promise<AlertRow | null> {
  return one(db, `SELECT ${COLUMNS} FROM alerts WHERE id = $1`, [id]);
}

/** An alert's history, oldest first. */
export async function alertHistory(db: Queryable, id: number): Promise<AlertHistoryRow[]> {
  const { rows } = await db.query<AlertHistoryRow>(
    `SELECT ${ms('at', 'at')}, action, by_user AS "by", note, detail FROM alert_history WHERE alert_id = $1 ORDER BY id`,
    [id],
  );
  return rows;
}

/** The ticked steps of some alerts, by alert id. */
export async function alertSteps(db: Queryable, ids: number[]): Promise<Map<number, AlertStepRow[]>> {
  const steps = new Map<number, AlertStepRow[]>();
  if (ids.length === 0) return steps;
  const { rows } = await db.query<AlertStepRow & { alertId: number }>(
    `SELECT alert_id AS "alertId", step, done_by AS "doneBy", ${ms('done_at', 'doneAt')}
     FROM alert_steps WHERE alert_id = ANY($1::bigint[]) ORDER BY alert_id, step`,
    [ids],
  );
  for (const { alertId, ...step } of rows) {
    const list = steps.get(Number(alertId)) ?? [];
    list.push(step);
    steps.set(Number(alertId), list);
  }
  return steps;
}

export type AlertStateFilter = 'raised' | 'acknowledged' | 'resolved' | 'open' | 'all';

/** Alerts raised in [from, to) in a state (open = raised or acknowledged), newest first. */
export async function listAlerts(
  db: Queryable,
  range: TimeRange,
  filter: { state: AlertStateFilter; severity?: AlertRow['severity'] },
): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts
     WHERE raised_at >= to_timestamp($1 / 1000.0) AND raised_at < to_timestamp($2 / 1000.0)
       AND ($4 = 'all' OR ($4 = 'open' AND state <> 'resolved') OR state = $4)
       AND ($5::text IS NULL OR severity = $5)
     ORDER BY raised_at DESC, id DESC LIMIT $3`,
    [range.from, range.to, range.limit, filter.state, filter.severity ?? null],
  );
  return rows.map(toAlert);
}

/** Every open alert, whenever raised (the engine's state at start; the console's snapshot). */
export async function listOpenAlerts(db: Queryable): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE state <> 'resolved' ORDER BY raised_at, id`);
  return rows.map(toAlert);
}

/** Alerts changed after `since` (epoch ms), oldest change first: what a reconnecting console missed. */
export async function listAlertsChangedSince(db: Queryable, since: number, limit = 1000): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE updated_at > to_timestamp($1 / 1000.0) ORDER BY updated_at, id LIMIT $2`,
    [since, limit],
  );
  return rows.map(toAlert);
}
