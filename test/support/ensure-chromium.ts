// Run by `npm test` before the suites: the browser suite drives Debian's Chromium (never a
// downloaded browser) and its screenshots show Chinese plates, which need CJK fonts. As root
// with apt-get, installs whichever is missing; elsewhere says in one line what to install.
// No Chromium fails the run here, before the build; no CJK fonts only warns.
// Usage: node --import tsx test/support/ensure-chromium.ts
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, DEBIAN_CHROMIUM_PATH } from './chromium';

const INSTALL = 'apt-get install -y chromium fonts-noto-cjk';

function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function cjkFontsPresent(): boolean {
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0) return fonts.stdout.trim() !== '';
  // No fontconfig to ask: the package is the next best answer.
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'fonts-noto-cjk'], { encoding: 'utf8' });
  return status.status === 0 ? status.stdout.includes('install ok installed') : true;
}

function fail(line: string): never {
  process.stderr.write(`test: ${line}\n`);
  process.exit(1);
}

/** Installs Debian packages quietly; on failure prints apt-get's own words and returns false. */
function aptInstall(packages: string[]): boolean {
  process.stderr.write(`test: installing ${packages.join(' ')} with apt-get (once per machine)\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const run = spawnSync('apt-get', args, { env, encoding: 'utf8' });
    if (run.status !== 0) {
      process.stderr.write(`${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? `${run.error.message}\n` : ''}`);
      return false;
    }
  }
  return true;
}

if (CHROMIUM_PATH !== DEBIAN_CHROMIUM_PATH && !existsSync(CHROMIUM_PATH)) {
  fail(`CHROMIUM_PATH=${CHROMIUM_PATH} does not exist: point it at a Chromium binary, or unset it to use Debian's ${DEBIAN_CHROMIUM_PATH}`);
}
const missing = [...(existsSync(CHROMIUM_PATH) ? [] : ['chromium']), ...(cjkFontsPresent() ? [] : ['fonts-noto-cjk'])];
const canInstall = process.getuid?.() === 0 && succeeds('apt-get', ['--version']);
if (missing.length > 0 && canInstall) aptInstall(missing);

if (!existsSync(CHROMIUM_PATH)) {
  fail(
    `the browser suite needs Chromium at ${CHROMIUM_PATH}: as root, ${INSTALL} (Debian's package, never a downloaded browser), or set CHROMIUM_PATH to a Chromium binary`,
  );
}
if (!cjkFontsPresent()) {
  process.stderr.write(
    'test: warning: no CJK fonts, so Chinese text in the browser screenshots draws as boxes: as root, apt-get install -y fonts-noto-cjk\n',
  );
}
