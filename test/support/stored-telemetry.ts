// What a load run (load-publisher.ts) left in the telemetry table, in terms that tell a lost
// message from one stored twice. Counting DISTINCT (asset_id, ts, seq) would tell nothing:
// it is the table's unique key, so it always equals the rows. A load device numbers its
// messages 0, 1, 2, … (seq), so `count` messages over `devices` are all there, each once,
// exactly when every device holds each seq from 0 to count / devices - 1 in one row.
import pg from 'pg';

export interface StoredTelemetry {
  rows: number;
  /** Distinct (asset, seq): the messages a load run sent. */
  messages: number;
  devices: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

const STORED = `SELECT count(*)::int AS rows, count(DISTINCT (asset_id, seq))::int AS messages,
  count(DISTINCT asset_id)::int AS devices, min(seq)::int AS "firstSeq", max(seq)::int AS "lastSeq" FROM telemetry`;

export async function storedTelemetry(databaseUrl: string): Promise<StoredTelemetry> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<StoredTelemetry>(STORED)).rows[0]!;
  } finally {
    await client.end();
  }
}

/** What `count` messages round-robin over `devices` (from seq 0), each stored once, look like. */
export function everyMessageOnce(count: number, devices: number): StoredTelemetry {
  return { rows: count, messages: count, devices, firstSeq: 0, lastSeq: Math.ceil(count / devices) - 1 };
}
