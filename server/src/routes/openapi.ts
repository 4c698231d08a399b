// The OpenAPI document, generated from the same route schemas that validate requests.
import { MAY } from '@porttwin/contracts';
import type { FastifyPluginAsync } from 'fastify';

export const openapiRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/openapi.json', { onRequest: app.requireRole(...MAY.readLive), schema: { hide: true } }, async () => app.swagger());
};
