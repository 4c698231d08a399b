// Who sees plates in the clear, and the one way to look trucks up by plate (issue 8, part 6).
// A route that filters by plate (events now, journeys later) calls app.auditPlateLookup first.
import { may } from '@porttwin/contracts';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthorizedError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether the request's role sees plates in the clear (MAY.seePlates); the rest get them masked. */
    seesPlates(request: FastifyRequest): boolean;
    /**
     * Refuses (403) a look-up by plate from a role that may not see plates, then writes
     * `plate.lookup` (the plate, the route) to the audit log — before the query runs, so a
     * look-up is on record whether it finds anything or not.
     */
    auditPlateLookup(request: FastifyRequest, plate: string): Promise<void>;
  }
}

export const platesPlugin = fp(
  async (app) => {
    app.decorate('seesPlates', (request: FastifyRequest) => request.session !== null && may(request.session.role, 'seePlates'));
    app.decorate('auditPlateLookup', async (request: FastifyRequest, plate: string) => {
      const role = request.session?.role;
      if (!role) throw new UnauthorizedError();
      if (!may(role, 'seePlates'))
        throw new ForbiddenError(role, `look trucks up by plate (${request.method} ${request.routeOptions.url})`);
      await app.audit(request, {
        action: 'plate.lookup',
        subject: plate,
        detail: { route: `${request.method} ${request.routeOptions.url}` },
      });
    });
  },
  { name: 'porttwin-plates', dependencies: ['porttwin-auth', 'porttwin-audit'] },
);
