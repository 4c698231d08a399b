// The twin against the truth: the simulator runs an hour of the port as fast as it can into a
// real console, keeping what really happened; every count the console reports must equal it.
// The hour is a fixed one of the simulated calendar, not the hour before the test started:
// the model's truck arrivals follow the hour of day, so a run that started "an hour ago"
// would be a different run at every hour of the wall clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSiteFile, SMALL_PORT_SITE_FILE, startSimulator, type TruthRecord } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, signIn } from '../support/console-client';
import { issuePublisherCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'truth-harbour-master';
const SIMULATED_SECONDS = 3600;
// 08:00–09:00 at the small port (UTC+8, from its longitude): the morning's traffic.
const START = Date.UTC(2026, 10, 22, 0, 0, 0);
const END = START + SIMULATED_SECONDS * 1000;

interface StoredEvent {
  assetId: string;
  ts: number;
  type: string;
  data: Record<string, unknown>;
}

interface KpiBucket {
  start: number;
  site: { quayMoves: number; yardMoves: number; trucksAdmitted: number; scans: number; suspectScans: number };
}

type Visit = Extract<TruthRecord, { type: 'truck' }>;

// The model's clock runs in fractional ms; messages carry it rounded to whole ones.
const ms = (t: number) => Math.round(t);

describe("the twin against the simulator's ground truth", () => {
  let console: ConsoleProcess;
  let dataDir: string;
  let token: string;
  const truth: TruthRecord[] = [];
  let ranUntil = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-truth-'));
    console = await startConsoleProcess({
      DATA_DIR: dataDir,
      PORTTWIN_ADMIN_PASSWORD: PASSWORD,
      SIMULATOR: 'off',
      SITE_FILE: SMALL_PORT_SITE_FILE,
    });
    token = await signIn(console.url, PASSWORD);
    const simulator = await startSimulator({
      // The embedded broker refuses anonymous clients: the simulator signs in as the site's publisher.
      mqttUrl: mqttUrlWith(
        `mqtt://127.0.0.1:${console.mqttPort}`,
        await issuePublisherCredential(console.url, token, 'demo-port', 'truth'),
      ),
      layout: readSiteFile(SMALL_PORT_SITE_FILE),
      speed: 'max',
      startMs: START,
      durationSec: SIMULATED_SECONDS,
      telemetryIntervalMs: 10_000,
      seed: 7,
      truth: (record) => truth.push(record),
    });
    await simulator.done;
    ranUntil = simulator.simulatedNow();
    // Everything the broker took is stored once the console has counted it all.
    const published = simulator.published();
    await waitFor(
      'every published message stored',
      async () => {
        const metrics = await (await fetch(`${console.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
        const stored = Number(/porttwin_ingest_messages_total (\d+)/.exec(metrics)?.[1] ?? 0);
        const rejected = Number(/porttwin_dead_letters_total (\d+)/.exec(metrics)?.[1] ?? 0);
        return stored + rejected;
      },
      (count) => count >= published,
      60_000,
    );
  }, 240_000);
  afterAll(async () => {
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const events = async (type: string) =>
    (await getJson<StoredEvent[]>(`${console.url}/api/events?type=${type}&from=${START}&to=${END + 1}&limit=100000`, token)).map(
      (event) => ({ ...event, ts: Math.round(event.ts) }),
    );
  const truthOf = <T extends TruthRecord['type']>(type: T) =>
    truth.filter((record): record is Extract<TruthRecord, { type: T }> => record.type === type);

  it('runs the hour it was given, from the first record of its truth to the last', () => {
    expect(truth[0]).toMatchObject({ t: START, type: 'run.started', seed: 7 });
    expect(ranUntil).toBe(END);
    expect(truth.every((record) => record.t >= START && record.t <= END)).toBe(true);
  });

  it('stores every quay and yard crane move the model made, and no other', async () => {
    const moves = truthOf('crane.move');
    // The same seed and hour make the same run; this only says the hour was a working one.
    expect(moves.length).toBeGreaterThan(20);
    const stored = (await events('move.completed')).map(
      (event) => `${event.ts} ${event.assetId} ${String(event.data.kind)} ${String(event.data.container)}`,
    );
    expect(stored.sort()).toEqual(moves.map((move) => `${ms(move.t)} ${move.asset} ${move.kind} ${move.container}`).sort());
  });

  it('stores every gate decision and scan of every truck that came and went, at the time it was made, and no other', async () => {
    // The truth records a truck when it leaves; those still on site at the end are left out,
    // so the stored events compared are those of a visit in the truth: its plate, within it.
    const visits = truthOf('truck').filter((visit) => visit.outcome !== 'balked');
    expect(visits.length).toBeGreaterThan(20);
    // The run opens with trucks already inside: what they did before it began was never published.
    const inRun = (at: number | undefined): at is number => at !== undefined && at >= START;
    const expected: string[] = [];
    for (const visit of visits) {
      const { gateEnd, outGateEnd, scanEnd } = visit.stages;
      if (inRun(gateEnd))
        expected.push(`${ms(gateEnd)} ${visit.inLane} truck.${visit.outcome === 'rejected' ? 'rejected' : 'admitted'} ${visit.plate}`);
      if (visit.outLane && inRun(outGateEnd)) expected.push(`${ms(outGateEnd)} ${visit.outLane} truck.admitted ${visit.plate}`);
      // The truth does not say which scanner; any of the site's scanners will do.
      if (inRun(scanEnd)) expected.push(`${ms(scanEnd)} scanner scan.completed ${visit.plate} ${String(visit.verdict)}`);
    }

    const visitsByPlate = new Map<string, Visit[]>();
    for (const visit of visits) visitsByPlate.set(visit.plate, [...(visitsByPlate.get(visit.plate) ?? []), visit]);
    const ofAVisit = (event: StoredEvent) =>
      (visitsByPlate.get(String(event.data.plate)) ?? []).some(
        (visit) => event.ts >= ms(visit.stages.arrived) && event.ts <= (visit.stages.departed ?? END),
      );
    const scanners = new Set(
      (await getJson<{ id: string; kind: string }[]>(`${console.url}/api/assets`, token))
        .filter((asset) => asset.kind === 'scanner')
        .map((asset) => asset.id),
    );
    const stored: string[] = [];
    for (const type of ['truck.admitted', 'truck.rejected', 'scan.completed']) {
      for (const event of (await events(type)).filter(ofAVisit)) {
        const asset = type === 'scan.completed' && scanners.has(event.assetId) ? 'scanner' : event.assetId;
        stored.push(
          `${event.ts} ${asset} ${type} ${String(event.data.plate)}${type === 'scan.completed' ? ` ${String(event.data.verdict)}` : ''}`,
        );
      }
    }
    expect(stored.sort()).toEqual(expected.sort());
  });

  it('follows every truck the model saw through the gate, stage by stage within a second (issue 9)', async () => {
    interface JourneyRow {
      plate: string;
      inLane: string;
      outLane: string | null;
      outcome: string;
      inspected: boolean;
      verdict: string | null;
      stages: Record<string, number | null>;
    }
    const journeys = await getJson<JourneyRow[]>(`${console.url}/api/journeys?from=${START}&to=${END + 1}&limit=100000`, token);
    // Trucks already inside when the run opened never crossed a reader in it: those with a
    // booth decision in the run, and balks a lane's reader saw, are the visits to follow.
    const visits = truthOf('truck').filter(
      (visit) =>
        (visit.outcome === 'balked' && visit.plate !== '') || (visit.stages.gateEnd !== undefined && visit.stages.arrived >= START),
    );
    expect(visits.filter((visit) => visit.outcome === 'released').length).toBeGreaterThan(20);
    expect(visits.some((visit) => visit.outcome === 'rejected')).toBe(true);
    const mismatches: string[] = [];
    for (const visit of visits) {
      const matches = journeys.filter(
        (journey) => journey.plate === visit.plate && Math.abs((journey.stages.arrived ?? 0) - visit.stages.arrived) <= 1000,
      );
      const journey = matches[0];
      if (matches.length !== 1 || !journey) {
        mismatches.push(`${visit.plate} arrived ${visit.stages.arrived}: ${matches.length} journeys`);
        continue;
      }
      const facts = (v: { inLane: string; outLane: string | null; outcome: string; inspected: boolean; verdict: string | null }) =>
        `${v.inLane} ${v.outLane} ${v.outcome} ${v.inspected} ${v.verdict}`;
      if (facts(journey) !== facts(visit)) mismatches.push(`${visit.plate}: ${facts(journey)} against ${facts(visit)}`);
      for (const [stage, at] of Object.entries(visit.stages)) {
        // The truth's departure is off the site's edge; the console's is the barrier's release.
        if (stage === 'departed' && visit.outcome !== 'balked') continue;
        // Yard stages come from the tracker's geofence: a truck without a tracker has none.
        if (stage.startsWith('yard') && (visit.tracker === null || visit.stages.yardArrived === undefined)) continue;
        const seen = journey.stages[stage];
        if (seen === null || seen === undefined || Math.abs(seen - at) > 1000)
          mismatches.push(`${visit.plate} ${stage}: ${seen} against ${at}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('times each stage as the model did: the same dwells counted, their mean within 1 % (issue 9)', async () => {
    // The window is the run's first 20 minutes, so a truck with a dwell ending in it has left
    // by the end of the run (and is in the truth) unless it stayed 40 minutes or more.
    const to = START + 20 * 60_000;
    const { stages } = await getJson<{ stages: { stage: string; assetId?: string; count: number; meanSec: number }[] }>(
      `${console.url}/api/clearance?from=${START}&to=${to}`,
      token,
    );
    // The stages of docs/journeys.md, "Clearance time", from the truth's own stage times.
    const spans: Record<string, (v: Visit['stages']) => [number | undefined, number | undefined]> = {
      gateQueue: (v) => [v.arrived, v.portalStart ?? v.gateStart],
      portal: (v) => [v.portalStart, v.gateStart],
      booth: (v) => [v.gateStart, v.gateEnd],
      scanQueue: (v) => [v.scanQueued, v.scanStart],
      scan: (v) => [v.scanStart, v.scanEnd],
      outQueue: (v) => [v.outQueued, v.outGateStart],
      outBooth: (v) => [v.outGateStart, v.outGateEnd],
    };
    // Trucks placed inside when the run opened never crossed a reader: the console has no journey of theirs.
    const visits = truthOf('truck').filter((visit) => visit.stages.gateEnd !== undefined && visit.stages.arrived >= START);
    const compared: string[] = [];
    for (const [stage, span] of Object.entries(spans)) {
      const dwells = visits
        .map((visit) => span(visit.stages))
        .filter((pair): pair is [number, number] => pair[0] !== undefined && pair[1] !== undefined && pair[1] >= START && pair[1] < to)
        .map(([start, end]) => (end - start) / 1000);
      const seen = stages.find((row) => row.stage === stage && row.assetId === undefined);
      const mean = dwells.reduce((sum, sec) => sum + sec, 0) / dwells.length;
      expect({ stage, count: seen?.count ?? 0 }).toEqual({ stage, count: dwells.length });
      if (dwells.length === 0) continue;
      expect({ stage, within: Math.abs((seen?.meanSec ?? 0) - mean) <= mean * 0.01 }).toEqual({ stage, within: true });
      compared.push(stage);
    }
    expect(compared).toEqual(expect.arrayContaining(['gateQueue', 'booth', 'outQueue', 'outBooth']));
  });

  it('reports each lane its queue and its waits as the model had them (issue 9)', async () => {
    // The same first 20 minutes as the dwells above, through the live KPIs' own route.
    const to = START + 20 * 60_000;
    const summary = await getJson<{
      gateLanes: { assetId: string; direction: string | null; queueAvg: number | null; waitSec: number | null; waits: number }[];
    }>(`${console.url}/api/kpis/summary?to=${to}&windowMin=20`, token);
    const visits = truthOf('truck').filter((visit) => visit.stages.gateEnd !== undefined && visit.stages.arrived >= START);
    const queueChanges = truthOf('queue');
    const compared: string[] = [];
    for (const lane of summary.gateLanes) {
      // Every queueLength the lane reported is the queue the model had at that instant (the
      // model's clock runs in fractional ms, the report carries it rounded: either side of it).
      const samples = await getJson<{ ts: number; metrics: { queueLength: number } }[]>(
        `${console.url}/api/telemetry?asset=${lane.assetId}&metric=queueLength&from=${START}&to=${to}&limit=100000`,
        token,
      );
      const changes = queueChanges.filter((change) => change.asset === lane.assetId);
      const queueAt = (t: number) => changes.filter((change) => change.t <= t).at(-1)?.queue ?? 0;
      const wrong = samples.filter((sample) => ![queueAt(sample.ts - 1), queueAt(sample.ts + 1)].includes(sample.metrics.queueLength));
      expect({ lane: lane.assetId, wrong: wrong.map((sample) => `${sample.ts}: ${sample.metrics.queueLength}`) }).toEqual({
        lane: lane.assetId,
        wrong: [],
      });
      const reported = samples.map((sample) => sample.metrics.queueLength);
      if (reported.length > 0) expect(lane.queueAvg).toBeCloseTo(reported.reduce((sum, q) => sum + q, 0) / reported.length, 9);

      // Waits: the queue dwells of the trucks that left this lane's queue in the window.
      const dwells = visits
        .map((visit): [number | undefined, number | undefined] =>
          lane.direction === 'out'
            ? visit.outLane === lane.assetId
              ? [visit.stages.outQueued, visit.stages.outGateStart]
              : [undefined, undefined]
            : visit.inLane === lane.assetId
              ? [visit.stages.arrived, visit.stages.portalStart ?? visit.stages.gateStart]
              : [undefined, undefined],
        )
        .filter((pair): pair is [number, number] => pair[0] !== undefined && pair[1] !== undefined && pair[1] >= START && pair[1] < to)
        .map(([start, end]) => (end - start) / 1000);
      expect({ lane: lane.assetId, waits: lane.waits }).toEqual({ lane: lane.assetId, waits: dwells.length });
      if (dwells.length === 0) continue;
      const mean = dwells.reduce((sum, sec) => sum + sec, 0) / dwells.length;
      // A queue ends where the booth starts, which the console reads as the decision's time
      // less its processingSec; lanes report that to a tenth of a second, so a wait is off by
      // at most 0.05 s (plus the 1 ms rounding of times), and so is their mean.
      expect({ lane: lane.assetId, seen: lane.waitSec, near: Math.abs((lane.waitSec ?? Number.NaN) - mean) <= 0.052 }).toEqual({
        lane: lane.assetId,
        seen: expect.any(Number),
        near: true,
      });
      compared.push(lane.assetId);
    }
    // The small port's lanes all saw trucks in the morning hour.
    expect(compared.sort()).toEqual(['GL-IN-1', 'GL-IN-2', 'GL-OUT-1']);
  });

  it('reports the same hour in its per-hour KPIs as the model lived through', async () => {
    // Hour buckets are returned by their start; the run is the only data.
    const buckets = await getJson<KpiBucket[]>(`${console.url}/api/kpis?from=${START}&to=${END + 1}&bucket=hour`, token);
    const sum = (pick: (bucket: KpiBucket) => number) => buckets.reduce((total, bucket) => total + pick(bucket), 0);
    const truthMoves = truthOf('crane.move');
    expect(sum((bucket) => bucket.site.quayMoves)).toBe(truthMoves.filter((move) => move.asset.startsWith('QC')).length);
    expect(sum((bucket) => bucket.site.yardMoves)).toBe(truthMoves.filter((move) => move.asset.startsWith('YC')).length);
  });
});
