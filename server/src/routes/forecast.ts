// The next hour at the inbound gate (issue 9 part 4): expected arrivals per quarter hour per
// lane and for the site, queue and wait with the lanes open now, and lane advice against the
// site's gate-wait target (docs/forecast.md).
import { Forecast, MAY } from '@porttwin/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { siteGateForecast } from '../forecast/gate-forecast';
import type { KpiSite } from '../kpis/kpi-summary';

export const forecastRoutes: FastifyPluginAsyncTypebox<{ kpiSite: KpiSite }> = async (app, options) => {
  app.get(
    '/api/forecast',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: {
        tags: ['kpis'],
        summary:
          'Next-hour inbound arrivals per 15 min per lane and for the site, the expected queue and wait with the lanes open now, and lane advice',
        querystring: Type.Object({
          horizonMin: Type.Optional(
            Type.Integer({ minimum: 15, maximum: 240, default: 60, description: 'minutes ahead, rounded up to whole quarter hours' }),
          ),
        }),
        response: { 200: Forecast },
      },
    },
    async (request) => siteGateForecast(app.apiDb, options.kpiSite, Date.now(), request.query.horizonMin ?? 60),
  );
};
