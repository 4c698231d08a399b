// `pnpm bench ingest`: sustained QoS 1 messages/s written durably by a gateway, against the
// ceiling measured in the same run — Mosquitto's own QoS 1 publish → subscribe rate.
import { type Database, openDatabase } from '@porttwin/db';
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
    mqttUrl: url, db, gatewayId: `bench-${site}`, topicFilter: `porttwin/v1/${site}/#`, log: pino({ level: 'warn' }),
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

export async function benchIngest(messages: number): Promise<IngestFigures[]> {
  const mosquitto = await startMosquitto();
  const figures: IngestFigures[] = [];
  try {
    figures.push(await measureRaw(mosquitto.url, messages));
    if (await postgresReachable()) {
      const scratch = await createScratchDatabase();
      const db = await openDatabase({ url: scratch.url });
      try {
        figures.push(await measureGateway('gateway → PostgreSQL 15 (durable)', mosquitto.url, db, 'bench-pg', messages));
      } finally {
        await db.close();
        await scratch.drop();
      }
    }
    const pglite = await openDatabase();
    try {
      figures.push(await measureGateway('gateway → embedded PGlite (durable)', mosquitto.url, pglite, 'bench-pglite', messages));
    } finally {
      await pglite.close();
    }
  } finally {
    await mosquitto.dispose();
  }
  return figures;
}
