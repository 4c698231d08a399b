// Talks to a running console the way the browser does: sign in, REST with the token,
// and a socket.io client on the live stream.
import type { AssetState, ClientToServerEvents, ConsoleSnapshot, ServerToClientEvents } from '@porttwin/contracts';
import { io, type Socket } from 'socket.io-client';

export async function signIn(url: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface LiveStream {
  snapshot: ConsoleSnapshot;
  /** Every asset state received after the snapshot, in order. */
  updates: AssetState[];
  close(): void;
}

export async function openLiveStream(url: string, token: string): Promise<LiveStream> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { auth: { token }, transports: ['websocket'] });
  const updates: AssetState[] = [];
  socket.on('assets', (changes) => updates.push(...changes));
  const snapshot = await new Promise<ConsoleSnapshot>((resolve, reject) => {
    socket.once('snapshot', resolve);
    socket.once('connect_error', reject);
  });
  return { snapshot, updates, close: () => socket.close() };
}
