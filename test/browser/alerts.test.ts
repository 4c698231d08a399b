// The alert console in a real browser (issue 10): the default port runs the `yard-smoke`
// scenario — CAM-06 sees smoke from minute 8, CAM-04 from minute 10 — fed as fast as the
// console takes it up to now and on in real time, so both critical alerts are open and CAM-06's
// keeps repeating. The wall shows a banner for both and arms its alarm when a person presses
// the button; a supervisor selects CAM-06's alert on a laptop, the camera flies there, works a
// playbook step and acknowledges it in the page, which then says who did; a viewer sees the
// same list in Hong Kong Chinese with no buttons; the wall's banner goes when the last one is
// acknowledged. Screenshots are kept in test/artifacts/ for people to look at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Alert } from '@porttwin/contracts';
import { readScenarioFile, readSiteFile, type RunningSimulator, scenarioFile, startSimulator } from '@porttwin/simulator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { getJson, signIn } from '../support/console-client';
import { issuePublisherCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/wait-for';

const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
const HARBOUR_PORT = fileURLToPath(new URL('../../contracts/sites/harbour-port.json', import.meta.url));
const PASSWORD = 'alerts-browser-master';
const SUPERVISOR = { username: 'duty.supervisor', password: 'alerts-browser-supervisor', role: 'supervisor' };
const VIEWER = { username: 'shift.viewer', password: 'alerts-browser-viewer', role: 'viewer' };
const MINUTE = 60_000;
// Generous: software WebGL on two busy cores can take seconds a frame.
const STATE_WAIT = { polling: 250, timeout: 60_000 };

describe('the alert console in Chromium, with smoke in the yard', { timeout: 300_000 }, () => {
  let console: ConsoleProcess;
  let browser: Browser;
  let simulator: RunningSimulator | undefined;
  let dataDir: string;
  let token: string;
  /** The two cameras' smoke alerts, as the API gave them once both were open. */
  let smoke: { cam06: Alert; cam04: Alert };
  const pages: Page[] = [];

  const openAlerts = () => getJson<Alert[]>(`${console.url}/api/alerts?state=open`, token);
  const smokeAt = (alerts: Alert[], camera: string) => alerts.find((alert) => alert.rule === 'smoke-or-fire' && alert.assetId === camera);

  async function api(path: string, bearer: string, body?: object): Promise<Response> {
    return fetch(`${console.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-alerts-browser-'));
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    console = await startConsoleProcess({
      DATA_DIR: dataDir,
      PORTTWIN_ADMIN_PASSWORD: PASSWORD,
      SIMULATOR: 'off',
      SITE_FILE: HARBOUR_PORT,
    });
    token = await signIn(console.url, PASSWORD);
    for (const user of [SUPERVISOR, VIEWER]) {
      const created = await fetch(`${console.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(user),
      });
      expect(created.ok, await created.text()).toBe(true);
    }
    const mqttUrl = mqttUrlWith(
      `mqtt://127.0.0.1:${console.mqttPort}`,
      await issuePublisherCredential(console.url, token, 'demo-port', 'alerts-browser'),
    );
    // Minute 11 of the scenario is now: both cameras have seen smoke, and CAM-06 goes on seeing it.
    simulator = await startSimulator({
      mqttUrl,
      layout: readSiteFile(HARBOUR_PORT),
      speed: 'max',
      startMs: Date.now() - 11 * MINUTE,
      seed: 10,
      telemetryIntervalMs: 5_000,
      scenario: readScenarioFile(scenarioFile('yard-smoke')),
    });
    const running = simulator;
    await waitFor(
      'the smoke run caught up with the wall clock',
      () => running.simulatedNow(),
      (at) => at >= Date.now() - 10_000,
      120_000,
    );
    const both = await waitFor(
      'both cameras raised their smoke alerts',
      openAlerts,
      (alerts) => smokeAt(alerts, 'CAM-06') !== undefined && smokeAt(alerts, 'CAM-04') !== undefined,
      60_000,
    );
    smoke = { cam06: smokeAt(both, 'CAM-06')!, cam04: smokeAt(both, 'CAM-04')! };
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

  async function openWall(lang: string): Promise<Page> {
    const issued = await fetch(`${console.url}/api/auth/kiosk-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: `alerts-wall-${lang}` }),
    });
    const kiosk = (await issued.json()) as { token: string };
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    pages.push(page);
    await page.goto(`${console.url}/?layout=wall&lang=${lang}&kiosk=${kiosk.token}`);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=connection-state]')?.getAttribute('data-state') === 'LIVE',
      null,
      STATE_WAIT,
    );
    return page;
  }

  async function signInLaptop(user: { username: string; password: string }, lang: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    pages.push(page);
    await page.goto(`${console.url}/?lang=${lang}`);
    await page.fill('input[name=username]', user.username);
    await page.fill('input[name=password]', user.password);
    await page.click('[data-testid=login-form] button[type=submit]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=connection-state]')?.getAttribute('data-state') === 'LIVE',
      null,
      STATE_WAIT,
    );
    await page.click('[data-tab=alerts]');
    return page;
  }

  const bannerIds = (page: Page) =>
    page.evaluate(() => document.querySelector('[data-testid=wall-alert-banner]')?.getAttribute('data-alert-ids') ?? null);

  it('puts both critical alerts on the wall banner, and sounds the alarm once a person enables it', async () => {
    const page = await openWall('en');
    await page.waitForFunction(
      (ids) => ids.every((id) => document.querySelector(`[data-testid=wall-alert-banner] li[data-alert-id="${id}"]`)),
      [smoke.cam06.id, smoke.cam04.id],
      STATE_WAIT,
    );
    const banner = page.locator('[data-testid=wall-alert-banner]');
    expect(await banner.textContent()).toMatch(/^CRITICAL ALERT.*Smoke or fire seen by a camera.*CAM-0[46]/);
    // Big enough to read from 5 m: at least 30 px type.
    expect(await banner.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(30);

    // Muted until a person presses the button; then the tone sounds for what is already up.
    const alarm = page.locator('[data-testid=alarm-sound]');
    expect(await alarm.getAttribute('data-enabled')).toBe('false');
    expect(await alarm.textContent()).toContain('Enable alarm sound');
    await alarm.click();
    await page.waitForFunction(
      () => {
        const button = document.querySelector('[data-testid=alarm-sound]');
        return button?.getAttribute('data-enabled') === 'true' && Number(button.getAttribute('data-tones')) >= 1;
      },
      null,
      STATE_WAIT,
    );
    await page.locator('[data-testid=detection-marker][data-camera=CAM-06]').waitFor({ state: 'attached', timeout: STATE_WAIT.timeout });
    writeFileSync(join(ARTIFACTS_DIR, 'alerts-wall-en.png'), await page.screenshot({ timeout: 90_000 }));
  });

  it('says it in Hong Kong Chinese on a wall asked for ?lang=zh-HK', async () => {
    const page = await openWall('zh-HK');
    await page.waitForSelector('[data-testid=wall-alert-banner]', STATE_WAIT);
    expect(await page.locator('[data-testid=wall-alert-banner]').textContent()).toMatch(/^緊急警報.*閉路電視偵測到煙霧或火警/);
    expect(await page.locator('[data-testid=alarm-sound]').textContent()).toContain('開啟警報聲');
    await page.locator('[data-testid=detection-marker][data-camera=CAM-06]').waitFor({ state: 'attached', timeout: STATE_WAIT.timeout });
    expect(await page.locator('[data-testid=detection-marker][data-camera=CAM-06]').textContent()).toContain('煙霧');
    writeFileSync(join(ARTIFACTS_DIR, 'alerts-wall-zh-HK.png'), await page.screenshot({ timeout: 90_000 }));
  });

  it('lets a supervisor select the alert, fly to its camera, tick a step and acknowledge it, and shows who did', async () => {
    const page = await signInLaptop(SUPERVISOR, 'en');
    const row = page.locator(`[data-testid=alerts-list] li[data-alert-id="${smoke.cam06.id}"]`);
    await row.waitFor({ timeout: STATE_WAIT.timeout });
    // Most severe first, then the oldest: CAM-06 saw smoke two minutes before CAM-04.
    const order = await page.$$eval('[data-testid=alerts-list] li[data-alert-id]', (rows) =>
      rows.map((r) => r.getAttribute('data-alert-id')),
    );
    expect(order.slice(0, 2)).toEqual([String(smoke.cam06.id), String(smoke.cam04.id)]);
    expect(await row.getAttribute('data-severity')).toBe('critical');
    expect(await row.textContent()).toMatch(/Critical.*Smoke or fire seen by a camera.*CAM-06.*ago/);
    // CAM-06 keeps seeing smoke every 20 s: one alert, counted.
    await page.waitForFunction(
      (id) => /×\d+/.test(document.querySelector(`[data-testid=alerts-list] li[data-alert-id="${id}"]`)?.textContent ?? ''),
      smoke.cam06.id,
      STATE_WAIT,
    );

    // A click on CAM-04's tag in the scene selects its alert; the row selects CAM-06's.
    await page.locator('[data-testid=detection-marker][data-camera=CAM-04]').click({ timeout: STATE_WAIT.timeout });
    await page.locator(`[data-testid=alert-detail][data-alert-id="${smoke.cam04.id}"]`).waitFor({ timeout: STATE_WAIT.timeout });
    await row.click();
    const detail = page.locator(`[data-testid=alert-detail][data-alert-id="${smoke.cam06.id}"]`);
    await detail.waitFor({ timeout: STATE_WAIT.timeout });
    await page.waitForFunction(() => document.querySelector('canvas')?.dataset.framing === 'CAM-06', null, STATE_WAIT);
    await page.locator('[data-testid=alert-marker][data-asset=CAM-06]').waitFor({ state: 'attached', timeout: STATE_WAIT.timeout });
    expect(await page.locator('[data-testid=alert-history] li').first().getAttribute('data-action')).toBe('raised');

    // The playbook's first step, ticked here, is recorded with who and when.
    // A click, not check(): the box is ticked when the server has recorded it, not at once.
    await page.locator('[data-testid=alert-steps] li[data-step="1"] input[type=checkbox]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=alert-steps] li[data-step="1"]')?.textContent?.includes('done by duty.supervisor at'),
      null,
      STATE_WAIT,
    );

    await page.click('[data-testid=alert-acknowledge]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=alert-detail-acknowledged-by]')?.getAttribute('data-user') === 'duty.supervisor',
      null,
      STATE_WAIT,
    );
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-testid=alerts-list] li[data-alert-id="${id}"] [data-testid=alert-acknowledged-by]`)?.textContent ===
        'ack duty.supervisor',
      smoke.cam06.id,
      STATE_WAIT,
    );
    expect(await page.locator('[data-testid=alert-acknowledge]').count()).toBe(0);
    const stored = await getJson<Alert>(`${console.url}/api/alerts/${smoke.cam06.id}`, token);
    expect({ state: stored.state, by: stored.acknowledgedBy, step1: stored.steps[0]?.doneBy }).toEqual({
      state: 'acknowledged',
      by: 'duty.supervisor',
      step1: 'duty.supervisor',
    });
    writeFileSync(join(ARTIFACTS_DIR, 'alerts-laptop-en.png'), await page.screenshot({ timeout: 90_000 }));
    writeFileSync(join(ARTIFACTS_DIR, 'alerts-panel-en.png'), await page.locator('[data-testid=side-panel]').screenshot());
    // Five tabs in the flow tab's narrower panel, the open alerts counted on the last.
    await page.click('[data-tab=flow]');
    expect(await page.locator('[data-testid=alerts-tab-count]').textContent()).toBe('2');
    writeFileSync(join(ARTIFACTS_DIR, 'alerts-side-tabs-en.png'), await page.locator('[data-testid=side-panel] nav').screenshot());
  });

  it('shows a viewer the list and who acknowledged in Hong Kong Chinese, without buttons', async () => {
    const page = await signInLaptop(VIEWER, 'zh-HK');
    const row = page.locator(`[data-testid=alerts-list] li[data-alert-id="${smoke.cam06.id}"]`);
    await row.waitFor({ timeout: STATE_WAIT.timeout });
    expect(await row.textContent()).toMatch(/緊急.*閉路電視偵測到煙霧或火警.*duty\.supervisor 已確認/);
    await row.click();
    await page.locator('[data-testid=alert-detail]').waitFor({ timeout: STATE_WAIT.timeout });
    expect(await page.locator('[data-testid=alert-detail]').textContent()).toContain('只供檢視');
    expect(await page.locator('[data-testid=alert-actions]').count()).toBe(0);
    expect(await page.locator('[data-testid=alert-steps] input:not([disabled])').count()).toBe(0);
    await page.waitForFunction(() => document.querySelector('canvas')?.dataset.framing === 'CAM-06', null, STATE_WAIT);
    writeFileSync(join(ARTIFACTS_DIR, 'alerts-laptop-zh-HK.png'), await page.screenshot({ timeout: 90_000 }));
  });

  it('takes the banner off the wall when the last critical alert is acknowledged', async () => {
    const page = await openWall('en');
    // CAM-06's was acknowledged in the laptop test: only CAM-04's is left on the banner.
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid=wall-alert-banner]')?.getAttribute('data-alert-ids') === String(id),
      smoke.cam04.id,
      STATE_WAIT,
    );
    const supervisor = await fetch(`${console.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: SUPERVISOR.username, password: SUPERVISOR.password }),
    });
    const acknowledged = await api(`/api/alerts/${smoke.cam04.id}/ack`, ((await supervisor.json()) as { token: string }).token);
    expect(acknowledged.status, await acknowledged.text()).toBe(200);
    await page.waitForSelector('[data-testid=wall-alert-banner]', { state: 'detached', timeout: STATE_WAIT.timeout });
    expect(await bannerIds(page)).toBeNull();
    writeFileSync(join(ARTIFACTS_DIR, 'alerts-wall-acknowledged.png'), await page.screenshot({ timeout: 90_000 }));
  });
});
