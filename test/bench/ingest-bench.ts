// `pnpm bench ingest`: sustained QoS 1 messages/s written durably by a gateway, against the
// ceiling measured in the same run — Mosquitto's own QoS 1 publish → subscribe rate.
import type { DeviceMessage } from '@porttwin/contracts';
import { type Database, openDatabase, writeIngestBatch } from '@porttwin/db';
import { createScratchDatabase, postgresReachable } from '@porttwin/db/testing';
import { startGateway } from '@porttwin/edge';
import mqtt from 'mqtt';
import pino from 'pino';
import { startMosquitto } from '../support/mosquitto-instance';
import { runLoad } from '../support/run-load';

export interface IngestFigures {
  name: string;
  messages: number;
  seconds: number;
  perSecond: number;
}

const DEVICES = 1000;

/** Mosquitto alone: a load process publishes, one subscriber takes everything at QoS 1. */
async function measureRaw(url: string, messages: number): Promise<IngestFigures> {
  const subscriber = await mqtt.connectAsync(url, { clientId: 'bench-raw-subscriber', protocolVersion: 5, clean: true });
  await subscriber.subscribeAsync('porttwin/v1/bench-raw/#', { qos: 1 });
  let received = 0;
  let lastAt = 0;
  const done = new Promise<void>((resolve) => {
    subscriber.on('message', () => {
      received += 1;
      lastAt = performance.now();
      if (received === messages) resolve();
    });
  });
  const started = performance.now();
  await runLoad({ url, count: messages, devices: DEVICES, site: 'bench-raw' });
  await done;
  await subscriber.endAsync();
  const seconds = (lastAt - started) / 1000;
  return { name: 'Mosquitto QoS 1 publish → subscribe (ceiling)', messages, seconds, perSecond: messages / seconds };
}

/** A gateway storing everything durably: the rate is publish start → last commit. */
async function measureGateway(name: string, url: string, db: Database, site: string, messages: number): Promise<IngestFigures> {
  const gateway = await startGateway({
    mqttUrl: url,
    db,
    gatewayId: `bench-${site}`,
    topicFilter: `porttwin/v1/${site}/#`,
    log: pino({ level: 'warn' }),
  });
  const started = performance.now();
  await runLoad({ url, count: messages, devices: DEVICES, site });
  while (gateway.stats().stored < messages) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - started) / 1000;
  await gateway.stop();
  const { rows } = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM telemetry');
  if (Number(rows[0]?.n) !== messages) throw new Error(`bench: ${name} stored ${rows[0]?.n} rows for ${messages} messages`);
  return { name, messages, seconds, perSecond: messages / seconds };
}

/** The database side alone: decoded messages written in gateway-sized batches, no broker. */
async function measureDatabaseOnly(name: string, db: Database, messages: number): Promise<IngestFigures> {
  const batchSize = 2000;
  const started = performance.now();
  for (let first = 0; first < messages; first += batchSize) {
    const batch: DeviceMessage[] = [];
    for (let index = first; index < Math.min(messages, first + batchSize); index += 1) {
      batch.push({
        site: 'bench-db',
        kind: 'gate',
        assetId: `LOAD-${index % DEVICES}`,
        channel: 'telemetry',
        ts: 1_763_800_000_000 + index,
        seq: Math.floor(index / DEVICES),
        receivedAt: Date.now(),
        metrics: { queueLength: index % 17, laneOpen: 1 },
      });
    }
    await writeIngestBatch(db, { gatewayId: 'bench-db', messages: batch, deadLetters: [] });
  }
  const seconds = (performance.now() - started) / 1000;
  return { name, messages, seconds, perSecond: messages / seconds };
}

async function withPostgres<T>(use: (db: Database) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase();
  const db = await openDatabase({ url: scratch.url });
  try {
    return await use(db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

async function withPglite<T>(use: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

/** Each path measured `rounds` times, interleaved so machine noise hits all alike; medians kept. */
export async function benchIngest(messages: number, rounds: number): Promise<IngestFigures[]> {
  const mosquitto = await startMosquitto();
  const withPg = await postgresReachable();
  const samples = new Map<string, IngestFigures[]>();
  const record = (figures: IngestFigures) => samples.set(figures.name, [...(samples.get(figures.name) ?? []), figures]);
  try {
    for (let round = 0; round < rounds; round += 1) {
      record(await measureRaw(mosquitto.url, messages));
      if (withPg)
        record(
          await withPostgres((db) => measureGateway('gateway → PostgreSQL 15, durable', mosquitto.url, db, `bench-pg-${round}`, messages)),
        );
      record(
        await withPglite((db) =>
          measureGateway('gateway → embedded PGlite, durable', mosquitto.url, db, `bench-pglite-${round}`, messages),
        ),
      );
      if (withPg)
        record(
          await withPostgres((db) =>
            measureDatabaseOnly('database side alone: PostgreSQL 15 (COPY + INSERT … ON CONFLICT, live state every batch)', db, messages),
          ),
        );
      record(
        await withPglite((db) =>
          measureDatabaseOnly('database side alone: PGlite (JSON + INSERT … ON CONFLICT, live state every batch)', db, messages),
        ),
      );
    }
  } finally {
    await mosquitto.dispose();
  }
  return [...samples.values()].map((runs) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)]!);
}
