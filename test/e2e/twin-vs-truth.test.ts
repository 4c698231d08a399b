// The twin against the truth: the simulator runs an hour of the port as fast as it can into a
// real console, keeping what really happened; every count the console reports must equal it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSiteFile, SMALL_PORT_SITE_FILE, startSimulator, type TruthRecord } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, signIn } from '../support/console-client';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'truth-harbour-master';
const SIMULATED_SECONDS = 3600;

interface StoredEvent {
  assetId: string;
  type: string;
  data: Record<string, unknown>;
}

interface KpiBucket {
  start: number;
  site: { quayMoves: number; yardMoves: number; trucksAdmitted: number; scans: number; suspectScans: number };
}

describe('the twin against the simulator\'s ground truth', () => {
  let console: ConsoleProcess;
  let dataDir: string;
  let token: string;
  const truth: TruthRecord[] = [];
  let from = 0;
  let to = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-truth-'));
    console = await startConsoleProcess({ DATA_DIR: dataDir, PORTTWIN_ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'off', SITE_FILE: SMALL_PORT_SITE_FILE });
    token = await signIn(console.url, PASSWORD);
    const simulator = await startSimulator({
      mqttUrl: `mqtt://127.0.0.1:${console.mqttPort}`,
      layout: readSiteFile(SMALL_PORT_SITE_FILE),
      speed: 'max',
      durationSec: SIMULATED_SECONDS,
      telemetryIntervalMs: 10_000,
      seed: 7,
      truth: (record) => truth.push(record),
    });
    from = simulator.simulatedNow();
    await simulator.done;
    to = simulator.simulatedNow() + 1;
    // Everything the broker took is stored once the console has counted it all.
    const published = simulator.published();
    await waitFor('every published message stored', async () => {
      const metrics = await (await fetch(`${console.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
      const stored = Number(/porttwin_ingest_messages_total (\d+)/.exec(metrics)?.[1] ?? 0);
      const rejected = Number(/porttwin_dead_letters_total (\d+)/.exec(metrics)?.[1] ?? 0);
      return stored + rejected;
    }, (count) => count >= published, 60_000);
  }, 240_000);
  afterAll(async () => {
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const events = (type: string) => getJson<StoredEvent[]>(`${console.url}/api/events?type=${type}&from=${from}&to=${to}&limit=100000`, token);
  const truthOf = <T extends TruthRecord['type']>(type: T) => truth.filter((record): record is Extract<TruthRecord, { type: T }> => record.type === type);

  it('stores every quay and yard crane move the model made', async () => {
    const moves = await events('move.completed');
    const truthMoves = truthOf('crane.move');
    expect(truthMoves.length).toBeGreaterThan(20);
    expect(moves.filter((event) => event.assetId.startsWith('QC')).length).toBe(truthMoves.filter((move) => move.asset.startsWith('QC')).length);
    expect(moves.filter((event) => event.assetId.startsWith('YC')).length).toBe(truthMoves.filter((move) => move.asset.startsWith('YC')).length);
  });

  it('stores every gate decision and scan of every truck that came and went', async () => {
    // The truth records a truck when it leaves; those still on site at the end are left out.
    const visits = truthOf('truck');
    expect(visits.length).toBeGreaterThan(20);
    const seen = async (type: string) => {
      const counts = new Map<string, number>();
      for (const event of await events(type)) {
        const key = `${event.assetId} ${String(event.data.plate)}${event.data.verdict ? ` ${String(event.data.verdict)}` : ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    };
    const admitted = await seen('truck.admitted');
    const rejected = await seen('truck.rejected');
    const scanned = await seen('scan.completed');
    const scanners = new Set((await getJson<{ id: string; kind: string }[]>(`${console.url}/api/assets`, token)).filter((asset) => asset.kind === 'scanner').map((asset) => asset.id));
    const missing: string[] = [];
    let matched = 0;
    const expectEvent = (counts: Map<string, number>, key: string) => {
      const left = counts.get(key) ?? 0;
      if (left === 0) missing.push(key);
      else {
        counts.set(key, left - 1);
        matched += 1;
      }
    };
    // The run opens with trucks already inside: what they did before it began was never published.
    const inRun = (at: number | undefined) => at !== undefined && at >= from;
    for (const visit of visits) {
      if (inRun(visit.stages.gateEnd)) {
        if (visit.outcome === 'rejected') expectEvent(rejected, `${visit.inLane} ${visit.plate}`);
        if (visit.outcome === 'released') expectEvent(admitted, `${visit.inLane} ${visit.plate}`);
      }
      if (visit.outLane && inRun(visit.stages.outGateEnd)) expectEvent(admitted, `${visit.outLane} ${visit.plate}`);
      if (inRun(visit.stages.scanEnd)) {
        const scanner = [...scanners].find((id) => (scanned.get(`${id} ${visit.plate} ${visit.verdict}`) ?? 0) > 0) ?? 'no scanner';
        expectEvent(scanned, `${scanner} ${visit.plate} ${visit.verdict}`);
      }
    }
    expect(missing).toEqual([]);
    expect(matched).toBeGreaterThan(visits.length);
  });

  it('reports the same hour in its per-hour KPIs as the model lived through', async () => {
    // Hour buckets are returned by their start: widen to whole hours (the run is the only data).
    const hourStart = Math.floor(from / 3_600_000) * 3_600_000;
    const buckets = await getJson<KpiBucket[]>(`${console.url}/api/kpis?from=${hourStart}&to=${to}&bucket=hour`, token);
    const sum = (pick: (bucket: KpiBucket) => number) => buckets.reduce((total, bucket) => total + pick(bucket), 0);
    const truthMoves = truthOf('crane.move');
    expect(sum((bucket) => bucket.site.quayMoves)).toBe(truthMoves.filter((move) => move.asset.startsWith('QC')).length);
    expect(sum((bucket) => bucket.site.yardMoves)).toBe(truthMoves.filter((move) => move.asset.startsWith('YC')).length);
  });
});
