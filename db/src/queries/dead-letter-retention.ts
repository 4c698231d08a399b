// Dead letters are kept for a while, not for good (issue 8, part 8): a hostile or broken
// device can write them as fast as the gateway takes messages. dead_letters is a plain table on
// TimescaleDB too (001), so old rows are deleted here rather than by a retention policy (005).
import type { Queryable } from '../database';

/** Rows deleted per statement: a large backlog goes in short transactions, never one long lock. */
const DELETE_CHUNK = 10_000;

/** Deletes dead letters received before the cutoff (epoch ms); returns how many. */
export async function deleteDeadLettersBefore(db: Queryable, cutoffMs: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rows } = await db.query<{ count: number }>(
      `WITH gone AS (
         DELETE FROM dead_letters WHERE id IN (
           SELECT id FROM dead_letters WHERE received_at < to_timestamp($1 / 1000.0) ORDER BY received_at LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS count FROM gone`,
      [cutoffMs, DELETE_CHUNK],
    );
    const count = Number(rows[0]?.count ?? 0);
    deleted += count;
    if (count < DELETE_CHUNK) return deleted;
  }
}
