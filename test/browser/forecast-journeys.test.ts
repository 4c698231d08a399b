// The laptop's Forecast and Journeys tabs in Chromium (issue 9 part 5). The console runs its
// simulator live, and an hour of the port's history is fed before it at full speed (as the
// clearance scenarios do), so there are journeys to list and a last hour to forecast from.
// The chart draws the forecast the console was pushed, and draws the next one without being
// made again; the forecast GET /api/forecast answers a moment later has the same shape and
// about the same figures. A plate search shows exactly that truck's journeys; blank input sends
// nothing; a viewer is refused in words. Screenshots for people to look at, in English and
// Simplified Chinese.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Forecast, Journey } from '@porttwin/contracts';
import { DEFAULT_SITE_FILE, readSiteFile, startSimulator } from '@porttwin/simulator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { getJson, signIn } from '../support/console-client';
import { issuePublisherCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/wait-for';

const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
const PASSWORD = 'forecast-harbour-master';
const VIEWER = { username: 'night-viewer', password: 'watching-the-quay-all-night' };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// The forecast is pushed once a minute; a wait for the next one allows for a busy machine.
const PUSH_WAIT = { polling: 250, timeout: 100_000 };
const WAIT = { polling: 200, timeout: 30_000 };

describe('the Forecast and Journeys tabs in Chromium', { timeout: 300_000 }, () => {
  let console: ConsoleProcess;
  let browser: Browser;
  let dataDir = '';
  let token = '';
  const pages: Page[] = [];
  const openPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-forecast-'));
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    console = await startConsoleProcess({ DATA_DIR: dataDir, PORTTWIN_ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'on' });
    token = await signIn(console.url, PASSWORD);
    // An hour of history ending 10 min ago, beside the live simulator (its own client id).
    const end = Date.now() - 10 * MINUTE;
    const history = await startSimulator({
      mqttUrl: mqttUrlWith(
        `mqtt://127.0.0.1:${console.mqttPort}`,
        await issuePublisherCredential(console.url, token, 'demo-port', 'history'),
      ),
      clientId: 'porttwin-history',
      layout: readSiteFile(DEFAULT_SITE_FILE),
      speed: 'max',
      telemetryIntervalMs: MINUTE,
      seed: 21,
      startMs: end - HOUR,
      durationSec: 3600,
    });
    await history.done;
    // One gateway stores in order: once the history's last minutes are in, all of it is.
    await waitFor(
      'the history stored to its last minutes',
      () => getJson<unknown[]>(`${console.url}/api/events?type=truck.arrived&from=${end - 3 * MINUTE}&to=${end}`, token),
      (events) => events.length > 0,
      120_000,
    );
    const created = await fetch(`${console.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...VIEWER, role: 'viewer' }),
    });
    expect(created.status).toBe(201);
    browser = await launchChromium();
  }, 240_000);
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await closeAdminPage();
    await browser?.close();
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signInAs(page: Page, user: { username: string; password: string }, lang = 'en'): Promise<void> {
    await page.goto(`${console.url}/?layout=laptop&lang=${lang}`);
    await page.fill('input[name=username]', user.username);
    await page.fill('input[name=password]', user.password);
    await page.click('[data-testid=login-form] button[type=submit]');
    await page.waitForSelector('[data-testid=connection-state][data-state=LIVE]', WAIT);
  }
  const admin = { username: 'admin', password: PASSWORD };

  // One admin page serves the forecast, journeys and Chinese tests: on two cores each new page's
  // software WebGL scene costs most of a minute to come up.
  let shared: { page: Page; errors: string[] } | null = null;
  async function adminPage(): Promise<{ page: Page; errors: string[] }> {
    if (shared === null) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await signInAs(page, admin);
      shared = { page, errors };
    }
    return shared;
  }
  async function closeAdminPage(): Promise<void> {
    await shared?.page.close();
    shared = null;
  }

  /** What the chart and the figures under it show, and what the store holds. */
  const shown = (page: Page) =>
    page.evaluate(() => {
      const chart = document.querySelector<HTMLElement>('[data-testid=forecast-chart-arrivals]');
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid=forecast-buckets] tbody tr')];
      return {
        forecast: window.__porttwin?.forecast() ?? null,
        panelAt: Number(document.querySelector('[data-testid=forecast-panel]')?.getAttribute('data-at')),
        plots: Number(chart?.dataset.plots ?? 0),
        points: Number(chart?.dataset.points ?? 0),
        values: JSON.parse(chart?.dataset.values ?? '[]') as number[][],
        canvas: chart?.querySelector('canvas')?.width ?? 0,
        rows: rows.map((row) => ({
          start: Number(row.dataset.start),
          arrivals: Number(row.querySelector('[data-arrivals]')?.getAttribute('data-arrivals')),
          capacity: Number(row.querySelector('[data-capacity]')?.getAttribute('data-capacity')),
        })),
        lanesOpen: document.querySelector('[data-testid=forecast-lanes-open]')?.textContent ?? '',
        advice: document.querySelector('[data-testid=forecast-advice]')?.textContent ?? '',
        action: document.querySelector('[data-testid=forecast-advice]')?.getAttribute('data-action') ?? '',
      };
    });

  /** The page draws exactly the forecast its store holds: chart points and series, figures, lanes, advice. */
  function expectDrawn(view: Awaited<ReturnType<typeof shown>>): Forecast {
    const forecast = view.forecast as Forecast;
    expect(forecast).not.toBeNull();
    const buckets = forecast.site.buckets;
    expect(view.panelAt).toBe(forecast.at);
    expect(view.canvas).toBeGreaterThan(0);
    expect(view.points).toBe(buckets.length);
    expect(view.values).toEqual([buckets.map((b) => b.arrivals), buckets.map((b) => b.capacity)]);
    expect(view.rows).toEqual(buckets.map((b) => ({ start: b.start, arrivals: b.arrivals, capacity: b.capacity })));
    expect(view.lanesOpen).toBe(`${forecast.site.lanesOpen} / ${forecast.site.lanesTotal}`);
    expect(view.action).toBe(forecast.advice.action);
    return forecast;
  }

  it('charts the pushed forecast, redraws the next push on the same chart, and matches GET /api/forecast', async () => {
    const { page, errors } = await adminPage();
    await page.click('[data-tab=forecast]');
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>('[data-testid=forecast-chart-arrivals]')?.dataset.points) > 0,
      WAIT,
    );
    const first = expectDrawn(await shown(page));
    expect(first.site.buckets).toHaveLength(4);
    expect((await shown(page)).plots).toBe(1);

    // The next minute's push: the same plot, fed the new figures.
    await page.waitForFunction(
      (before) =>
        (window.__porttwin?.forecast()?.at ?? 0) > before &&
        Number(document.querySelector('[data-testid=forecast-panel]')?.getAttribute('data-at')) > before,
      first.at,
      PUSH_WAIT,
    );
    const view = await shown(page);
    const pushed = expectDrawn(view);
    expect(view.plots).toBe(1);
    expect(view.advice).not.toBe('');

    // The route computes at request time, so its figures may differ from the push a minute
    // ago; what it shares with it is the shape, the target and the lanes.
    const answered = await getJson<Forecast>(`${console.url}/api/forecast?horizonMin=60`, token);
    expect(answered.targetWaitSec).toBe(pushed.targetWaitSec);
    expect(answered.bucketMinutes).toBe(pushed.bucketMinutes);
    expect(answered.site.lanesTotal).toBe(pushed.site.lanesTotal);
    expect(answered.lanes.map((lane) => lane.assetId)).toEqual(pushed.lanes.map((lane) => lane.assetId));
    expect(answered.site.buckets).toHaveLength(pushed.site.buckets.length);
    expect(pushed.site.buckets.some((bucket) => bucket.arrivals > 0)).toBe(true);
    writeFileSync(join(ARTIFACTS_DIR, 'forecast-tab.png'), await page.locator('[data-testid=side-panel]').screenshot());

    expect(errors).toEqual([]);
  });

  it('lists recent journeys newest first, finds one plate exactly, and sends nothing for a blank search', async () => {
    const recent = await getJson<Journey[]>(`${console.url}/api/journeys?from=${Date.now() - 2 * HOUR}&limit=5000`, token);
    // A truck that went the whole way, inspected if one was: its timeline has the most to show.
    const released = recent.filter((journey) => journey.outcome === 'released');
    const wanted = released.find((journey) => journey.inspected) ?? released[0];
    expect(wanted, `a released journey among ${recent.length}`).toBeDefined();
    const plate = wanted!.plate;
    const byPlate = await getJson<Journey[]>(
      `${console.url}/api/journeys?from=${Date.now() - 24 * HOUR}&plate=${encodeURIComponent(plate)}&limit=5000`,
      token,
    );

    const { page, errors } = await adminPage();
    const plateRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/journeys') && new URL(request.url()).searchParams.has('plate')) plateRequests.push(request.url());
    });
    await page.click('[data-tab=journeys]');
    const rows = page.locator('[data-testid=journeys-table] tr.journeys__row');
    await rows.first().waitFor(WAIT);
    const arrivals = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-arrived'))))) as number[];
    expect(arrivals.length).toBeGreaterThan(10);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => b - a));

    // Blank input: the button is off, and Enter sends nothing.
    const search = page.locator('[data-testid=journeys-search] input');
    await search.fill('   ');
    expect(await page.locator('[data-testid=journeys-search] button[type=submit]').isDisabled()).toBe(true);
    await search.press('Enter');
    expect(plateRequests).toEqual([]);

    await search.fill(` ${plate} `);
    await search.press('Enter');
    await page.waitForFunction(
      (wanted) => {
        const panel = document.querySelector('[data-testid=journeys-panel]');
        return panel?.getAttribute('data-search') === wanted && panel.getAttribute('data-loading') === 'false';
      },
      plate,
      WAIT,
    );
    expect(plateRequests).toHaveLength(1);
    expect(new URL(plateRequests[0]!).searchParams.get('plate')).toBe(plate);
    const found = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-plate'), Number(tr.getAttribute('data-arrived'))]),
    );
    expect(found).toEqual(
      byPlate.map((journey) => [journey.plate, journey.stages.arrived]).sort((a, b) => (b[1] as number) - (a[1] as number)),
    );

    // The row opens its stages, timed from the journey's own stage times.
    await rows.first().click();
    const timeline = page.locator('[data-testid=journey-timeline]');
    await timeline.waitFor(WAIT);
    const stages = await timeline
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-stage'), tr.getAttribute('data-sec')]));
    const journey = byPlate.find((j) => j.stages.arrived === found[0]![1])!;
    const gateQueueEnd = journey.stages.portalStart ?? journey.stages.gateStart;
    expect(stages[0]).toEqual(['gateQueue', String((gateQueueEnd! - journey.stages.arrived!) / 1000)]);
    expect(stages.map(([stage]) => stage)).toContain('booth');
    writeFileSync(join(ARTIFACTS_DIR, 'journeys-tab.png'), await page.locator('[data-testid=side-panel]').screenshot());

    expect(errors).toEqual([]);
  });

  it('speaks Simplified Chinese on both tabs, the advice written from its fields', async () => {
    const { page, errors } = await adminPage();
    await page.click('[data-tab=forecast]');
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>('[data-testid=forecast-chart-arrivals]')?.dataset.points) > 0,
      WAIT,
    );
    // Switched in the top bar: the panel speaks the new language on the plot it already has.
    await page.selectOption('select.language-switcher', 'zh-CN');
    await page.waitForFunction(() => /通道/.test(document.querySelector('[data-testid=forecast-advice]')?.textContent ?? ''), WAIT);
    const chinese = await shown(page);
    expectDrawn(chinese);
    expect(chinese.plots).toBe(1);
    expect(chinese.advice).toMatch(/通道/);
    expect(chinese.advice).not.toContain((chinese.forecast as Forecast).advice.message);
    writeFileSync(join(ARTIFACTS_DIR, 'forecast-tab-zh-CN.png'), await page.locator('[data-testid=side-panel]').screenshot());
    await page.click('[data-tab=journeys]');
    const rows = page.locator('[data-testid=journeys-table] tr.journeys__row');
    await rows.first().waitFor(WAIT);
    await rows.first().click();
    await page.locator('[data-testid=journey-timeline]').waitFor(WAIT);
    expect(await page.locator('[data-testid=journeys-table] > thead').textContent()).toContain('最慢环节');
    writeFileSync(join(ARTIFACTS_DIR, 'journeys-tab-zh-CN.png'), await page.locator('[data-testid=side-panel]').screenshot());
    expect(errors).toEqual([]);
  });

  // Last: it takes the console away.
  it('tells a viewer, who sees plates masked, that a plate look-up is refused; and dims the forecast when the link is lost', async () => {
    await closeAdminPage();
    const recent = await getJson<Journey[]>(`${console.url}/api/journeys?from=${Date.now() - 2 * HOUR}&limit=5000`, token);
    const plate = recent[0]!.plate;
    const page = await openPage();
    await signInAs(page, VIEWER);
    await page.click('[data-tab=journeys]');
    const rows = page.locator('[data-testid=journeys-table] tr.journeys__row');
    await rows.first().waitFor(WAIT);
    const plates = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-plate') ?? ''));
    expect(plates.every((shownPlate) => shownPlate.includes('*'))).toBe(true);

    const search = page.locator('[data-testid=journeys-search] input');
    await search.fill(plate);
    await search.press('Enter');
    const refused = page.locator('[data-testid=journeys-refused]');
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toBe(
      'Looking trucks up by plate is refused to your role (viewer): it sees plates masked. Operators, supervisors, engineers and admins may.',
    );
    expect(await rows.count()).toBe(0);
    writeFileSync(join(ARTIFACTS_DIR, 'journeys-viewer-refused.png'), await page.locator('[data-testid=side-panel]').screenshot());

    await page.click('[data-tab=forecast]');
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>('[data-testid=forecast-chart-arrivals]')?.dataset.points) > 0,
      WAIT,
    );
    expect(await page.locator('[data-testid=forecast-panel]').getAttribute('data-live')).toBe('true');
    expect(await page.locator('[data-testid=forecast-as-of]').count()).toBe(0);
    await console.kill();
    await page.waitForSelector('[data-testid=forecast-panel][data-live=false]', WAIT);
    expect(await page.locator('[data-testid=forecast-as-of]').textContent()).toMatch(/^as of \d\d:\d\d:\d\d$/);
    // The chart stays, dimmed, rather than vanishing.
    expect(Number(await page.locator('[data-testid=forecast-chart-arrivals]').getAttribute('data-points'))).toBe(4);
    writeFileSync(join(ARTIFACTS_DIR, 'forecast-tab-offline.png'), await page.locator('[data-testid=side-panel]').screenshot());
  });
});
