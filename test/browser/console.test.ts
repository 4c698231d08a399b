// The console in a real browser: sign in, wait for live data, check the 3D canvas drew the
// port (pixels read back from a screenshot) and keep the screenshot for people to look at.
// One page at a time: on two cores a page left open keeps drawing its WebGL scene in
// software and starves the next one's renderer. Waits read the page's state (DOM attributes,
// the test hook) on a timer, never on animation frames, so a slow renderer still answers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { getJson, signIn } from '../support/console-client';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { cropPng, type PixelSummary, summarisePixels } from '../support/png-pixels';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
const PASSWORD = 'browser-harbour-master';
const STATE_WAIT = { polling: 200, timeout: 30_000 };

/** Waits until the connection badge reads `state`. */
async function waitForConnectionState(page: Page, state: 'LIVE' | 'OFFLINE'): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.querySelector('[data-testid=connection-state]')?.getAttribute('data-state') === wanted,
    state,
    STATE_WAIT,
  );
}

/** Waits until the client holds the live state of at least `count` assets. */
async function waitForAssets(page: Page, count = 10): Promise<void> {
  await page.waitForFunction((least) => (window.__porttwin?.assetCount() ?? 0) >= least, count, STATE_WAIT);
}

/** Signs in through the form and waits until the console is live with the port's assets. */
async function signInAndGoLive(page: Page, url = consoleUrl): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('[data-testid=login-form] button[type=submit]');
  await waitForConnectionState(page, 'LIVE');
  await waitForAssets(page);
}

// An empty or failed WebGL canvas is one flat colour; the port has water, land, roads, cranes, containers.
const showsThePort = (pixels: PixelSummary) => pixels.distinctColours > 40 && pixels.nonBackgroundShare > 0.2;

interface Shot {
  page: Buffer;
  scene: Buffer;
  pixels: PixelSummary;
}

/**
 * Screenshots the page until the 3D scene in it shows the port, or 30 s pass; the last shot
 * either way. Software WebGL on a busy machine can take many seconds a frame, so each try is
 * one frame: the scene's pixels are cut from the page's screenshot, not shot again.
 */
async function shotOfThePort(page: Page): Promise<Shot> {
  const box = await page.locator('[data-testid=scene]').boundingBox();
  if (!box) throw new Error('test: the scene is not on the page');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const full = await page.screenshot({ timeout: 90_000 });
    const scene = cropPng(full, box);
    const shot = { page: full, scene, pixels: summarisePixels(scene) };
    if (showsThePort(shot.pixels) || Date.now() > deadline) return shot;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
let consoleUrl = '';

// Generous: a frame can take many seconds in software WebGL on a busy machine.
describe('the console in Chromium', { timeout: 180_000 }, () => {
  let console: ConsoleProcess;
  let browser: Browser;
  let dataDir: string;
  const pages: Page[] = [];
  const openPage = async (width: number, height: number): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height } });
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-browser-'));
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    console = await startConsoleProcess({ DATA_DIR: dataDir, PORTTWIN_ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'on' });
    consoleUrl = console.url;
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in, goes live and draws the port in 3D', async () => {
    const page = await openPage(1600, 900);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await signInAndGoLive(page);
    // A queue label shows a number once its lane has reported.
    const site = await getJson<{ assets: { id: string; kind: string }[] }>(`${console.url}/api/site`, await signIn(console.url, PASSWORD));
    const firstLane = site.assets.find((asset) => asset.kind === 'gate')?.id;
    expect(firstLane).toBeDefined();
    await page.waitForFunction(
      (laneId) => /\d/.test(document.querySelector(`[data-testid=queue-${laneId}]`)?.textContent ?? ''),
      firstLane,
      STATE_WAIT,
    );

    const shot = await shotOfThePort(page);
    writeFileSync(join(ARTIFACTS_DIR, 'console-scene.png'), shot.scene);
    writeFileSync(join(ARTIFACTS_DIR, 'console.png'), shot.page);
    expect(shot.pixels.distinctColours).toBeGreaterThan(40);
    expect(shot.pixels.nonBackgroundShare).toBeGreaterThan(0.2);
    expect(await page.locator('[data-testid=kpi-panel]').isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('shows the wall layout through a kiosk token, without a sign-in form', async () => {
    const token = await signIn(console.url, PASSWORD);
    const issued = await fetch(`${console.url}/api/auth/kiosk-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'wall-1' }),
    });
    const kiosk = (await issued.json()) as { token: string };
    const page = await openPage(1920, 1080);
    await page.goto(`${console.url}/?layout=wall&kiosk=${kiosk.token}`);
    await waitForConnectionState(page, 'LIVE');
    expect(await page.locator('[data-testid=login-form]').count()).toBe(0);
    // The token was traded for an httpOnly session cookie: gone from the address bar, out of
    // reach of the page's scripts, and the wall comes back after a reload without it.
    expect(new URL(page.url()).search).toBe('?layout=wall');
    const visibleToScripts = await page.evaluate(() => document.cookie + JSON.stringify({ ...window.localStorage }));
    expect(visibleToScripts).not.toContain(kiosk.token);
    expect(visibleToScripts).not.toContain('porttwin_session');
    await page.reload();
    await waitForConnectionState(page, 'LIVE');
    expect(await page.locator('[data-testid=login-form]').count()).toBe(0);
    await waitForAssets(page);
    // For people to look at: taken once the port is drawn.
    writeFileSync(join(ARTIFACTS_DIR, 'console-wall.png'), (await shotOfThePort(page)).page);
  });

  it('labels the KPI window and holds the site against its targets file, as GET /api/kpis/summary does', async () => {
    const page = await openPage(1600, 900);
    await signInAndGoLive(page);
    await page.waitForSelector('[data-testid=kpi-window]', STATE_WAIT);
    const window = page.locator('[data-testid=kpi-window]');
    const [from, to] = [Number(await window.getAttribute('data-from')), Number(await window.getAttribute('data-to'))];
    expect(to - from).toBe(15 * 60_000);
    expect(await window.textContent()).toMatch(/^last 15 min · \d\d:\d\d–\d\d:\d\d$/);
    const summary = await getJson<{ targets: { kpi: string }[]; shift: { name: string } }>(
      `${console.url}/api/kpis/summary?to=${to}`,
      await signIn(console.url, PASSWORD),
    );
    // The default site's targets file, in its order.
    expect(summary.targets.map((row) => row.kpi)).toEqual([
      'gateWaitSec',
      'turnSec',
      'quayMovesPerCraneHour',
      'laneUtilisation',
      'scannerUtilisation',
      'quayCraneUtilisation',
      'berthUtilisation',
    ]);
    const shown = await page.locator('[data-testid=kpi-targets] tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kpi')));
    expect(shown).toEqual(summary.targets.map((row) => row.kpi));
    expect(await page.locator('[data-testid=kpi-shift] h3').textContent()).toContain(`${summary.shift.name} shift since`);
    writeFileSync(join(ARTIFACTS_DIR, 'kpi-panel.png'), await page.locator('[data-testid=kpi-panel]').screenshot());
    await page.goto(`${console.url}/?lang=zh-CN`);
    await waitForConnectionState(page, 'LIVE');
    await page.waitForSelector('[data-testid=kpi-targets]', STATE_WAIT);
    expect(await page.locator('[data-testid=kpi-window]').textContent()).toMatch(/^近 15 分钟/);
    writeFileSync(join(ARTIFACTS_DIR, 'kpi-panel-zh-CN.png'), await page.locator('[data-testid=kpi-panel]').screenshot());
  });

  // Last: it takes the console away.
  it('says OFFLINE, and dims the numbers, the moment the console goes away', async () => {
    const page = await openPage(1600, 900);
    await signInAndGoLive(page);
    expect(await page.locator('[data-testid=kpi-panel]').getAttribute('data-live')).toBe('true');
    await console.kill();
    await waitForConnectionState(page, 'OFFLINE');
    expect(await page.locator('[data-testid=kpi-panel]').getAttribute('data-live')).toBe('false');
    // The port stays on screen, marked as not live, rather than vanishing.
    const shot = await shotOfThePort(page);
    writeFileSync(join(ARTIFACTS_DIR, 'console-offline.png'), shot.page);
    expect(shot.pixels.distinctColours).toBeGreaterThan(40);
  });
});
