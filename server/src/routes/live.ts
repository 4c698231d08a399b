// The site layout and the live state of assets; a truck tracker's plate comes masked to roles
// without MAY.seePlates.
import { AssetId, AssetState, MAY, SiteLayout } from '@porttwin/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { NotFoundError } from '../errors';
import { maskAssetPlate } from '../live/plate-masking';

export const liveRoutes: FastifyPluginAsyncTypebox<{ site: SiteLayout }> = async (app, { site }) => {
  app.get(
    '/api/site',
    { onRequest: app.requireRole(...MAY.readLive), schema: { tags: ['live'], summary: 'The site layout', response: { 200: SiteLayout } } },
    async () => site,
  );

  app.get(
    '/api/assets',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: { tags: ['live'], summary: 'Live state of every asset heard from', response: { 200: Type.Array(AssetState) } },
    },
    async (request) => {
      const assets = app.assetFeed.all();
      return app.seesPlates(request) ? assets : assets.map(maskAssetPlate);
    },
  );

  app.get(
    '/api/assets/:id',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: {
        tags: ['live'],
        summary: 'Live state of one asset',
        params: Type.Object({ id: AssetId }),
        response: { 200: AssetState },
      },
    },
    async (request) => {
      const asset = app.assetFeed.get(request.params.id);
      if (!asset) throw new NotFoundError(`asset ${request.params.id}`);
      return app.seesPlates(request) ? asset : maskAssetPlate(asset);
    },
  );
};
