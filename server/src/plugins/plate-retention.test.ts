// The server's plate retention job (issue 8, part 6): a run masks the plates of rows older
// than PLATE_RETENTION_DAYS and nothing younger, live state included (the console's next
// push carries the masked plate), and a second run finds nothing. The SQL is tested on
// PGlite and PostgreSQL in db/src/queries/plate-retention.test.ts.
import type { DeviceMessage } from '@porttwin/contracts';
import { type Database, listEvents, openDatabase, writeIngestBatch } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { waitUntil } from '../testing/wait-until';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const DAY = 86_400_000;
const NOW = Date.now();

function arrival(plate: string, ageDays: number, seq: number): DeviceMessage {
  const ts = NOW - ageDays * DAY;
  return {
    site: 'demo-port',
    kind: 'gate',
    assetId: 'GL-IN-1',
    channel: 'event',
    ts,
    seq,
    receivedAt: ts,
    type: 'truck.arrived',
    data: { plate, direction: 'in', containers: [] },
  };
}

describe('the plate retention job', () => {
  let db: Database;
  let app: App;

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent', plateRetentionDays: 30 });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('masks plates older than the period only, in stored rows and live state, once', async () => {
    const tracker = NOW - 31 * DAY;
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [
        arrival('粤B11111', 31, 1),
        arrival('粤B22222', 29, 2),
        {
          site: 'demo-port',
          kind: 'truck',
          assetId: 'TRK-07',
          channel: 'telemetry',
          ts: tracker,
          seq: 1,
          receivedAt: tracker,
          metrics: { x: 1, y: 1, plate: '粤B33333' },
        },
      ],
      deadLetters: [],
    });
    await waitUntil(
      'the tracker in live state',
      () => app.assetFeed.get('TRK-07')?.metrics.plate,
      (plate) => plate === '粤B33333',
    );

    expect(await app.plateRetention.run()).toEqual({ events: 1, telemetry: 1, assets: 1, journeys: 1, journey_marks: 1 });
    const events = await listEvents(db, { from: NOW - 40 * DAY, to: NOW, limit: 10 }, {});
    expect(events.map((row) => row.data.plate)).toEqual(['粤B1***1', '粤B22222']);
    await waitUntil(
      'the masked plate in live state',
      () => app.assetFeed.get('TRK-07')?.metrics.plate,
      (plate) => plate === '粤B3***3',
    );

    expect(await app.plateRetention.run()).toEqual({ events: 0, telemetry: 0, assets: 0, journeys: 0, journey_marks: 0 });
  });

  it('goes on batch after batch until every expired plate is masked', async () => {
    // 250 is over two of PGlite's batches (PLATE_RETENTION_BATCH), with a short one to end on.
    const arrivals = Array.from({ length: 250 }, (_, i) => arrival(`湘A${10000 + i}`, 60, 100 + i));
    await writeIngestBatch(db, { gatewayId: 'g1', messages: arrivals, deadLetters: [] });
    expect(await app.plateRetention.run()).toEqual({ events: 250, telemetry: 0, assets: 0, journeys: 250, journey_marks: 250 });
    const events = await listEvents(db, { from: NOW - 61 * DAY, to: NOW - 59 * DAY, limit: 1000 }, {});
    expect(events.filter((row) => row.data.plate === `湘A1***${String(row.seq - 100).at(-1)}`).length).toBe(250);
  });
});
