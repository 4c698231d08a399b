// The console under its Content Security Policy in a real browser: signing in, going live
// over socket.io (polling, then a websocket) and drawing the port in WebGL break no
// directive. Violations are caught both as `securitypolicyviolation` events and as console
// errors; a deliberate inline script at the end proves the listener hears them.
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { summarisePixels } from '../support/png-pixels';

const PASSWORD = 'csp-harbour-master';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

/** Records every CSP violation of the page, from before its first script runs. */
async function recordViolations(page: Page): Promise<{ consoleErrors: string[] }> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      });
    });
  });
  const consoleErrors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  return { consoleErrors };
}

describe('the console under its Content Security Policy, in Chromium', () => {
  let console: ConsoleProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-csp-'));
    console = await startConsoleProcess({ DATA_DIR: dataDir, PORTTWIN_ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'on' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in, goes live over a websocket and draws the port without a violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { consoleErrors } = await recordViolations(page);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const websockets: string[] = [];
    page.on('websocket', (socket) => websockets.push(socket.url()));

    const shell = await page.goto(console.url);
    expect(shell?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('[data-testid=login-form] button[type=submit]');
    await page.waitForSelector('[data-testid=connection-state][data-state=LIVE]', { timeout: 30_000 });
    await page.waitForFunction(() => (window.__porttwin?.assetCount() ?? 0) >= 10, undefined, { timeout: 30_000 });
    // socket.io starts on polling and moves to a websocket to the same host: both under connect-src.
    await expect
      .poll(() => websockets.some((url) => url.includes('/socket.io/') && url.includes('transport=websocket')), { timeout: 15_000 })
      .toBe(true);
    await page.waitForFunction(() => (window.__porttwin?.lastAssetsAt() ?? 0) > 0, undefined, { timeout: 30_000 });

    const pixels = summarisePixels(await page.locator('[data-testid=scene]').screenshot());
    expect(pixels.distinctColours).toBeGreaterThan(40);
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);

    // The listener hears a violation when there is one: an inline script is refused.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.appendChild(script);
    });
    await expect
      .poll(() => page.evaluate(() => window.__cspViolations?.map((violation) => violation.directive)))
      .toEqual(['script-src-elem']);
    expect(await page.evaluate(() => (window as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  });
});
