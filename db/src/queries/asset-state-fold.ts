// Folds device messages into one live-state row per asset, newest values winning, so a
// gateway can write the live state of many batches in one upsert.
import type { DeviceMessage } from '@porttwin/contracts';

/** One asset's live state as the assets upsert takes it (epoch ms times). */
export interface AssetStateRow {
  asset_id: string;
  site: string;
  kind: string;
  metrics: Record<string, unknown> | null;
  metrics_at: number | null;
  status: string | null;
  status_reason: string | null;
  status_at: number | null;
  status_received_at: number | null;
  status_retained: boolean | null;
  last_seen: number;
}

export class AssetStateFold {
  private readonly rows = new Map<string, AssetStateRow>();

  get size(): number {
    return this.rows.size;
  }

  /** Folds messages in; older messages than those already folded never win. */
  add(messages: readonly DeviceMessage[]): void {
    for (const message of messages) {
      let row = this.rows.get(message.assetId);
      if (!row) {
        row = {
          asset_id: message.assetId,
          site: message.site,
          kind: message.kind,
          metrics: null,
          metrics_at: null,
          status: null,
          status_reason: null,
          status_at: null,
          status_received_at: null,
          status_retained: null,
          last_seen: 0,
        };
        this.rows.set(message.assetId, row);
      }
      if (message.channel === 'telemetry') {
        const newer = row.metrics_at === null || message.ts >= row.metrics_at;
        row.metrics = newer ? { ...row.metrics, ...message.metrics } : { ...message.metrics, ...row.metrics };
        row.metrics_at = Math.max(row.metrics_at ?? message.ts, message.ts);
      }
      if (message.channel === 'status' && (row.status_at === null || message.ts >= row.status_at)) {
        row.status = message.state;
        row.status_reason = message.reason;
        row.status_at = message.ts;
        row.status_received_at = message.receivedAt;
        row.status_retained = message.retained;
      }
      // A will or a stored retained copy says nothing about the device being alive now.
      const signOfLife = message.channel !== 'status' || (message.state !== 'offline' && !message.retained);
      if (signOfLife) row.last_seen = Math.max(row.last_seen, message.receivedAt);
    }
  }

  /** The folded rows; a device only heard of through a status was last seen when it set it. */
  rowsToWrite(): AssetStateRow[] {
    return [...this.rows.values()].map((row) => (row.last_seen === 0 ? { ...row, last_seen: row.status_at ?? 0 } : row));
  }

  /** An independent copy, to fold tentatively. */
  copy(): AssetStateFold {
    const copy = new AssetStateFold();
    for (const [id, row] of this.rows) copy.rows.set(id, { ...row, metrics: row.metrics ? { ...row.metrics } : null });
    return copy;
  }

  clear(): void {
    this.rows.clear();
  }
}
