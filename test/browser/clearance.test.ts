// The clearance views in a real browser, against a port with a bottleneck: the small port's
// normal model for an hour, then its one scanner out (`scanner-outage`) up to now, fed as fast
// as the console takes it and then on in real time. The laptop's clearance tab must show the
// stages and figures GET /api/clearance gives for the window it was pushed, and the tab, the
// 3D marker and the wall strip must name the bottleneck the API names. Screenshots are kept
// in test/artifacts/ for people to look at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readScenarioFile, readSiteFile, type RunningSimulator, scenarioFile, startSimulator } from '@porttwin/simulator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { getJson, signIn } from '../support/console-client';
import { issuePublisherCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/wait-for';

const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SMALL_PORT = fileURLToPath(new URL('../../contracts/sites/small-port.json', import.meta.url));
const PASSWORD = 'clearance-browser-master';
const HOUR = 3_600_000;
const MINUTE = 60_000;
// Generous: software WebGL on two busy cores can take seconds a frame.
const STATE_WAIT = { polling: 250, timeout: 60_000 };
const DWELL_STAGES = ['gateQueue', 'portal', 'booth', 'scanQueue', 'scan', 'yard', 'outQueue', 'outBooth'];

interface StageDwell {
  stage: string;
  assetId?: string;
  count: number;
  meanSec: number;
  p90Sec: number;
}
interface Clearance {
  stages: StageDwell[];
  bottleneck: { stage: string; assetId: string | null; dwellSec: number; baselineSec: number } | null;
}

/** What the clearance tab shows, read at one instant so a new push cannot mix two windows. */
interface ShownPanel {
  from: number;
  to: number;
  bottleneck: { stage: string; asset: string; text: string };
  turnMeanSec: number;
  stages: { stage: string; count: number; meanSec: number | null; mean: string; bottleneck: boolean }[];
  assets: { asset: string; meanSec: number }[];
}

/** The panel writes a mean as 45 s, or m:ss. */
function shortDuration(seconds: number): string {
  const total = Math.round(seconds);
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

async function readPanel(page: Page): Promise<ShownPanel> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-testid=clearance-panel]')!;
    const window = panel.querySelector('[data-testid=clearance-window]')!;
    const verdict = panel.querySelector('[data-testid=clearance-bottleneck]')!;
    const optional = (value: string | null | undefined) => (value ? Number(value) : null);
    return {
      from: Number(window.getAttribute('data-from')),
      to: Number(window.getAttribute('data-to')),
      bottleneck: {
        stage: verdict.getAttribute('data-stage')!,
        asset: verdict.getAttribute('data-asset')!,
        text: verdict.textContent ?? '',
      },
      turnMeanSec: Number(panel.querySelector('[data-testid=clearance-turn]')!.getAttribute('data-mean-sec')),
      stages: [...panel.querySelectorAll('li[data-stage]')].map((row) => ({
        stage: row.getAttribute('data-stage')!,
        count: Number(row.getAttribute('data-count')),
        meanSec: optional(row.getAttribute('data-mean-sec')),
        mean: row.querySelector('.clearance__mean')?.textContent ?? '',
        bottleneck: row.getAttribute('data-bottleneck') === 'true',
      })),
      assets: [...panel.querySelectorAll('tr[data-asset]')].map((row) => ({
        asset: row.getAttribute('data-asset')!,
        meanSec: Number(row.getAttribute('data-mean-sec')),
      })),
    };
  });
}

describe('the clearance views in Chromium, with a scanner out', { timeout: 300_000 }, () => {
  let console: ConsoleProcess;
  let browser: Browser;
  let simulator: RunningSimulator | undefined;
  let dataDir: string;
  let token: string;
  /** Every message of the fast run is stored by then: a window pushed after it is complete. */
  let fedAt = 0;
  const pages: Page[] = [];
  const openPage = async (width: number, height: number): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height } });
    pages.push(page);
    return page;
  };
  const clearance = (from: number, to: number) => getJson<Clearance>(`${console.url}/api/clearance?from=${from}&to=${to}`, token);

  /** Waits until the page shows a clearance window pushed after the fast run was stored. */
  const waitForFedWindow = (page: Page, selector: string) =>
    page.waitForFunction(
      ([css, after]) => Number(document.querySelector(css)?.getAttribute('data-to') ?? 0) > after,
      [selector, Math.floor(fedAt / MINUTE) * MINUTE] as const,
      STATE_WAIT,
    );

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-clearance-browser-'));
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    // Reports every 10 s rather than every minute, so a window past the fast run comes soon.
    console = await startConsoleProcess({
      DATA_DIR: dataDir,
      PORTTWIN_ADMIN_PASSWORD: PASSWORD,
      SIMULATOR: 'off',
      SITE_FILE: SMALL_PORT,
      KPI_INTERVAL_MS: '10000',
    });
    token = await signIn(console.url, PASSWORD);
    const mqttUrl = mqttUrlWith(
      `mqtt://127.0.0.1:${console.mqttPort}`,
      await issuePublisherCredential(console.url, token, 'demo-port', 'clearance-browser'),
    );
    const layout = readSiteFile(SMALL_PORT);
    const now = Date.now();
    // The baseline: an ordinary hour, ending where the outage run begins.
    const normal = await startSimulator({
      mqttUrl,
      layout,
      speed: 'max',
      startMs: now - 2 * HOUR,
      durationSec: 3600,
      seed: 11,
      telemetryIntervalMs: 60_000,
    });
    await normal.done;
    // SC-01 is out from minute 10 to 55: its queue grows for the last hour before now. The run
    // catches up with the wall clock and carries on in real time, so the console stays LIVE.
    simulator = await startSimulator({
      mqttUrl,
      layout,
      speed: 'max',
      startMs: now - HOUR,
      seed: 12,
      telemetryIntervalMs: 5_000,
      scenario: readScenarioFile(scenarioFile('scanner-outage')),
    });
    const running = simulator;
    await waitFor(
      'the outage run caught up with the wall clock',
      () => running.simulatedNow(),
      (at) => at >= Date.now() - 10_000,
      120_000,
    );
    const published = normal.published() + running.published();
    await waitFor(
      'the fast run stored',
      async () => {
        const metrics = await (await fetch(`${console.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
        return (
          Number(/porttwin_ingest_messages_total (\d+)/.exec(metrics)?.[1] ?? 0) +
          Number(/porttwin_dead_letters_total (\d+)/.exec(metrics)?.[1] ?? 0)
        );
      },
      (stored) => stored >= published,
      120_000,
    );
    fedAt = Date.now();
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await simulator?.stop();
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signInLaptop(lang: string): Promise<Page> {
    const page = await openPage(1600, 900);
    await page.goto(`${console.url}/?lang=${lang}`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('[data-testid=login-form] button[type=submit]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=connection-state]')?.getAttribute('data-state') === 'LIVE',
      null,
      STATE_WAIT,
    );
    return page;
  }

  it('shows the stages, figures and bottleneck GET /api/clearance gives for the pushed hour, and marks it in 3D', async () => {
    const page = await signInLaptop('en');
    await page.click('[data-tab=clearance]');
    await waitForFedWindow(page, '[data-testid=clearance-window]');
    const shown = await readPanel(page);
    const truth = await clearance(shown.from, shown.to);

    expect(shown.to - shown.from).toBe(60 * MINUTE);
    expect(truth.bottleneck, JSON.stringify(truth)).not.toBeNull();
    const bottleneck = truth.bottleneck!;
    expect(bottleneck.stage).toBe('scanQueue');
    expect(bottleneck.assetId).toBe('SC-01');

    // Every stage a truck meets, in that order, with the API's count and mean, written as m:ss.
    const overall = new Map(truth.stages.filter((row) => row.assetId === undefined).map((row) => [row.stage, row]));
    expect(shown.stages.map((row) => row.stage)).toEqual(DWELL_STAGES);
    for (const row of shown.stages) {
      const api = overall.get(row.stage);
      expect({ stage: row.stage, count: row.count, meanSec: row.meanSec }).toEqual({
        stage: row.stage,
        count: api?.count ?? 0,
        meanSec: api?.meanSec ?? null,
      });
      if (api) expect(row.mean).toBe(shortDuration(api.meanSec));
      expect(row.bottleneck).toBe(row.stage === bottleneck.stage);
    }
    expect(shown.turnMeanSec).toBe(overall.get('turn')?.meanSec);

    // The bottleneck named as the API names it, its stage's scanners laid out beneath it.
    expect(shown.bottleneck).toMatchObject({ stage: bottleneck.stage, asset: bottleneck.assetId });
    expect(shown.bottleneck.text).toMatch(/^Bottleneck: Scan queue at SC-01, \d+ (min|h)/);
    const perScanner = truth.stages.filter((row) => row.stage === bottleneck.stage && row.assetId !== undefined);
    expect(shown.assets).toEqual(perScanner.map((row) => ({ asset: row.assetId, meanSec: row.meanSec })));

    // And in the scene: the marker stands on SC-01; a click on it opens this tab.
    const marker = page.locator('[data-testid=bottleneck-marker]');
    await marker.waitFor({ state: 'attached', timeout: STATE_WAIT.timeout });
    expect(await marker.getAttribute('data-asset')).toBe(bottleneck.assetId);
    expect(await marker.getAttribute('data-stage')).toBe(bottleneck.stage);
    await page.click('[data-tab=flow]');
    await marker.click({ timeout: STATE_WAIT.timeout });
    await page.waitForSelector('[data-testid=clearance-panel]', STATE_WAIT);

    writeFileSync(join(ARTIFACTS_DIR, 'clearance-panel.png'), await page.locator('[data-testid=clearance-panel]').screenshot());
    writeFileSync(join(ARTIFACTS_DIR, 'clearance-laptop.png'), await page.screenshot({ timeout: 90_000 }));
  });

  it('speaks Simplified and Traditional Chinese in the tab: stage names and the bottleneck (堵点)', async () => {
    const page = await signInLaptop('zh-CN');
    await page.click('[data-tab=clearance]');
    await waitForFedWindow(page, '[data-testid=clearance-window]');
    const shown = await readPanel(page);
    const truth = await clearance(shown.from, shown.to);
    expect(shown.bottleneck).toMatchObject({ stage: truth.bottleneck?.stage, asset: truth.bottleneck?.assetId });
    expect(shown.bottleneck.text).toMatch(/^堵点：SC-01 查验排队，/);
    expect(await page.locator('[data-testid=clearance-window]').textContent()).toMatch(/^近 60 分钟/);
    await page.locator('[data-testid=bottleneck-marker]').waitFor({ state: 'attached', timeout: STATE_WAIT.timeout });
    writeFileSync(join(ARTIFACTS_DIR, 'clearance-panel-zh-CN.png'), await page.locator('[data-testid=clearance-panel]').screenshot());
    writeFileSync(join(ARTIFACTS_DIR, 'clearance-laptop-zh-CN.png'), await page.screenshot({ timeout: 90_000 }));
    // Traditional Chinese, Hong Kong wording: 輪候 for the queue.
    await page.selectOption('select.language-switcher', 'zh-TW');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=clearance-bottleneck]')?.textContent?.startsWith('堵點：SC-01 查驗輪候'),
      null,
      STATE_WAIT,
    );
    writeFileSync(join(ARTIFACTS_DIR, 'clearance-panel-zh-TW.png'), await page.locator('[data-testid=clearance-panel]').screenshot());
  });

  /** A wall screen signed in with a kiosk token, LIVE, showing a window pushed after the fast run. */
  async function openWall(lang: string): Promise<Page> {
    const issued = await fetch(`${console.url}/api/auth/kiosk-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: `clearance-wall-${lang}` }),
    });
    const kiosk = (await issued.json()) as { token: string };
    const page = await openPage(1920, 1080);
    await page.goto(`${console.url}/?layout=wall&lang=${lang}&kiosk=${kiosk.token}`);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=wall-clearance-strip]')?.getAttribute('data-live') === 'true',
      null,
      STATE_WAIT,
    );
    await waitForFedWindow(page, '[data-testid=wall-clearance-strip]');
    await page.waitForSelector('[data-testid=wall-advice]', STATE_WAIT);
    return page;
  }

  it('names the same bottleneck on the wall strip, with the turn time and the forecast', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const page = await openWall(lang);
      const shown = await page.evaluate(() => {
        const strip = document.querySelector('[data-testid=wall-clearance-strip]')!;
        const cell = strip.querySelector('[data-testid=wall-bottleneck]')!;
        return {
          from: Number(strip.getAttribute('data-from')),
          to: Number(strip.getAttribute('data-to')),
          stage: cell.getAttribute('data-stage'),
          asset: cell.getAttribute('data-asset'),
          turnMeanSec: Number(strip.querySelector('[data-testid=wall-turn]')!.getAttribute('data-mean-sec')),
          advice: strip.querySelector('[data-testid=wall-advice]')!.textContent ?? '',
        };
      });
      const truth = await clearance(shown.from, shown.to);
      expect({ stage: shown.stage, asset: shown.asset }).toEqual({ stage: truth.bottleneck?.stage, asset: truth.bottleneck?.assetId });
      expect(shown.turnMeanSec).toBe(truth.stages.find((row) => row.stage === 'turn' && row.assetId === undefined)?.meanSec);
      // The advice is written from its fields in the wall's language, not the English message.
      expect(shown.advice).toMatch(lang === 'en' ? /lane|wait/ : /通道/);
      await page.locator('[data-testid=bottleneck-marker]').waitFor({ state: 'attached', timeout: STATE_WAIT.timeout });
      writeFileSync(join(ARTIFACTS_DIR, `clearance-wall-${lang}.png`), await page.screenshot({ timeout: 90_000 }));
      // One page at a time: a second WebGL page on two cores starves the first one's renderer.
      await page.close();
    }
  });

  // Last: it takes the console away.
  it('greys the strip and the marker and says "as of" when the console goes away', async () => {
    const page = await openWall('en');
    const marker = page.locator('[data-testid=bottleneck-marker]');
    await marker.waitFor({ state: 'attached', timeout: STATE_WAIT.timeout });
    await simulator?.stop();
    simulator = undefined;
    await console.kill();
    await page.waitForSelector('[data-testid=wall-strip-as-of]', STATE_WAIT);
    expect(await page.locator('[data-testid=wall-clearance-strip]').getAttribute('data-live')).toBe('false');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=bottleneck-marker]')?.getAttribute('data-live') === 'false',
      null,
      STATE_WAIT,
    );
    writeFileSync(join(ARTIFACTS_DIR, 'clearance-wall-offline.png'), await page.screenshot({ timeout: 90_000 }));
  });
});
