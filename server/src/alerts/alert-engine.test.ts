// Each rule kind's semantics, on the engine over a real database with a fake clock: when a
// condition raises, how a repeat counts up the one open alert, when it resolves by itself (or
// does not), escalation, and open alerts surviving a restart.
import type { AlertRule, ClearanceReport, Forecast } from '@porttwin/contracts';
import { alertHistory, type AlertRow, type Database, listAlerts } from '@porttwin/db';
import { testDatabases } from '@porttwin/db/testing';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertEngine } from './alert-engine';
import type { Observation } from './observation';

const engines = await testDatabases();
const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
const SEC = 1000;
const log = pino({ level: 'silent' });

type RuleSpec = Omit<AlertRule, 'id' | 'type' | 'title' | 'severity' | 'resolve'> & Partial<AlertRule>;
const rule = (spec: RuleSpec): AlertRule => ({
  id: 'rule-1',
  type: 'test',
  title: 'a test rule',
  severity: 'major',
  resolve: 'auto',
  ...spec,
});

const event = (assetId: string, sec: number, eventType: string, data: Record<string, unknown> = {}, kind = 'camera'): Observation => ({
  type: 'event',
  assetId,
  kind,
  ts: T0 + sec * SEC,
  eventType,
  data,
});
const status = (assetId: string, sec: number, state: string): Observation => ({
  type: 'status',
  assetId,
  kind: 'camera',
  ts: T0 + sec * SEC,
  state,
});
const metrics = (assetId: string, sec: number, values: Record<string, number>): Observation => ({
  type: 'metrics',
  assetId,
  kind: 'gate',
  ts: T0 + sec * SEC,
  metrics: values,
});

describe.each(engines)('the alert engine on $name', (databaseEngine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  let now = T0;
  const changes: AlertRow[] = [];
  afterEach(() => dispose());

  async function engineWith(...rules: AlertRule[]): Promise<AlertEngine> {
    const engine = new AlertEngine({ db, site: 'demo-port', rules: { site: 'demo-port', rules, playbooks: {} }, log, clock: () => now });
    engine.onChange((alert) => changes.push(alert));
    await engine.start();
    return engine;
  }
  async function start(...rules: AlertRule[]): Promise<AlertEngine> {
    ({ db, dispose } = await databaseEngine.open());
    now = T0;
    changes.length = 0;
    return engineWith(...rules);
  }
  const at = async (engine: AlertEngine, sec: number) => {
    now = T0 + sec * SEC;
    await engine.tick();
  };
  /** Observations read at wall time T0 + sec. */
  const observeAt = async (engine: AlertEngine, sec: number, observations: Observation[]) => {
    now = T0 + sec * SEC;
    await engine.observe(observations);
  };
  const all = () => listAlerts(db, { from: 0, to: T0 + 86_400_000, limit: 100 }, { state: 'all' });

  it('metric: raises once the value has stayed over its threshold for forSec, and resolves clearAfterSec after it falls', async () => {
    const engine = await start(rule({ when: { kind: 'metric', metric: 'queueLength', over: 15, forSec: 300 }, clearAfterSec: 60 }));
    await engine.observe([metrics('GL-IN-1', 0, { queueLength: 16 }), metrics('GL-IN-2', 0, { queueLength: 15 })]);
    await at(engine, 299);
    expect(await all()).toEqual([]);
    await at(engine, 300);
    const [raised] = await all();
    expect(raised).toMatchObject({ rule: 'rule-1', assetId: 'GL-IN-1', state: 'raised', count: 1, raisedAt: T0 + 300 * SEC });
    expect(raised?.detail).toEqual({ metric: 'queueLength', value: 16, sinceTs: T0 });
    await observeAt(engine, 310, [metrics('GL-IN-1', 310, { queueLength: 9 })]);
    await at(engine, 369);
    expect((await all())[0]?.state).toBe('raised');
    await at(engine, 370);
    expect(await all()).toMatchObject([
      { state: 'resolved', resolvedBy: 'system', resolvedAt: T0 + 370 * SEC, resolveNote: 'condition cleared' },
    ]);
  });

  it('metric under: a value under the threshold that recovers before forSec raises nothing', async () => {
    const engine = await start(rule({ when: { kind: 'metric', metric: 'laneOpen', under: 1, forSec: 60 } }));
    await engine.observe([metrics('GL-IN-1', 0, { laneOpen: 0 })]);
    await at(engine, 59);
    await engine.observe([metrics('GL-IN-1', 59, { laneOpen: 1 })]);
    await at(engine, 600);
    expect(await all()).toEqual([]);
  });

  it('event: each match counts up one open alert; other labels raise nothing; a manual rule stays open', async () => {
    const smoke = rule({
      severity: 'critical',
      resolve: 'manual',
      when: { kind: 'event', eventType: 'detection', data: { label: ['smoke', 'fire'] } },
    });
    const engine = await start(smoke);
    await engine.observe([
      event('CAM-06', 0, 'detection', { label: 'person_in_zone' }),
      event('CAM-06', 10, 'detection', { label: 'smoke', confidence: 0.93 }),
      event('CAM-06', 30, 'detection', { label: 'smoke', confidence: 0.91 }),
      event('CAM-06', 50, 'detection', { label: 'fire', confidence: 0.97 }),
    ]);
    await at(engine, 3600);
    const alerts = await all();
    expect(alerts).toMatchObject([
      { assetId: 'CAM-06', severity: 'critical', state: 'raised', count: 3, raisedAt: T0 + 10 * SEC, lastRaisedAt: T0 + 50 * SEC },
    ]);
    expect(alerts[0]?.detail).toEqual({ eventType: 'detection', label: 'fire', confidence: 0.97 });
    expect((await alertHistory(db, alerts[0]!.id)).map((line) => line.action)).toEqual(['raised', 'repeated', 'repeated']);
    expect(changes.map((change) => change.count)).toEqual([1, 2, 3]);
  });

  it('event with clearedBy: resolves when the asset clears the same fault code, not another', async () => {
    const engine = await start(
      rule({
        clearAfterSec: 0,
        when: { kind: 'event', eventType: 'fault.raised', clearedBy: { eventType: 'fault.cleared', sameFields: ['code'] } },
      }),
    );
    await engine.observe([
      event('QC-11', 0, 'fault.raised', { code: 'E-SPREADER', severity: 'major' }, 'qc'),
      event('QC-11', 60, 'fault.cleared', { code: 'E-OTHER' }, 'qc'),
      event('QC-12', 60, 'fault.cleared', { code: 'E-SPREADER' }, 'qc'),
    ]);
    expect(await all()).toMatchObject([{ assetId: 'QC-11', state: 'raised' }]);
    await engine.observe([event('QC-11', 2400, 'fault.cleared', { code: 'E-SPREADER' }, 'qc')]);
    expect(await all()).toMatchObject([{ assetId: 'QC-11', state: 'resolved', resolvedBy: 'system' }]);
  });

  it('event rate: raises at the count-th event within the window, and resolves as the window empties', async () => {
    const engine = await start(
      rule({
        clearAfterSec: 0,
        when: { kind: 'eventRate', eventType: 'detection', data: { label: 'no_helmet' }, count: 3, windowSec: 600 },
      }),
    );
    await observeAt(engine, 700, [
      event('CAM-01', 0, 'detection', { label: 'no_helmet' }),
      event('CAM-01', 100, 'detection', { label: 'smoke' }),
      event('CAM-01', 650, 'detection', { label: 'no_helmet' }),
      event('CAM-01', 700, 'detection', { label: 'no_helmet' }),
    ]);
    expect(await all()).toEqual([]);
    await observeAt(engine, 800, [event('CAM-01', 800, 'detection', { label: 'no_helmet' })]);
    expect(await all()).toMatchObject([{ assetId: 'CAM-01', state: 'raised', raisedAt: T0 + 800 * SEC }]);
    // The window is the last 600 s: at 1250 s the event of 650 s has left it, two of three remain.
    await at(engine, 1249);
    expect((await all())[0]?.state).toBe('raised');
    await at(engine, 1250);
    expect((await all())[0]?.state).toBe('resolved');
  });

  it('silent: raises when nothing has come for forSec, and resolves when the device is heard again', async () => {
    const engine = await start(rule({ clearAfterSec: 0, when: { kind: 'silent', forSec: 120 } }));
    await engine.observe([{ type: 'seen', assetId: 'RPM-03', kind: 'rpm', lastSeen: T0 }]);
    await at(engine, 119);
    expect(await all()).toEqual([]);
    await at(engine, 120);
    expect(await all()).toMatchObject([
      { assetId: 'RPM-03', state: 'raised', raisedAt: T0 + 120 * SEC, detail: { lastSeen: T0, silentSec: 120 } },
    ]);
    await engine.observe([{ type: 'seen', assetId: 'RPM-03', kind: 'rpm', lastSeen: T0 + 500 * SEC }]);
    expect(await all()).toMatchObject([{ state: 'resolved' }]);
  });

  it('status: a flapping device is one alert with a repeat count, resolved once it has stayed online clearAfterSec', async () => {
    const engine = await start(rule({ clearAfterSec: 120, when: { kind: 'status', states: ['offline'], forSec: 10 } }));
    // 15 flaps of 20 s offline, 20 s online, read all at once (at 580 s) as after a lost link.
    const flaps: Observation[] = [];
    for (let i = 0; i < 15; i += 1) flaps.push(status('CAM-09', i * 40, 'offline'), status('CAM-09', i * 40 + 20, 'online'));
    // A blip shorter than forSec raises nothing.
    flaps.push(status('CAM-10', 0, 'offline'), status('CAM-10', 5, 'online'));
    await observeAt(engine, 580, flaps);
    expect(await all()).toMatchObject([
      { assetId: 'CAM-09', state: 'raised', count: 15, raisedAt: T0 + 10 * SEC, lastRaisedAt: T0 + 570 * SEC },
    ]);
    // The last came online at 580 s: resolved at 700 s by the wall clock.
    await at(engine, 699);
    expect((await all())[0]?.state).toBe('raised');
    await at(engine, 700);
    expect(await all()).toMatchObject([{ assetId: 'CAM-09', state: 'resolved', count: 15 }]);
  });

  it('journey: a stage dwell over its target raises per scanner, and clears when a later report is under it', async () => {
    const engine = await start(
      rule({ clearAfterSec: 0, when: { kind: 'journey', stage: 'scanQueue', statistic: 'meanSec', overSec: 900, minCount: 3 } }),
    );
    const report = (rows: ClearanceReport['stages']): Observation => ({
      type: 'clearance',
      report: { from: T0, to: T0 + 3600 * SEC, stages: rows, bottleneck: null },
    });
    const dwell = (assetId: string | undefined, meanSec: number, count: number) => ({
      stage: 'scanQueue' as const,
      ...(assetId ? { assetId } : {}),
      count,
      meanSec,
      p50Sec: meanSec,
      p90Sec: meanSec,
    });
    await engine.observe([report([dwell(undefined, 950, 12), dwell('SC-01', 1400, 6), dwell('SC-02', 500, 6), dwell('SC-03', 2000, 2)])]);
    expect(await all()).toMatchObject([
      { assetId: 'SC-01', state: 'raised', detail: { stage: 'scanQueue', meanSec: 1400, count: 6, targetSec: 900 } },
    ]);
    await engine.observe([report([dwell('SC-01', 600, 8)])]);
    expect(await all()).toMatchObject([{ assetId: 'SC-01', state: 'resolved' }]);
  });

  it('forecast: an expected wait over the limit in any bucket raises for the site, and clears when the forecast falls', async () => {
    const engine = await start(rule({ clearAfterSec: 0, when: { kind: 'forecast', measure: 'expectedWaitSec', over: 900 } }));
    const forecast = (waits: number[]): Observation => ({
      type: 'forecast',
      forecast: {
        at: T0,
        site: {
          lanesOpen: 4,
          lanesTotal: 12,
          buckets: waits.map((expectedWaitSec, i) => ({
            start: T0 + i * 900 * SEC,
            arrivals: 30,
            capacity: 30,
            expectedQueue: 5,
            expectedWaitSec,
          })),
        },
        lanes: [],
      } as unknown as Forecast,
    });
    await engine.observe([forecast([300, 1200, 800, 200])]);
    expect(await all()).toMatchObject([
      {
        assetId: 'demo-port',
        state: 'raised',
        detail: { measure: 'expectedWaitSec', expected: 1200, limit: 900, bucketStart: T0 + 900 * SEC },
      },
    ]);
    await engine.observe([forecast([300, 600, 800, 200])]);
    expect(await all()).toMatchObject([{ state: 'resolved' }]);
  });

  it('escalates an alert not acknowledged in time one severity up, once', async () => {
    const engine = await start(
      rule({ severity: 'minor', resolve: 'manual', escalateAfterSec: 120, when: { kind: 'event', eventType: 'radiation.alarm' } }),
    );
    await engine.observe([event('RPM-03', 0, 'radiation.alarm', { level: 'high' }, 'rpm')]);
    await at(engine, 119);
    expect((await all())[0]).toMatchObject({ severity: 'minor', escalatedAt: null });
    await at(engine, 120);
    await at(engine, 1000);
    const [escalated] = await all();
    expect(escalated).toMatchObject({ severity: 'major', escalatedAt: T0 + 120 * SEC });
    expect((await alertHistory(db, escalated!.id)).map((line) => [line.action, line.detail])).toEqual([
      ['raised', { eventType: 'radiation.alarm', level: 'high' }],
      ['escalated', { severity: 'major' }],
    ]);
  });

  it('keeps open alerts over a restart: a new engine counts on the same alert', async () => {
    const smoke = rule({ resolve: 'manual', when: { kind: 'event', eventType: 'detection', data: { label: 'smoke' } } });
    const first = await start(smoke);
    await first.observe([event('CAM-04', 0, 'detection', { label: 'smoke' })]);
    const second = await engineWith(smoke);
    expect(second.openAlerts()).toMatchObject([{ assetId: 'CAM-04', count: 1 }]);
    await second.observe([event('CAM-04', 30, 'detection', { label: 'smoke' })]);
    expect(await all()).toMatchObject([{ assetId: 'CAM-04', state: 'raised', count: 2 }]);
  });
});
