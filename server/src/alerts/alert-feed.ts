// Hands the engine device events and statuses as gateways store them: read by receive time
// after each commit's NOTIFY (and on a slow poll in case one is missed), only events of the
// types the rules watch. Commits finish out of order, so each read reaches back a little and
// drops what was already handed over.
import { type Database, INGEST_CHANNEL, type ObservedEvent, type ObservedStatus, readObservations } from '@porttwin/db';
import type { FastifyBaseLogger } from 'fastify';
import type { AlertEngine } from './alert-engine';
import type { Observation } from './observation';

/** Re-reads rows received this long before the newest one handed over. */
const OVERLAP_MS = 5000;
/** Rows read at a time; a fuller read is followed at once by another. */
const READ_LIMIT = 5000;

export class AlertFeed {
  private cursor: number;
  /** Rows handed over within the overlap, by key, with their receipt time. */
  private readonly handed = new Map<string, number>();
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly engine: AlertEngine,
    private readonly log: FastifyBaseLogger,
    /** Receipt time to start after: what came before the server started was judged before (or not at all). */
    startAfter: number,
    private readonly pollMs = 1000,
  ) {
    this.cursor = startAfter;
  }

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(INGEST_CHANNEL, () => void this.read());
    this.pollTimer = setInterval(() => void this.read(), this.pollMs);
    await this.read();
  }

  async stop(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.unlisten?.();
    await this.reading;
  }

  /** Reads what arrived; concurrent calls coalesce into one more read. */
  read(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = this.readNew()
      .catch((error: Error) => this.log.warn({ err: error }, 'server: reading new events for alerts failed'))
      .finally(() => {
        this.reading = null;
        if (this.readAgain) {
          this.readAgain = false;
          void this.read();
        }
      });
    return this.reading;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const rows = await readObservations(this.db, this.cursor - OVERLAP_MS, Date.now() + 86_400_000, this.engine.eventTypes(), READ_LIMIT);
      const fresh = rows.filter((row) => !this.handed.has(keyOf(row)));
      for (const row of fresh) {
        this.handed.set(keyOf(row), row.receivedAt);
        this.cursor = Math.max(this.cursor, row.receivedAt);
      }
      for (const [key, receivedAt] of this.handed) if (receivedAt < this.cursor - OVERLAP_MS) this.handed.delete(key);
      if (fresh.length > 0) await this.engine.observe(fresh.map(toObservation));
      if (rows.length < READ_LIMIT || fresh.length === 0) return;
    }
  }
}

function keyOf(row: ObservedEvent | ObservedStatus): string {
  return row.channel === 'event'
    ? `e\u0000${row.assetId}\u0000${row.ts}\u0000${row.seq}`
    : `s\u0000${row.assetId}\u0000${row.ts}\u0000${row.state}`;
}

function toObservation(row: ObservedEvent | ObservedStatus): Observation {
  return row.channel === 'event'
    ? { type: 'event', assetId: row.assetId, kind: row.kind, ts: row.ts, eventType: row.type, data: row.data }
    : { type: 'status', assetId: row.assetId, kind: row.kind, ts: row.ts, state: row.state };
}
