// Security headers on every answer (@fastify/helmet, OWASP ASVS 14.4), with a Content
// Security Policy the built console works under: its own scripts, styles and socket.io
// connection only; WebGL needs no source; three.js may load textures from data: and blob:
// URLs and run blob: workers. API answers are never cached.
import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** The console's policy; tested in Chromium against the real console (test/browser). */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // React and drei set styles through the CSSOM, which a policy does not govern; no inline <style>.
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  // 'self' covers ws: and wss: to the page's own host and port (CSP Level 3), where socket.io connects.
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Paths of the server's own answers (not the console's files), which carry data. */
const DATA_ROUTE = /^\/(?:api|metrics)(?:\/|$)/;

export const securityHeadersPlugin = fp(
  async (app) => {
    await app.register(fastifyHelmet, {
      // Not helmet's defaults: those add upgrade-insecure-requests, which sends a console served
      // over plain HTTP on the port's network to https for its own files, and allow inline styles.
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      frameguard: { action: 'deny' },
      // Besides the usual: a kiosk URL carries its token (/?kiosk=…); no Referer may take it along.
      referrerPolicy: { policy: 'no-referrer' },
    });
    app.addHook('onRequest', async (request, reply) => {
      if (DATA_ROUTE.test(request.routeOptions.url ?? '')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'porttwin-security-headers' },
);
