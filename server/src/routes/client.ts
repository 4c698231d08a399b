// The built console: its files and the app shell, both served signed out (they hold no data;
// the data comes from the API once signed in), and the not-found answer for everything else.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { NoRouteError } from '../errors';

export interface ClientOptions {
  clientDir: string;
}

/** Paths the console may route itself: plain words, nothing encoded, dotted or doubled. */
const CLIENT_ROUTE = /^(?:\/[A-Za-z0-9_-]+)*\/?$/;
/** Prefixes that belong to the server, never to the console. */
const SERVER_PATH = /^\/(?:api|metrics|socket\.io)(?:\/|$)/i;

/**
 * Whether an unmatched request gets the app shell rather than a 404. A whitelist on the raw
 * target: an odd spelling of an API path (`/%61pi/…`, `//api/…`, `/x/../api/…`) gets a 404,
 * not a page that looks like the console answered.
 */
function isClientRoute(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return CLIENT_ROUTE.test(path) && !SERVER_PATH.test(path);
}

export const clientRoutes = fp<ClientOptions>(
  async (app, { clientDir }) => {
    const built = existsSync(join(clientDir, 'index.html'));
    // reply.sendFile for the not-found handler, which lives here at the root; no routes.
    if (built) await app.register(fastifyStatic, { root: clientDir, serve: false });

    // A scope of its own, so that marking its routes public marks nothing else.
    await app.register(async (files) => {
      files.addHook('onRoute', (route) => {
        route.config = { ...route.config, public: true };
      });
      if (!built) {
        files.get('/', async (_request, reply) =>
          reply.type('text/plain').send('The console is not built yet: run `pnpm build:client`, then reload.'),
        );
        return;
      }
      // @fastify/static refuses a non-canonical path (`//api/…`, `/x/../api/…`) with a 403; it
      // names no file of ours, so it gets the same answer as any other unknown path.
      files.setErrorHandler(async (error: { code?: string }, _request, reply) => {
        if (error.code === 'FST_STATIC_FORBIDDEN_PATH') return reply.callNotFound();
        throw error;
      });
      // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
      await files.register(fastifyStatic, { root: clientDir, decorateReply: false });
    });

    // Client-side routes fall back to the app shell; anything else, the API's included, is a 404.
    app.setNotFoundHandler(async (request, reply) => {
      const shell = built && (request.method === 'GET' || request.method === 'HEAD') && isClientRoute(request.url);
      if (shell) return reply.sendFile('index.html');
      throw new NoRouteError(request.method, request.url.split('?')[0]);
    });
  },
  { name: 'porttwin-client', dependencies: ['porttwin-auth'] },
);
