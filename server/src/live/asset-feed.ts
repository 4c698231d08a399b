// The live state of every asset as stored: loaded once, then refreshed when a gateway
// commits (NOTIFY) and on a slow poll in case a notification is missed.
import type { AssetState } from '@porttwin/contracts';
import { type Database, INGEST_CHANNEL, listAssets, type StoredAssetState } from '@porttwin/db';
import type { FastifyBaseLogger } from 'fastify';

/** Re-reads rows changed this long before the newest change seen: commits finish out of order. */
const CURSOR_OVERLAP_MS = 5000;

export class AssetFeed {
  private readonly assets = new Map<string, StoredAssetState>();
  private readonly listeners = new Set<(changes: AssetState[]) => void>();
  private cursor = 0;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = 1000,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.unlisten = await this.db.listen(INGEST_CHANNEL, () => void this.refresh());
    this.pollTimer = setInterval(() => void this.refresh(), this.pollMs);
  }

  async stop(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.unlisten?.();
    await this.refreshing;
  }

  all(): AssetState[] {
    return [...this.assets.values()].map(toAssetState);
  }

  get(id: string): AssetState | null {
    const asset = this.assets.get(id);
    return asset ? toAssetState(asset) : null;
  }

  /** Newest message receipt over all assets, epoch ms; null before any. */
  newestLastSeen(): number | null {
    let newest: number | null = null;
    for (const asset of this.assets.values()) newest = Math.max(newest ?? 0, asset.lastSeen);
    return newest;
  }

  onChange(listener: (changes: AssetState[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads what changed; concurrent calls coalesce into one more read. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = this.readChanges()
      .catch((error: Error) => this.log.warn({ err: error }, 'server: live asset refresh failed'))
      .finally(() => {
        this.refreshing = null;
        if (this.refreshAgain) {
          this.refreshAgain = false;
          void this.refresh();
        }
      });
    return this.refreshing;
  }

  private async readChanges(): Promise<void> {
    const rows = await listAssets(this.db, this.cursor === 0 ? undefined : this.cursor - CURSOR_OVERLAP_MS);
    const changes: AssetState[] = [];
    for (const row of rows) {
      if (this.assets.get(row.id)?.updatedAt === row.updatedAt) continue;
      this.assets.set(row.id, row);
      this.cursor = Math.max(this.cursor, row.updatedAt);
      changes.push(toAssetState(row));
    }
    if (changes.length > 0) for (const listener of this.listeners) listener(changes);
  }
}

function toAssetState({ updatedAt: _updatedAt, ...state }: StoredAssetState): AssetState {
  return state;
}
