// Which site and kind each asset is, so a message cannot turn one asset into another (issue 8,
// part 8): fixed equipment from the site layout, devices from the registry, and every other
// asset pinned to the site and kind it was first stored as. docs/device-contract.md, "Assets".
import type { DeviceMessage, SiteLayout } from '@porttwin/contracts';
import { type Queryable, listAssetIdentities, listRegisteredDevices } from '@porttwin/db';
import type { Logger } from 'pino';

/** Where the gateway learnt what an asset is; named in a dead letter's reason. */
type Source = 'site layout' | 'device registry' | 'first message';

interface KnownAsset {
  site: string;
  kind: string;
  source: Source;
}

export interface AssetDirectoryOptions {
  db: Queryable;
  /** The site the gateway serves; none = any site (a separate gateway started without SITE_FILE). */
  layout: SiteLayout | null;
  log: Pick<Logger, 'warn'>;
}

/** After a failed read, the database is asked again no sooner than this (it may be away for long). */
const RETRY_AFTER_MS = 1000;

export class AssetDirectory {
  private readonly fromLayout = new Map<string, KnownAsset>();
  private readonly fromRegistry = new Map<string, KnownAsset>();
  private readonly seen = new Map<string, KnownAsset>();
  private readonly registrySites = new Set<string>();
  private failedAt = Number.NEGATIVE_INFINITY;
  private loaded = false;

  constructor(private readonly options: AssetDirectoryOptions) {
    const { layout } = options;
    for (const asset of layout?.assets ?? [])
      this.fromLayout.set(asset.id, { site: layout!.site, kind: asset.kind, source: 'site layout' });
  }

  /**
   * Reads the registry and the assets already stored (they keep the site and kind they were
   * stored as). Never throws: a gateway starts while its database is away (it journals), and
   * reads again with the next batch.
   */
  async load(): Promise<void> {
    await this.reading(async () => {
      const [stored, registry] = await Promise.all([listAssetIdentities(this.options.db), listRegisteredDevices(this.options.db)]);
      for (const asset of stored) {
        if (!this.seen.has(asset.assetId)) this.seen.set(asset.assetId, { site: asset.site, kind: asset.kind, source: 'first message' });
      }
      this.learn(registry);
      this.loaded = true;
    });
  }

  /**
   * Dead-letters, in place, each message whose site or kind is not its asset's; an asset known
   * nowhere yet is taken as new when its site is served here, and pinned from then on.
   */
  async check<T extends { message: DeviceMessage | null; deadLetter: unknown }>(
    items: T[],
    misplaced: (message: DeviceMessage, reason: string) => T['deadLetter'],
  ): Promise<void> {
    if (!this.loaded) await this.load();
    const unknown = new Set<string>();
    for (const item of items) if (item.message && !this.known(item.message.assetId)) unknown.add(item.message.assetId);
    // A device issued its credential a moment ago is known by the time its message is judged;
    // only the new ids are asked about, so a flood of them costs one small query per batch.
    if (unknown.size > 0 && this.loaded)
      await this.reading(async () => this.learn(await listRegisteredDevices(this.options.db, [...unknown])));
    for (const item of items) {
      if (!item.message) continue;
      const reason = this.misplacement(item.message);
      if (reason) {
        item.deadLetter = misplaced(item.message, reason);
        item.message = null;
      }
    }
  }

  /** Why the message is not its asset's, or null (then an asset new here is pinned to it). */
  misplacement({ site, kind, assetId }: Pick<DeviceMessage, 'site' | 'kind' | 'assetId'>): string | null {
    const known = this.known(assetId);
    if (known) {
      if (known.site === site && known.kind === kind) return null;
      const claimed = [known.kind === kind ? '' : `a ${kind}`, known.site === site ? '' : `of site ${site}`].filter(Boolean).join(' ');
      return `asset ${assetId} is a ${known.kind} of site ${known.site} (${known.source}), not ${claimed}`;
    }
    const sites = this.servedSites();
    if (sites && !sites.has(site)) {
      return `asset ${assetId} is in neither the site layout nor the device registry, and site ${site} is not served here (${[...sites].join(', ')})`;
    }
    this.seen.set(assetId, { site, kind, source: 'first message' });
    return null;
  }

  private known(assetId: string): KnownAsset | undefined {
    return this.fromLayout.get(assetId) ?? this.fromRegistry.get(assetId) ?? this.seen.get(assetId);
  }

  /** The layout's site and the registry's; null when the gateway has no layout and so serves any site. */
  private servedSites(): Set<string> | null {
    if (!this.options.layout) return null;
    return new Set([this.options.layout.site, ...this.registrySites]);
  }

  private learn({ devices, sites }: Awaited<ReturnType<typeof listRegisteredDevices>>): void {
    for (const device of devices)
      this.fromRegistry.set(device.assetId, { site: device.site, kind: device.kind, source: 'device registry' });
    for (const site of sites) this.registrySites.add(site);
  }

  /** Runs a read of the database unless one failed a moment ago; a failure is logged, and what is known stands. */
  private async reading(read: () => Promise<void>): Promise<void> {
    if (Date.now() - this.failedAt < RETRY_AFTER_MS) return;
    try {
      await read();
    } catch (error) {
      this.failedAt = Date.now();
      this.options.log.warn({ err: error }, 'edge: cannot read the device registry; judging assets by what is known');
    }
  }
}
