// Reading a site layout file: the boundary where a bad file is rejected with the field named.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSiteLayout, type SiteLayout } from '@porttwin/contracts';
import { SiteFileError } from './errors';

/**
 * The demo port at realistic scale: a 1.2 km quay with 4 berths and 12 quay cranes, 24 yard
 * blocks, 12 gate lanes each way with radiation portals, a two-scanner hall, 16 cameras.
 */
export const DEFAULT_SITE_FILE: string = fileURLToPath(new URL('../sites/harbour-port.json', import.meta.url));

/** A small port (2 berths, 3 gate lanes) for quick tests and reading the model by eye. */
export const SMALL_PORT_SITE_FILE: string = fileURLToPath(new URL('../sites/small-port.json', import.meta.url));

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
