// Coded errors of the database package; messages start with "db:".

export class DatabaseError extends Error {
  constructor(
    readonly code: 'DB_MIGRATION_FAILED' | 'DB_MIGRATION_CHANGED' | 'DB_UNREACHABLE' | 'DB_STATEMENT_TIMEOUT',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`db: ${message}`, options);
    this.name = 'DatabaseError';
  }
}

// SQLSTATE classes in which the database refused the data itself: 22 data exception (a value
// out of range, an unstorable character), 23 integrity constraint, 54 program limit (a value
// too deep or too large). Retrying such a statement fails again; a connection error (08, 57P,
// no code) may pass on the next try.
const DATA_ERROR_CLASSES = new Set(['22', '23', '54']);

/** The SQLSTATE of a database error (or of its cause), when it has one. */
export function sqlState(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** Whether the database refused the data of a statement, rather than failed to run it. */
export function isDataError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== null && DATA_ERROR_CLASSES.has(state.slice(0, 2));
}
