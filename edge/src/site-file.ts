// The site layout a separate gateway checks assets against (SITE_FILE), read and checked once at start.
import { readFileSync } from 'node:fs';
import { checkSiteLayout, type SiteLayout } from '@porttwin/contracts';
import { EdgeError } from './errors';

/** The layout in the file; a file that cannot be read or breaks the schema is an error naming it and the fields. */
export function readSiteLayout(path: string): SiteLayout {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EdgeError('EDGE_SITE_FILE_INVALID', `SITE_FILE ${path}: ${(error as Error).message}`, { cause: error });
  }
  const checked = checkSiteLayout(parsed);
  if (!checked.ok) throw new EdgeError('EDGE_SITE_FILE_INVALID', `SITE_FILE ${path}: ${checked.errors.join('; ')}`);
  return checked.layout;
}
