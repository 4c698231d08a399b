// Sends one HTTP/1.1 request line exactly as written, over a plain socket: fetch and
// app.inject normalise the request target, and the spellings they fold are the ones to test.
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  method: string;
  /** The request target, byte for byte: `/%61pi/assets`, `http://x/api/assets`, `//api`… */
  target: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request on its own connection (Connection: close), the answer read to the end. */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  const body = request.body ?? '';
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, connection: 'close', ...request.headers };
  if (body) headers['content-length'] = String(Buffer.byteLength(body));
  const head = [`${request.method} ${request.target} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks), request));
      } catch (error) {
        reject(error);
      }
    });
    // write, not end: a half-closed socket can make the server drop a streamed answer.
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}

function parseResponse(bytes: Buffer, request: RawRequest): RawResponse {
  const split = bytes.indexOf('\r\n\r\n');
  if (split === -1) throw new Error(`no HTTP response to ${request.method} ${request.target}: ${JSON.stringify(bytes.toString())}`);
  const [statusLine = '', ...headerLines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const raw = bytes.subarray(split + 4);
  return { status, headers, body: (headers['transfer-encoding'] === 'chunked' ? unchunk(raw) : raw).toString('utf8') };
}

/** Chunk sizes count bytes, so the body is taken apart as bytes, not characters. */
function unchunk(raw: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) return Buffer.concat(chunks);
    chunks.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
