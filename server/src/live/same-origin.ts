// socket.io handshakes from another site's page are refused (cross-site WebSocket hijacking):
// a browser always says which page opened a connection (Origin), and no CORS rule guards a
// WebSocket. A client that names no origin is not a browser and proves itself by its token.
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a handshake may go on: no Origin, or one whose host (and port) is the host the
 * request was sent to. A reverse proxy in front must pass the Host header through.
 */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  const host = headers.host?.toLowerCase();
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a file) and anything malformed
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
}
