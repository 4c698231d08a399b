// What the alert engine reads as it arrives (issue 10): events of the types its rules watch and
// every device status, received after a cursor. Read by receive time, as gateways commit them
// (migration 016 indexes received_at); the caller keeps an overlap, because commits finish out
// of order, and drops what it has seen by key.
import type { Queryable } from '../database';

export interface ObservedEvent {
  channel: 'event';
  ts: number;
  receivedAt: number;
  assetId: string;
  kind: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

export interface ObservedStatus {
  channel: 'status';
  ts: number;
  receivedAt: number;
  assetId: string;
  kind: string;
  state: string;
  reason: string | null;
}

/** Events of `types` and statuses received in (after, upTo], oldest device time first; at most `limit` of each. */
export async function readObservations(
  db: Queryable,
  after: number,
  upTo: number,
  types: string[],
  limit = 10_000,
): Promise<(ObservedEvent | ObservedStatus)[]> {
  const events =
    types.length === 0
      ? []
      : (
          await db.query<ObservedEvent>(
            `SELECT 'event' AS channel, (extract(epoch FROM ts) * 1000)::float8 AS ts, (extract(epoch FROM received_at) * 1000)::float8 AS "receivedAt",
                    asset_id AS "assetId", kind, seq, type, data
             FROM events
             WHERE received_at > to_timestamp($1 / 1000.0) AND received_at <= to_timestamp($2 / 1000.0) AND type = ANY($3::text[])
             ORDER BY received_at LIMIT $4`,
            [after, upTo, types, limit],
          )
        ).rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  const { rows: statuses } = await db.query<ObservedStatus>(
    `SELECT 'status' AS channel, (extract(epoch FROM s.ts) * 1000)::float8 AS ts, (extract(epoch FROM s.received_at) * 1000)::float8 AS "receivedAt",
            s.asset_id AS "assetId", coalesce(a.kind, '') AS kind, s.state, s.reason
     FROM device_status s LEFT JOIN assets a ON a.asset_id = s.asset_id
     WHERE s.received_at > to_timestamp($1 / 1000.0) AND s.received_at <= to_timestamp($2 / 1000.0)
     ORDER BY s.received_at LIMIT $3`,
    [after, upTo, limit],
  );
  return [...events, ...statuses].sort((a, b) => a.ts - b.ts || a.receivedAt - b.receivedAt);
}
