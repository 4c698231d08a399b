// A separate gateway's SITE_FILE: a file it cannot use stops it at start with the reason.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSiteLayout } from './site-file';

describe("a separate gateway's site file", () => {
  const dir = mkdtempSync(join(tmpdir(), 'porttwin-site-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a file that is missing', () => {
    expect(() => readSiteLayout(join(dir, 'absent.json'))).toThrow(`edge: SITE_FILE ${join(dir, 'absent.json')}: ENOENT`);
  });

  it('names the fields a layout gets wrong', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, JSON.stringify({ site: 'demo-port' }));
    expect(() => readSiteLayout(path)).toThrow(
      `edge: SITE_FILE ${path}: (root): must have required properties name, anchor, bounds, quay, berths, yardBlocks, roads, assets`,
    );
  });
});
