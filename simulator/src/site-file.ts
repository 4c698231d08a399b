// Reading a site layout file: the boundary where a bad file is rejected with the field named.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSiteLayout, type SiteLayout } from '@porttwin/contracts';
import { SiteFileError } from './errors';

/** The small demo port shipped with the simulator. */
export const DEFAULT_SITE_FILE: string = fileURLToPath(new URL('../sites/small-port.json', import.meta.url));

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
