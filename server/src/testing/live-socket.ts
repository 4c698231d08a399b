// A real socket.io client on a listening test server, signed in by a token (`auth`) or the
// session cookie: resolves once the snapshot arrives, or to the server's refusal.
import { io, type Socket } from 'socket.io-client';

export type LiveSocketAnswer = { socket: Socket } | { refused: string };

export function connectLive(port: number, credential: { token?: string; cookie?: string }, opened: Socket[]): Promise<LiveSocketAnswer> {
  const socket = io(`http://127.0.0.1:${port}`, {
    ...(credential.token ? { auth: { token: credential.token } } : {}),
    ...(credential.cookie ? { extraHeaders: { cookie: credential.cookie } } : {}),
    transports: ['websocket'],
    reconnection: false,
  });
  // The caller closes what it opened, refused or not, after its tests.
  opened.push(socket);
  return new Promise((resolve) => {
    socket.once('snapshot', () => resolve({ socket }));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ refused: error.message });
    });
  });
}
