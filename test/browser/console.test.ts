// The console in a real browser: sign in, wait for live data, check the 3D canvas drew the
// port (pixels read back from a screenshot) and keep the screenshot for people to look at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { getJson, signIn } from '../support/console-client';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { summarisePixels } from '../support/png-pixels';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
const PASSWORD = 'browser-harbour-master';

/** Signs in through the form and waits until the console is live with the port's assets. */
async function signInAndGoLive(page: Page, url = consoleUrl): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForSelector('[data-testid=connection-state][data-state=LIVE]', { timeout: 30_000 });
  await page.waitForFunction(() => (window.__porttwin?.assetCount() ?? 0) >= 10, undefined, { timeout: 30_000 });
}
let consoleUrl = '';

describe('the console in Chromium', () => {
  let console: ConsoleProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-browser-'));
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    console = await startConsoleProcess({ DATA_DIR: dataDir, PORTTWIN_ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'on' });
    consoleUrl = console.url;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in, goes live and draws the port in 3D', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
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
      { timeout: 30_000 },
    );
    await page.waitForTimeout(2000); // a few frames with trucks and cranes in motion

    const scene = await page.locator('[data-testid=scene]').screenshot();
    writeFileSync(join(ARTIFACTS_DIR, 'console-scene.png'), scene);
    writeFileSync(join(ARTIFACTS_DIR, 'console.png'), await page.screenshot());
    const pixels = summarisePixels(scene);
    // An empty or failed WebGL canvas is one flat colour; the port has water, land, roads, cranes, containers.
    expect(pixels.distinctColours).toBeGreaterThan(40);
    expect(pixels.nonBackgroundShare).toBeGreaterThan(0.2);
    expect(await page.locator('[data-testid=kpi-panel]').isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('shows the wall layout through a kiosk token, without a sign-in form', async () => {
    const token = await signIn(console.url, PASSWORD);
    const issued = await fetch(`${console.url}/api/auth/kiosk-tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'wall-1' }),
    });
    const kiosk = (await issued.json()) as { token: string };
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${console.url}/?layout=wall&kiosk=${kiosk.token}`);
    await page.waitForSelector('[data-testid=connection-state][data-state=LIVE]', { timeout: 30_000 });
    expect(await page.locator('[data-testid=login-form]').count()).toBe(0);
    await page.waitForTimeout(1500);
    writeFileSync(join(ARTIFACTS_DIR, 'console-wall.png'), await page.screenshot());
  });

  // Last: it takes the console away.
  it('says OFFLINE, and dims the numbers, the moment the console goes away', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signInAndGoLive(page);
    await page.waitForTimeout(2000);
    await console.kill();
    await page.waitForSelector('[data-testid=connection-state][data-state=OFFLINE]', { timeout: 30_000 });
    expect(await page.locator('[data-testid=kpi-panel]').getAttribute('data-live')).toBe('false');
    // The port stays on screen, marked as not live, rather than vanishing.
    const scene = await page.locator('[data-testid=scene]').screenshot();
    writeFileSync(join(ARTIFACTS_DIR, 'console-offline.png'), await page.screenshot());
    expect(summarisePixels(scene).distinctColours).toBeGreaterThan(40);
  });
});
