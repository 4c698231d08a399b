// Reading a site layout file: the boundary where a bad file is rejected with the field named.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { checkSiteLayout, DEFAULT_SITE, SMALL_PORT_SITE, type SiteLayout } from '@porttwin/contracts';
import { SiteFileError } from './errors';

const resolveModule = createRequire(import.meta.url).resolve;

/** The path of the default site layout (contracts/sites/harbour-port.json). */
export const DEFAULT_SITE_FILE: string = resolveModule(DEFAULT_SITE);

/** The path of the small port's layout (contracts/sites/small-port.json), for quick tests. */
export const SMALL_PORT_SITE_FILE: string = resolveModule(SMALL_PORT_SITE);

/** Reads and validates a layout; throws SiteFileError naming the file and the bad field(s). */
export function readSiteFile(path: string): SiteLayout {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SiteFileError(path, `cannot read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SiteFileError(path, `not valid JSON: ${(error as Error).message}`);
  }
  const checked = checkSiteLayout(parsed);
  if (!checked.ok) throw new SiteFileError(path, checked.errors.join('; '));
  return checked.layout;
}
