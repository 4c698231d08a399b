// Coded errors of the database package; messages start with "db:".

export class DatabaseError extends Error {
  constructor(
    readonly code: 'DB_MIGRATION_FAILED' | 'DB_MIGRATION_CHANGED' | 'DB_UNREACHABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`db: ${message}`, options);
    this.name = 'DatabaseError';
  }
}
