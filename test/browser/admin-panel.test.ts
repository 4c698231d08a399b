// The admin's panel in Chromium (issue 8): an admin on the laptop layout creates a user,
// changes their role and sees both in the audit log; a user who is not an admin has no panel.
// Kiosk tokens: issued from the panel, opened on a wall screen, revoked from the panel, and the
// wall is signed out at once. Signing out ends the session, so a reload does not bring it back.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';

const PASSWORD = 'browser-harbour-master';
/** Screenshots for people to look at (not compared by the test). */
const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
const WAIT = { timeout: 30_000 };

describe("the admin's panel in Chromium", { timeout: 180_000 }, () => {
  let console: ConsoleProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-admin-'));
    console = await startConsoleProcess({ DATA_DIR: dataDir, PORTTWIN_ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'off' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signInAs(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${console.url}/?layout=laptop&lang=en`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('[data-testid=login-form] button[type=submit]');
    await page.waitForSelector('[data-testid=connection-state]', WAIT);
  }

  it('lets an admin create a user, change their role and read both in the audit log', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAs(page, 'admin', PASSWORD);
    await page.click('[data-testid=admin-open]');
    const panel = page.locator('[data-testid=admin-panel]');
    await panel.locator('td', { hasText: 'admin' }).first().waitFor(WAIT);

    const form = panel.locator('[data-testid=user-form]');
    await form.locator('input[placeholder=Username]').fill('shift-lead');
    await form.locator('input[type=password]').fill('short');
    await form.locator('button[type=submit]').click();
    await panel.locator('[role=alert]', { hasText: 'must be at least 12 characters' }).waitFor(WAIT);

    await form.locator('input[type=password]').fill('night-shift-on-the-quay');
    await form.locator('select').selectOption('operator');
    await form.locator('button[type=submit]').click();
    const row = panel.locator('tr', { hasText: 'shift-lead' }).first();
    await row.waitFor(WAIT);
    await row.locator('select').selectOption('supervisor');
    await panel.locator('.admin__audit td', { hasText: 'user.change' }).waitFor(WAIT);
    expect(await panel.locator('.admin__audit td', { hasText: 'user.create' }).count()).toBe(1);
    expect(await row.locator('select').inputValue()).toBe('supervisor');
    expect(pageErrors).toEqual([]);
    await page.close();

    // The new supervisor signs in: the console, but no admin's panel.
    const other = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInAs(other, 'shift-lead', 'night-shift-on-the-quay');
    await other.waitForSelector('.topbar__signout', WAIT);
    expect(await other.locator('[data-testid=admin-open]').count()).toBe(0);
    await other.close();
  });

  it('issues a wall screen a kiosk token, and revoking it signs the wall out at once', async () => {
    const admin = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    admin.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAs(admin, 'admin', PASSWORD);
    await admin.click('[data-testid=admin-open]');
    const section = admin.locator('[data-testid=kiosk-tokens]');
    await section.locator('input').fill('quay-wall');
    await section.locator('button[type=submit]').click();
    const wallUrl = await admin.locator('[data-testid=kiosk-url] input').inputValue(WAIT);
    expect(wallUrl).toMatch(/\/\?layout=wall&kiosk=v1\./);
    await section.locator('tr', { hasText: 'quay-wall' }).waitFor(WAIT);

    const wall = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await wall.goto(wallUrl);
    await wall.waitForSelector('[data-testid=connection-state][data-state=LIVE]', WAIT);
    expect(new URL(wall.url()).searchParams.has('kiosk')).toBe(false);

    await section.locator('tr', { hasText: 'quay-wall' }).locator('button').click();
    await section.locator('tr[data-revoked=true]', { hasText: 'quay-wall' }).waitFor(WAIT);
    await wall.waitForSelector('[data-testid=login-form]', WAIT);
    expect(await wall.locator('.login__notice').textContent()).toBe('Your session ended; please sign in again.');
    await wall.close();
    await admin.locator('.admin__audit td', { hasText: 'kiosk-token.revoke' }).waitFor(WAIT);
    expect(await admin.locator('.admin__audit td', { hasText: 'kiosk-session.open' }).count()).toBe(1);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(join(ARTIFACTS_DIR, 'admin-kiosk-tokens.png'), await admin.screenshot());
    expect(pageErrors).toEqual([]);
    await admin.close();
  });

  it('signs out for good: the form shows, and a reload does not bring the session back', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInAs(page, 'admin', PASSWORD);
    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('[data-testid=login-form]', WAIT);
    await page.reload();
    await page.waitForSelector('[data-testid=login-form]', WAIT);
    expect(await page.locator('[data-testid=connection-state]').count()).toBe(0);
    await page.close();
  });
});
