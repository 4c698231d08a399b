// MQTT credentials for devices and site publishers, issued from the device registry (admin
// only). The password is in the answer once and nowhere else: the registry keeps its hashes.
import { AssetId, IssuedCredential, MAY, SiteId, type SiteLayout } from '@porttwin/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { issueDeviceCredential, issuePublisherCredential, PUBLISHER_NAME_RULE } from '../devices/credentials';
import { NotFoundError } from '../errors';

export const deviceRoutes: FastifyPluginAsyncTypebox<{ site: SiteLayout }> = async (app, { site }) => {
  app.post(
    '/api/devices/:assetId/credentials',
    {
      onRequest: app.requireRole(...MAY.issueCredentials),
      schema: {
        tags: ['devices'],
        summary:
          'MQTT credentials for one device of the site layout: it may publish only under porttwin/v1/{site}/{kind}/{assetId}/. Shown once; issuing again replaces the password',
        params: Type.Object({ assetId: AssetId }),
        response: { 200: IssuedCredential },
      },
    },
    async (request, reply) => {
      const asset = site.assets.find((candidate) => candidate.id === request.params.assetId);
      if (!asset) throw new NotFoundError(`asset ${request.params.assetId} in the site layout`);
      const credential = await issueDeviceCredential(app.db, { site: site.site, kind: asset.kind, assetId: asset.id });
      await app.audit(request, { action: 'device-credential.issue', subject: credential.username });
      return reply.header('cache-control', 'no-store').send(credential);
    },
  );

  app.post(
    '/api/sites/:site/publisher-credentials',
    {
      onRequest: app.requireRole(...MAY.issueCredentials),
      schema: {
        tags: ['devices'],
        summary:
          'MQTT credentials that publish every device topic of the site (the simulator, a bridge). Shown once; issuing a name again replaces its password',
        params: Type.Object({ site: SiteId }),
        querystring: Type.Object({
          name: Type.Optional(
            Type.String({ pattern: `^${PUBLISHER_NAME_RULE}$`, description: 'whom it is for (default: random); part of the user name' }),
          ),
        }),
        response: { 200: IssuedCredential },
      },
    },
    async (request, reply) => {
      if (request.params.site !== site.site) throw new NotFoundError(`site ${request.params.site}`);
      const credential = await issuePublisherCredential(app.db, site.site, request.query.name);
      await app.audit(request, { action: 'publisher-credential.issue', subject: credential.username });
      return reply.header('cache-control', 'no-store').send(credential);
    },
  );
};
