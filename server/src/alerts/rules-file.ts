// Reads the site alerts file: ALERTS_FILE, else `<site file>.alerts.json` beside the site layout
// when there is one, else no rules. A broken file stops the console at start with the file and
// the field named, like a bad targets file; later edits are read again without a restart, and an
// edit that breaks it is logged and leaves the rules in force as they were.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { type AlertRulesFile, checkAlertRules, NO_ALERT_RULES } from '@porttwin/contracts';

export class AlertsFileError extends Error {
  constructor(path: string, problem: string) {
    super(`server: alerts file ${path}: ${problem}`);
    this.name = 'AlertsFileError';
  }
}

/** The alerts file that goes with a site file, by name: harbour-port.json → harbour-port.alerts.json. */
export function alertsFileBeside(siteFile: string): string {
  return siteFile.replace(/(\.json)?$/, '.alerts.json');
}

/** ALERTS_FILE if set (it must exist), else the file beside the site file if it exists, else null. */
export function alertsFilePath(configured: string | null, siteFile: string): string | null {
  if (configured !== null) return configured;
  const beside = alertsFileBeside(siteFile);
  return existsSync(beside) ? beside : null;
}

/** The rules for `site`: from `path`, or none when path is null. */
export function readAlertsFile(path: string | null, site: string): AlertRulesFile {
  if (path === null) return NO_ALERT_RULES(site);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AlertsFileError(
      path,
      error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read: ${(error as Error).message}`,
    );
  }
  const checked = checkAlertRules(parsed);
  if (!checked.ok) throw new AlertsFileError(path, checked.errors.join('; '));
  if (checked.rules.site !== site) throw new AlertsFileError(path, `site: "${checked.rules.site}" is not the layout's site "${site}"`);
  return checked.rules;
}

/**
 * Reads the file again whenever its modification time changes (polled: editors that save by
 * rename are seen too, and an edit made straight after start is compared with the time read
 * at start, not with a first poll that may come after it); `onRules` gets each good version,
 * `onError` each broken one. Returns the stop function.
 */
export function watchAlertsFile(
  path: string,
  site: string,
  onRules: (rules: AlertRulesFile) => void,
  onError: (error: Error) => void,
  intervalMs = 1000,
): () => void {
  let readMtimeMs = statSync(path).mtimeMs;
  const poll = setInterval(() => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch (error) {
      // Gone (or an editor swapping it in): reported once, and read again when it is back.
      if (readMtimeMs !== -1) onError(new AlertsFileError(path, `cannot read: ${(error as Error).message}`));
      readMtimeMs = -1;
      return;
    }
    if (mtimeMs === readMtimeMs) return;
    readMtimeMs = mtimeMs;
    try {
      onRules(readAlertsFile(path, site));
    } catch (error) {
      onError(error as Error);
    }
  }, intervalMs);
  poll.unref();
  return () => clearInterval(poll);
}
