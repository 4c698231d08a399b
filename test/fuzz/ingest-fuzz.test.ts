// Any bytes on any topic of the namespace: over 100,000 generated malformed messages mixed with
// valid traffic through the real gateway — the console's (aedes + PGlite) and `pnpm edge`
// (Mosquitto + PostgreSQL). Every valid message is stored once, every malformed one is exactly
// one dead letter, no batch is retried, the process lives in bounded memory and stops on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@porttwin/db';
import { createScratchDatabase, postgresReachable } from '@porttwin/db/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/console-client';
import { startConsoleProcess } from '../support/console-process';
import { startEdgeProcess } from '../support/edge-process';
import { MOSQUITTO_BINARY, startMosquitto } from '../support/mosquitto-instance';
import { watchMemory } from '../support/process-memory';
import { requireWhenDemanded } from '../support/reachable';
import { waitFor } from '../support/wait-for';
import { buildFuzzPlan, type FuzzPlan, type Publish } from './fuzz-plan';

const MALFORMED = 100_000;
const VALID = 30_000;
/**
 * Growth of the gateway process's resident memory over the run, at most. It holds at most
 * maxPending (20,000) received messages and their parses; for this mix that measured 23 MiB
 * (console, over a 931 MiB PGlite baseline) and about 300 MiB (`pnpm edge`, whose broker sends
 * as fast as it may). A gateway that kept what it handled (131,200 messages, up to 65 KiB each)
 * or read without back-pressure would pass this within the run.
 */
const MEMORY_GROWTH_LIMIT = 768 * 1024 ** 2;
const PASSWORD = 'fuzz-harbour-master';

interface Stored {
  telemetry: number;
  events: number;
  statuses: number;
  deadLetters: number;
}

async function countStored(db: Database): Promise<Stored> {
  const { rows } = await db.query<Stored>(`SELECT
    (SELECT count(*) FROM telemetry)::int AS telemetry, (SELECT count(*) FROM events)::int AS events,
    (SELECT count(*) FROM device_status)::int AS statuses, (SELECT count(*) FROM dead_letters)::int AS "deadLetters"`);
  return rows[0]!;
}

/** Publishes everything at QoS 1, keeping `window` unacknowledged at a time. */
async function publishAll(url: string, publishes: Publish[], window = 1000): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId: `porttwin-fuzz-${process.pid}`, clean: true, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    let sent = 0;
    let acked = 0;
    const pump = () => {
      while (sent < publishes.length && sent - acked < window) {
        const { topic, payload } = publishes[sent]!;
        sent += 1;
        client.publish(topic, payload, { qos: 1 }, (error) => {
          if (error) return reject(error);
          acked += 1;
          if (acked === publishes.length) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  await client.endAsync();
}

function expectEverythingAccounted(stored: Stored, plan: FuzzPlan): void {
  expect(stored).toEqual({ ...plan.expected, deadLetters: plan.malformed });
}

const plan = buildFuzzPlan({ seed: 20261203, malformed: MALFORMED, valid: VALID, duplicateEvery: 25, now: Date.now() });

describe('fuzzed traffic through the console (aedes + PGlite)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-fuzz-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores every valid message once and dead-letters every malformed one, and lives', async () => {
    expect(plan.malformed).toBeGreaterThanOrEqual(100_000);
    // Anonymous (development mode): the fuzzed topics span sites and malformed ones, which the
    // gateway must judge; a broker ACL would turn them away before it sees them.
    const consoleProcess = await startConsoleProcess({
      DATA_DIR: dataDir,
      PORTTWIN_ADMIN_PASSWORD: PASSWORD,
      SIMULATOR: 'off',
      PORTTWIN_ALLOW_ANONYMOUS_MQTT: '1',
    });
    const memory = watchMemory(consoleProcess.pid);
    const baseline = watchMemory(consoleProcess.pid).stop();
    let exit: number | null = null;
    try {
      const token = await signIn(consoleProcess.url, PASSWORD);
      const metrics = async () => {
        const text = await (await fetch(`${consoleProcess.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
        const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
        return {
          handled: read('porttwin_ingest_messages_total') + read('porttwin_dead_letters_total'),
          writeFailures: read('porttwin_gateway_write_failures'),
          refused: read('porttwin_gateway_refused'),
        };
      };
      await publishAll(`mqtt://127.0.0.1:${consoleProcess.mqttPort}`, plan.publishes);
      const seen = await waitFor('every publish handled', metrics, (m) => m.handled >= plan.publishes.length, 180_000);
      expect(seen).toEqual({ handled: plan.publishes.length, writeFailures: 0, refused: 0 });
      const health = await fetch(`${consoleProcess.url}/api/health`);
      expect(health.status).toBe(200);
      const growth = memory.stop() - baseline;
      console.info(
        `fuzz, console: ${plan.publishes.length} publishes, ${plan.malformed} malformed; RSS grew ${(growth / 1024 ** 2).toFixed(0)} MiB from ${(baseline / 1024 ** 2).toFixed(0)} MiB`,
      );
      expect(growth).toBeLessThan(MEMORY_GROWTH_LIMIT);
    } finally {
      exit = await consoleProcess.stop();
    }
    expect(exit).toBe(0);
    const db = await openDatabase({ dataDir });
    try {
      expectEverythingAccounted(await countStored(db), plan);
    } finally {
      await db.close();
    }
  }, 420_000);
});

const realServices = requireWhenDemanded(
  'PostgreSQL and the mosquitto binary',
  '127.0.0.1',
  (await postgresReachable()) && MOSQUITTO_BINARY !== null,
);

describe.skipIf(!realServices)('fuzzed traffic through `pnpm edge` (Mosquitto + PostgreSQL)', () => {
  it('stores every valid message once and dead-letters every malformed one, and lives', async () => {
    const scratch = await createScratchDatabase();
    const mosquitto = await startMosquitto();
    const journalDir = mkdtempSync(join(tmpdir(), 'porttwin-fuzz-journal-'));
    const db = await openDatabase({ url: scratch.url });
    try {
      const edge = await startEdgeProcess({
        MQTT_URL: mosquitto.url,
        DATABASE_URL: scratch.url,
        EDGE_GATEWAY_ID: 'edge-fuzz',
        EDGE_JOURNAL_DIR: journalDir,
        LOG_LEVEL: 'info',
      });
      const memory = watchMemory(edge.pid);
      const baseline = watchMemory(edge.pid).stop();
      let exit: number | null;
      try {
        await publishAll(mosquitto.url, plan.publishes);
        await waitFor(
          'every publish handled',
          async () => {
            const { rows } = await db.query<{ handled: number }>(
              'SELECT coalesce(sum(messages + dead_letters), 0)::int AS handled FROM ingest_progress',
            );
            return rows[0]!.handled;
          },
          (handled) => handled >= plan.publishes.length,
          180_000,
        );
        const growth = memory.stop() - baseline;
        console.info(
          `fuzz, pnpm edge: ${plan.publishes.length} publishes, ${plan.malformed} malformed; RSS grew ${(growth / 1024 ** 2).toFixed(0)} MiB from ${(baseline / 1024 ** 2).toFixed(0)} MiB`,
        );
        expect(growth).toBeLessThan(MEMORY_GROWTH_LIMIT);
      } finally {
        exit = await edge.stop();
      }
      expect(exit).toBe(0);
      const { rows } = await db.query<{ handled: number }>('SELECT sum(messages + dead_letters)::int AS handled FROM ingest_progress');
      expect(rows[0]!.handled).toBe(plan.publishes.length);
      expectEverythingAccounted(await countStored(db), plan);
      // Nothing was retried and nothing reached the database that it refused.
      expect(edge.output()).not.toMatch(/could not be stored|database refused/);
    } finally {
      await db.close();
      await mosquitto.dispose();
      rmSync(journalDir, { recursive: true, force: true });
      await scratch.drop();
    }
  }, 420_000);
});
