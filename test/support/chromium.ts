// Debian's Chromium driven by playwright-core: never a downloaded browser. SwiftShader gives
// headless Chromium a software WebGL so the 3D scene really renders.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const DEBIAN_CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM_PATH;

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `test: no Chromium at ${CHROMIUM_PATH}; \`npm test\` installs Debian's package as root (test/support/ensure-chromium.ts), or: apt-get install -y chromium fonts-noto-cjk`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}
