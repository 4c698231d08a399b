// A gateway that can store nothing — database gone, journal full — still stops on SIGTERM
// within 10 s, and what it never acknowledged comes back from the broker afterwards: every
// message is stored once. Real processes: the machine's PostgreSQL behind a TCP proxy,
// Mosquitto from the machine's binary with the recommended configuration, `pnpm edge`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, postgresReachable } from '@porttwin/db/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEdgeProcess } from '../support/edge-process';
import { MOSQUITTO_BINARY, startMosquitto } from '../support/mosquitto-instance';
import { requireWhenDemanded } from '../support/reachable';
import { runLoad } from '../support/run-load';
import { startTcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait-for';

const available = requireWhenDemanded(
  'PostgreSQL and the mosquitto binary',
  '127.0.0.1',
  (await postgresReachable()) && MOSQUITTO_BINARY !== null,
);
/** SIGTERM must end the gateway within this, whatever ingest is doing (issue 7). */
const STOP_DEADLINE_MS = 10_000;

async function countStored(url: string): Promise<{ rows: number; distinct: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS rows, count(DISTINCT (asset_id, seq))::int AS distinct FROM telemetry');
    return rows[0] as { rows: number; distinct: number };
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)('a gateway that can store nothing', () => {
  it('stops on SIGTERM within 10 s, and loses nothing it was sent', { timeout: 180_000 }, async () => {
    const scratch = await createScratchDatabase();
    const mosquitto = await startMosquitto();
    const proxy = await startTcpProxy('127.0.0.1', 5432);
    const journalDir = mkdtempSync(join(tmpdir(), 'porttwin-stalled-journal-'));
    const viaProxy = new URL(scratch.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const env = {
      MQTT_URL: mosquitto.url,
      DATABASE_URL: viaProxy.toString(),
      EDGE_GATEWAY_ID: 'stalled-edge',
      EDGE_JOURNAL_DIR: journalDir,
      // A journal of a few batches, so it fills while the database is away and writes fail.
      EDGE_JOURNAL_MAX_BYTES: '20000',
      LOG_LEVEL: 'warn',
    };
    try {
      const first = await startEdgeProcess(env);
      proxy.cut();
      const total = 5_000;
      expect((await runLoad({ url: mosquitto.url, count: total, devices: 50, site: 'fault-stall' })).published).toBe(total);
      await waitFor(
        'the journal to be full and writes failing',
        () => first.output(),
        (output) => /journal is full|batch could not be stored/.test(output),
        60_000,
      );

      const stopped = first.stop().then((code) => ({ code }));
      const deadline = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), STOP_DEADLINE_MS).unref());
      expect(await Promise.race([stopped, deadline])).toEqual({ code: 0 });

      // Back with the database: the journal replays, the broker redelivers the rest.
      proxy.restore();
      const second = await startEdgeProcess(env);
      const stored = await waitFor(
        'every message stored',
        () => countStored(scratch.url),
        (count) => count.rows >= total,
        90_000,
      );
      expect(stored).toEqual({ rows: total, distinct: total });
      expect(await second.stop()).toBe(0);
    } finally {
      await proxy.close();
      await mosquitto.dispose();
      rmSync(journalDir, { recursive: true, force: true });
      await scratch.drop();
    }
  });
});
