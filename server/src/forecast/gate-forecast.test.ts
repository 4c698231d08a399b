// The gate forecast over a seeded history at the small port, on PGlite and (when it answers)
// the machine's PostgreSQL: yesterday's profile scaled by today's busier hour (less what chance
// could explain), the queue it
// makes with the one lane open, and the advice to open the other, all worked out by hand.
import type { DeviceMessage } from '@porttwin/contracts';
import { NO_KPI_TARGETS } from '@porttwin/contracts';
import { type Database, writeIngestBatch } from '@porttwin/db';
import { testDatabases } from '@porttwin/db/testing';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiSite } from '../kpis/kpi-summary';
import { erlangC } from './erlang-c';
import { gateForecast, recentLevel } from './gate-forecast';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
// 10:05 at the small port (UTC+8); the forecast's quarters start at 10:15 local.
const AT = Date.parse('2026-11-22T02:05:00.000Z');
const FIRST = Date.parse('2026-11-22T02:15:00.000Z');

let seq = 0;
const gate = (
  assetId: string,
  ts: number,
  body: Pick<DeviceMessage & { channel: 'event' }, 'type' | 'data'> | { metrics: Record<string, number> },
): DeviceMessage => {
  seq += 1;
  const common = { site: 'demo-port', kind: 'gate' as const, assetId, ts, seq, receivedAt: ts };
  return 'metrics' in body ? { ...common, channel: 'telemetry', metrics: body.metrics } : { ...common, channel: 'event', ...body };
};
const arrival = (ts: number, plate: string) =>
  gate('GL-IN-1', ts, { type: 'truck.arrived', data: { plate, direction: 'in', containers: [] } });

function history(): DeviceMessage[] {
  const messages: DeviceMessage[] = [];
  // Yesterday: 40 arrivals in the hour before 10:05, then 12, 12, 20 and 20 in the four quarters from 10:15.
  for (let i = 0; i < 40; i++) messages.push(arrival(AT - DAY - 60 * MIN + i * 90_000, `粤A${10_000 + i}`));
  [12, 12, 20, 20].forEach((count, b) => {
    for (let i = 0; i < count; i++) messages.push(arrival(FIRST - DAY + b * 15 * MIN + i * 30_000, `粤C${10_000 + b * 100 + i}`));
  });
  // Today's last hour: twice as busy, 80 arrivals at GL-IN-1, each 30 s in the queue and 60 s at the booth.
  for (let i = 0; i < 80; i++) {
    const arrived = AT - 60 * MIN + i * 45_000;
    const plate = `粤B${10_000 + i}`;
    messages.push(arrival(arrived, plate));
    if (arrived + 90_000 < AT)
      messages.push(gate('GL-IN-1', arrived + 90_000, { type: 'truck.admitted', data: { plate, processingSec: 60 } }));
  }
  // GL-IN-1 open with nobody waiting; GL-IN-2 closed.
  messages.push(gate('GL-IN-1', AT - 10_000, { metrics: { queueLength: 0, laneOpen: 1 } }));
  messages.push(gate('GL-IN-2', AT - 10_000, { metrics: { queueLength: 0, laneOpen: 0 } }));
  return messages.sort((a, b) => a.ts - b.ts);
}

const engines = await testDatabases();
const site = kpiSite(readSiteFile(SMALL_PORT_SITE_FILE), NO_KPI_TARGETS('demo-port'));

describe.each(engines)('the gate forecast on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ db, dispose } = await engine.open());
    await writeIngestBatch(db, { gatewayId: 'g1', messages: history(), deadLetters: [] });
  });
  afterAll(() => dispose());

  it("expects yesterday's quarters scaled by today's level, on the lanes' shares", async () => {
    const forecast = await gateForecast(db, site, { at: AT, horizonMin: 60, targetWaitSec: 600 });
    expect(forecast).toMatchObject({
      at: AT,
      horizonMin: 60,
      bucketMinutes: 15,
      targetWaitSec: 600,
      site: { lanesOpen: 1, lanesTotal: 2 },
    });
    const starts = [0, 1, 2, 3].map((b) => FIRST + b * 15 * MIN);
    // Today's last hour ran at twice yesterday's (80 against 40). Chance alone strays by a
    // relative variance of (1 + 1/1 day) / 40 = 0.05, so 1 − 0.05 / 1² = 95 % of the doubling is
    // kept. The last quarter hour (20 against 10) is only 1 / √0.2 = 2.2 sd out: the hour speaks.
    const windows = [
      { recent: 20, profile: 10 },
      { recent: 80, profile: 40 },
    ];
    expect(recentLevel(windows, 1)).toBeCloseTo(1.95, 12);
    const expected = [23.4, 23.4, 39, 39];
    expect(forecast.site.buckets.map((bucket) => bucket.start)).toEqual(starts);
    forecast.site.buckets.forEach((bucket, b) => expect(bucket.arrivals).toBeCloseTo(expected[b]!, 9));
    expect(forecast.lanes.map((lane) => [lane.assetId, lane.open, lane.serviceRatePerHour])).toEqual([
      ['GL-IN-1', true, 60],
      ['GL-IN-2', false, 60],
    ]);
    forecast.lanes[0]!.buckets.forEach((bucket, b) => expect(bucket.arrivals).toBeCloseTo(expected[b]!, 9));
    expect(forecast.lanes[1]!.buckets.map((bucket) => bucket.arrivals)).toEqual([0, 0, 0, 0]);
  });

  it('takes the level from the last quarter hour when it departs beyond chance, before the hour has caught up', () => {
    // 45 against 15 in the quarter is 2 / √(2/15) = 5.5 sd out; kept: 1 − (2/15) / 2² = 97 %.
    expect(
      recentLevel(
        [
          { recent: 45, profile: 15 },
          { recent: 75, profile: 60 },
        ],
        1,
      ),
    ).toBeCloseTo(1 + 2 * (1 - 2 / 15 / 4), 12);
    // A wobble within chance in both is no change at all.
    expect(
      recentLevel(
        [
          { recent: 17, profile: 15 },
          { recent: 64, profile: 60 },
        ],
        7,
      ),
    ).toBe(1);
  });

  it('queues up behind the one open lane, and advises opening the other by the quarter the wait passes target', async () => {
    const forecast = await gateForecast(db, site, { at: AT, horizonMin: 60, targetWaitSec: 600 });
    // One 60 s lane clears 15 a quarter: 8.4 left after the first, 16.8 after the second.
    const [first, second] = forecast.site.buckets;
    expect(first!.capacity).toBe(15);
    expect(first!.expectedQueue).toBeCloseTo(4.2, 9);
    expect(first!.expectedWaitSec).toBeCloseTo(252, 9);
    expect(second!.expectedQueue).toBeCloseTo(12.6, 9);
    expect(second!.expectedWaitSec).toBeCloseTo(756, 9);
    // With both: M/M/2 for the first two quarters (a = 1.56), then 9 and 18 left over: the
    // last quarter waits (9 + 18) / 2 trucks × 30 s = 405 s.
    const mm2 = erlangC(2, 1.56) / (2 / 60 - 23.4 / 900);
    expect(mm2).toBeCloseTo(93.22, 2);
    expect(forecast.advice).toMatchObject({
      action: 'open',
      lanes: 1,
      by: FIRST + 15 * MIN,
      message: 'open 1 more inbound lane by 10:30 to keep the wait under 10 min',
    });
    expect(forecast.advice.expectedWaitSec).toBeCloseTo(405, 9);
  });

  it('holds when the open lanes keep the wait under a looser target', async () => {
    const forecast = await gateForecast(db, site, { at: AT, horizonMin: 30, targetWaitSec: 900 });
    expect(forecast.site.buckets).toHaveLength(2);
    expect(forecast.advice).toMatchObject({ action: 'hold', lanes: 0, by: null });
    expect(forecast.advice.expectedWaitSec).toBeCloseTo(756, 9);
  });
});
