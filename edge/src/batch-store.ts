// Where a gateway's batches become durable: the database when it answers, else the
// journal (in order: once anything is journaled, later batches queue behind it until the
// drainer has replayed it). Also owns the live-state fold written with the batches.
import { AssetStateFold, type Database, type DeadLetter, type IngestBatch, isDataError, writeIngestBatch } from '@porttwin/db';
import type { DeviceMessage } from '@porttwin/contracts';
import type { Logger } from 'pino';
import { type BatchPart, storeIsolatingRefused } from './isolate-refused';
import type { Journal } from './journal';

/**
 * Live state is upserted at most this often, folded over the batches in between: under load
 * every batch touches every asset, and the upsert would cost as much as the rows.
 */
const LIVE_STATE_INTERVAL_MS = 200;
/** The drainer replays up to this many messages per transaction: big batches catch up fast. */
const DRAIN_MAX_MESSAGES = 20_000;
/** Past this share of its bytes the journal is reported nearly full. */
export const JOURNAL_NEARLY_FULL = 0.8;

export interface BatchStoreStats {
  journaled: number;
  drained: number;
  journalBatches: number;
  journalBytes: number;
  journalFill: number;
  databaseReachable: boolean;
  /** Messages that passed the contract but the database refused; stored as dead letters. */
  refused: number;
}

export class BatchStore {
  private readonly liveState = new AssetStateFold();
  private liveStateWrittenAt = 0;
  private finalFlush = false;
  private draining: Promise<void> | null = null;
  private stopped = false;
  private warnedNearlyFull = false;
  private readonly counters = { journaled: 0, drained: 0, databaseReachable: true, refused: 0 };

  constructor(
    private readonly db: Database,
    private readonly gatewayId: string,
    private readonly journal: Journal | null,
    private readonly log: Logger,
  ) {
    if (journal && !journal.isEmpty) this.wakeDrainer();
  }

  /** Whether live state waits to be written (the gateway then starts an empty batch). */
  liveStateDue(): boolean {
    return this.liveState.size > 0 && (this.finalFlush || Date.now() - this.liveStateWrittenAt >= LIVE_STATE_INTERVAL_MS);
  }

  /** Makes a batch durable; resolves once it is (then its messages may be acknowledged). */
  async store(messages: DeviceMessage[], deadLetters: DeadLetter[]): Promise<'database' | 'journal'> {
    const batch: IngestBatch = { gatewayId: this.gatewayId, messages, deadLetters };
    if (this.journal && !this.journal.isEmpty) return this.toJournal(batch);
    let withLiveState = this.finalFlush || Date.now() - this.liveStateWrittenAt >= LIVE_STATE_INTERVAL_MS;
    let stored = messages;
    try {
      try {
        await writeIngestBatch(this.db, { ...batch, assetStates: withLiveState ? this.liveStateWith(messages) : [] });
      } catch (error) {
        if (!isDataError(error)) throw error;
        withLiveState = false;
        const isolated = await this.storeIsolatingRefused(batch, error);
        stored = isolated.stored;
        // The fold holds what the upsert refused: start it afresh.
        if (isolated.liveStateRefused) this.liveState.clear();
      }
      this.counters.databaseReachable = true;
    } catch (error) {
      this.counters.databaseReachable = false;
      if (!this.journal || messages.length + deadLetters.length === 0) throw error;
      this.log.warn({ err: error }, 'edge: database write failed; journaling the batch');
      return this.toJournal(batch);
    }
    if (withLiveState) {
      this.liveState.clear();
      this.liveStateWrittenAt = Date.now();
    } else {
      this.liveState.add(stored);
    }
    return 'database';
  }

  /** From now on every batch carries the live state, so nothing folded is left unwritten. */
  flushLiveStateFromNowOn(): void {
    this.finalFlush = true;
  }

  /** Waits for the drainer to empty the journal (used at shutdown, and by tests). */
  async drained(): Promise<void> {
    while (this.draining) await this.draining;
  }

  stop(): void {
    this.stopped = true;
  }

  stats(): BatchStoreStats {
    return {
      ...this.counters,
      journalBatches: this.journal?.batches ?? 0,
      journalBytes: this.journal?.bytes ?? 0,
      journalFill: this.journal?.fill ?? 0,
    };
  }

  /**
   * Stores a batch the database refused for a data reason, without live state, finding the
   * messages it refuses; resolves to the messages stored, whose live state the caller folds,
   * or to none when what the database refused was the live state folded with them.
   */
  private async storeIsolatingRefused(part: BatchPart, refusal: unknown): Promise<{ stored: DeviceMessage[]; liveStateRefused: boolean }> {
    const refused = await storeIsolatingRefused(part, refusal, (piece) =>
      writeIngestBatch(this.db, { gatewayId: this.gatewayId, ...piece, assetStates: [] }),
    );
    this.counters.refused += refused.messages.length;
    if (refused.messages.length + refused.deadLetters === 0) {
      // Every row went in alone: what the database refused was the live state folded with
      // them. The rows are what must not be lost; that state is dropped, and logged.
      this.log.error(
        { err: refusal },
        'edge: the database refused the live state written with a batch; its rows are stored, that state is dropped',
      );
      return { stored: [], liveStateRefused: true };
    }
    this.log.warn(
      { err: refusal, refused: refused.messages.length, refusedDeadLetters: refused.deadLetters, batch: part.messages.length },
      'edge: the database refused messages the contract let through; they are dead letters, the rest of the batch is stored',
    );
    const refusedSet = new Set(refused.messages);
    return { stored: part.messages.filter((message) => !refusedSet.has(message)), liveStateRefused: false };
  }

  /** The fold with this batch's messages added, leaving the fold itself as it is until the write commits. */
  private liveStateWith(messages: DeviceMessage[]) {
    const fold = this.liveState.copy();
    fold.add(messages);
    return fold.rowsToWrite();
  }

  private toJournal(batch: IngestBatch): 'journal' {
    const journal = this.journal!;
    if (batch.messages.length + batch.deadLetters.length === 0) return 'journal';
    journal.append(batch); // throws when full: the batch stays unacknowledged, the broker keeps it
    this.counters.journaled += batch.messages.length + batch.deadLetters.length;
    if (journal.fill >= JOURNAL_NEARLY_FULL && !this.warnedNearlyFull) {
      this.warnedNearlyFull = true;
      this.log.error({ journal: journal.dir, bytes: journal.bytes, max: journal.maxBytes }, 'edge: journal nearly full');
    }
    this.wakeDrainer();
    return 'journal';
  }

  private wakeDrainer(): void {
    if (this.draining || this.stopped) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  /** Replays journaled batches oldest first until the journal is empty. */
  private async drain(): Promise<void> {
    const journal = this.journal!;
    for (let attempt = 0; !journal.isEmpty && !this.stopped;) {
      const oldest = journal.readOldest(DRAIN_MAX_MESSAGES);
      const messages = oldest.flatMap((entry) => entry.batch.messages);
      const deadLetters = oldest.flatMap((entry) => entry.batch.deadLetters);
      try {
        try {
          await writeIngestBatch(this.db, { gatewayId: this.gatewayId, messages, deadLetters });
        } catch (error) {
          if (!isDataError(error)) throw error;
          this.liveState.add((await this.storeIsolatingRefused({ messages, deadLetters }, error)).stored);
        }
        journal.remove(oldest);
        this.counters.drained += messages.length + deadLetters.length;
        this.counters.databaseReachable = true;
        attempt = 0;
      } catch (error) {
        this.counters.databaseReachable = false;
        attempt += 1;
        if (attempt === 1) this.log.warn({ err: error, backlog: journal.batches }, 'edge: database still unreachable; journal waits');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** Math.min(attempt, 6))));
      }
    }
    if (journal.fill < JOURNAL_NEARLY_FULL) this.warnedNearlyFull = false;
  }
}
