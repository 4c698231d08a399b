// Reading site files: the default layout loads, and a bad file is rejected with its path and field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteFileError } from './errors';
import { DEFAULT_SITE_FILE, readSiteFile } from './site-file';

const dir = mkdtempSync(join(tmpdir(), 'porttwin-site-'));
function siteFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readSiteFile', () => {
  it('reads the default small port', () => {
    const layout = readSiteFile(DEFAULT_SITE_FILE);
    expect(layout.site).toBe('demo-port');
    expect(layout.assets.filter((a) => a.kind === 'gate').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects a file that is not JSON, naming the file', () => {
    const path = siteFile('broken.json', '{ "site": ');
    expect(() => readSiteFile(path)).toThrow(SiteFileError);
    expect(() => readSiteFile(path)).toThrow(`simulator: site file ${path}: not valid JSON`);
  });

  it('rejects a file that cannot be read', () => {
    const path = join(dir, 'missing.json');
    expect(() => readSiteFile(path)).toThrow(`simulator: site file ${path}: cannot read`);
  });

  it('names the missing or wrong-typed field', () => {
    const layout = JSON.parse(readFileSync(DEFAULT_SITE_FILE, 'utf8'));
    layout.assets[3].position.x = 'east';
    const wrongType = siteFile('wrong-type.json', JSON.stringify(layout));
    expect(() => readSiteFile(wrongType)).toThrow(`simulator: site file ${wrongType}: assets.3.position.x`);

    delete layout.quay;
    const missing = siteFile('missing-field.json', JSON.stringify(layout));
    expect(() => readSiteFile(missing)).toThrow(/quay/);
  });
});
