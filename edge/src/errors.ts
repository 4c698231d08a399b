// Coded errors of the edge gateway; messages start with "edge:".

export class EdgeError extends Error {
  constructor(
    readonly code:
      'EDGE_BROKER_UNREACHABLE' | 'EDGE_CONFIG_INVALID' | 'EDGE_SITE_FILE_INVALID' | 'EDGE_JOURNAL_FULL' | 'EDGE_SUBSCRIBE_REFUSED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`edge: ${message}`, options);
    this.name = 'EdgeError';
  }
}
