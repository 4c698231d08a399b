// Reads the site targets file: TARGETS_FILE, else `<site file>.targets.json` beside the site
// layout when there is one, else no targets (and the default shifts). A file that is there
// but broken stops the console at start with the file and the field named, like a bad layout.
import { existsSync, readFileSync } from 'node:fs';
import { checkKpiTargets, NO_KPI_TARGETS, type KpiTargetsFile } from '@porttwin/contracts';

export class TargetsFileError extends Error {
  constructor(path: string, problem: string) {
    super(`server: targets file ${path}: ${problem}`);
    this.name = 'TargetsFileError';
  }
}

/** The targets file that goes with a site file, by name: harbour-port.json → harbour-port.targets.json. */
export function targetsFileBeside(siteFile: string): string {
  return siteFile.replace(/(\.json)?$/, '.targets.json');
}

/** The targets for `site`: from `path` (which must exist), or none when path is null. */
export function readTargetsFile(path: string | null, site: string): KpiTargetsFile {
  if (path === null) return NO_KPI_TARGETS(site);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TargetsFileError(
      path,
      error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read: ${(error as Error).message}`,
    );
  }
  const checked = checkKpiTargets(parsed);
  if (!checked.ok) throw new TargetsFileError(path, checked.errors.join('; '));
  if (checked.targets.site !== site) throw new TargetsFileError(path, `site: "${checked.targets.site}" is not the layout's site "${site}"`);
  return checked.targets;
}

/** TARGETS_FILE if set (it must exist), else the file beside the site file if it exists, else null. */
export function targetsFilePath(configured: string | null, siteFile: string): string | null {
  if (configured !== null) return configured;
  const beside = targetsFileBeside(siteFile);
  return existsSync(beside) ? beside : null;
}
