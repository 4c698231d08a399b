// The periodic job that deletes dead letters older than PORTTWIN_DEAD_LETTER_RETENTION_DAYS,
// so a device sending garbage cannot fill the database (issue 8, part 8).
import { type Database, deleteDeadLettersBefore } from '@porttwin/db';
import type { FastifyBaseLogger } from 'fastify';

export interface DeadLetterRetentionOptions {
  db: Database;
  retentionDays: number;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
  /** How often to look (default hourly); the first look is at start. */
  intervalMs?: number;
}

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

/** Starts the job; stop() ends it and waits for a run in progress. */
export function startDeadLetterRetention(options: DeadLetterRetentionOptions): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return; // a slow delete is not stacked on by the next tick
    const cutoff = Date.now() - options.retentionDays * DAY_MS;
    running = deleteDeadLettersBefore(options.db, cutoff)
      .then(
        (deleted) => {
          if (deleted > 0)
            options.log.info(
              { deleted, before: new Date(cutoff).toISOString() },
              `server: deleted ${deleted} dead letters older than ${options.retentionDays} days`,
            );
        },
        (error: Error) => options.log.error({ err: error }, 'server: cannot delete old dead letters; trying again at the next interval'),
      )
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? HOUR_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
