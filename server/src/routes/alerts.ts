// Alerts (issue 10): the list and one alert with its history for everyone who reads the live
// state; acknowledging for operators and supervisors, assigning, resolving and working the
// playbook for supervisors (contracts' MAY). Each action is audited and pushed to the consoles.
import { Alert, AlertHistoryEntry, AlertSeverity, MAY, Username } from '@porttwin/contracts';
import {
  acknowledgeAlert,
  alertHistory,
  type AlertRow,
  assignAlert,
  findUser,
  getAlert,
  listAlerts,
  resolveAlert,
  tickAlertStep,
} from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AlertStateError, BadAlertRequestError, BadRangeError, NotFoundError } from '../errors';
import { DEFAULT_ROWS } from '../limits';
import { parseTime, TimeRangeQuery } from './time-range';

const AlertParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, description: 'the alert id' }) });
const AlertStateQuery = Type.Union(
  [Type.Literal('raised'), Type.Literal('acknowledged'), Type.Literal('resolved'), Type.Literal('open'), Type.Literal('all')],
  { default: 'open', description: 'open = raised or acknowledged' },
);

export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The alert after a person's action: pushed to the consoles, audited, given back. */
  async function acted(request: FastifyRequest, row: AlertRow, action: 'acknowledge' | 'assign' | 'resolve' | 'step', detail: object) {
    app.alerts.changed(row);
    await app.audit(request, {
      action: `alert.${action}`,
      subject: String(row.id),
      detail: { rule: row.rule, assetId: row.assetId, ...detail },
    });
    const [alert] = await app.alerts.present([row], app.seesPlates(request));
    return alert!;
  }

  /** Why an action found the alert in no state for it: gone, or its present state. */
  async function refusal(id: number, wanted: string): Promise<Error> {
    const alert = await getAlert(app.apiDb, id);
    return alert ? new AlertStateError(id, alert.state, wanted) : new NotFoundError(`alert ${id}`);
  }

  app.get(
    '/api/alerts',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: {
        tags: ['alerts'],
        summary: 'Alerts raised in [from, to) (default: any time) in a state (default open), optionally of one severity; newest first',
        querystring: Type.Object({ ...TimeRangeQuery, state: Type.Optional(AlertStateQuery), severity: Type.Optional(AlertSeverity) }),
        response: { 200: Type.Array(Alert) },
      },
    },
    async (request) => {
      const { state, severity, limit } = request.query;
      const to = parseTime('to', request.query.to, Date.parse('9999-12-31T23:59:59.999Z'));
      const from = parseTime('from', request.query.from, 0);
      if (from >= to) throw new BadRangeError(`from must be before to (from=${request.query.from}, to=${request.query.to})`);
      const rows = await listAlerts(app.apiDb, { from, to, limit: limit ?? DEFAULT_ROWS }, { state: state ?? 'open', severity });
      return app.alerts.present(rows, app.seesPlates(request));
    },
  );

  app.get(
    '/api/alerts/:id',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: {
        tags: ['alerts'],
        summary: 'One alert with its history, oldest first',
        params: AlertParams,
        response: { 200: Type.Intersect([Alert, Type.Object({ history: Type.Array(AlertHistoryEntry) })]) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const row = await getAlert(app.apiDb, id);
      if (!row) throw new NotFoundError(`alert ${id}`);
      const [alert] = await app.alerts.present([row], app.seesPlates(request));
      return { ...alert!, history: await alertHistory(app.apiDb, id) };
    },
  );

  app.post(
    '/api/alerts/:id/ack',
    {
      onRequest: app.requireRole(...MAY.acknowledgeAlerts),
      schema: { tags: ['alerts'], summary: 'Acknowledges a raised alert (audited)', params: AlertParams, response: { 200: Alert } },
    },
    async (request) => {
      const { id } = request.params;
      const row = await acknowledgeAlert(app.db, id, request.session!.username, Date.now());
      if (!row) throw await refusal(id, 'only a raised alert is acknowledged');
      return acted(request, row, 'acknowledge', {});
    },
  );

  app.post(
    '/api/alerts/:id/assign',
    {
      onRequest: app.requireRole(...MAY.handleAlerts),
      schema: {
        tags: ['alerts'],
        summary: 'Gives an open alert to a user (audited)',
        params: AlertParams,
        body: Type.Object({ assignee: Username }, { additionalProperties: false }),
        response: { 200: Alert },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { assignee } = request.body;
      if (!(await findUser(app.apiDb, assignee))) throw new BadAlertRequestError(`body/assignee: no user "${assignee}"`);
      const row = await assignAlert(app.db, id, assignee, request.session!.username, Date.now());
      if (!row) throw await refusal(id, 'a resolved alert is not assigned');
      return acted(request, row, 'assign', { assignee });
    },
  );

  app.post(
    '/api/alerts/:id/resolve',
    {
      onRequest: app.requireRole(...MAY.handleAlerts),
      schema: {
        tags: ['alerts'],
        summary: 'Resolves an open alert by hand, with a note of what was done (audited)',
        params: AlertParams,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Alert },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { note } = request.body;
      const row = await resolveAlert(app.db, id, request.session!.username, Date.now(), note);
      if (!row) throw await refusal(id, 'it is resolved already');
      return acted(request, row, 'resolve', { note });
    },
  );

  app.post(
    '/api/alerts/:id/steps/:n',
    {
      onRequest: app.requireRole(...MAY.handleAlerts),
      schema: {
        tags: ['alerts'],
        summary: "Ticks step n (from 1) of an open alert's playbook, recording who and when (audited)",
        params: Type.Object({ ...AlertParams.properties, n: Type.Integer({ minimum: 1, maximum: 100, description: 'the step, from 1' }) }),
        response: { 200: Alert },
      },
    },
    async (request) => {
      const { id, n } = request.params;
      const alert = await getAlert(app.apiDb, id);
      if (!alert) throw new NotFoundError(`alert ${id}`);
      const steps = app.alerts.engine.playbook(alert.type).length;
      if (n > steps)
        throw new BadAlertRequestError(
          `params/n: alert ${id} (${alert.type}) has ${steps === 0 ? 'no playbook' : `${steps} steps`}; there is no step ${n}`,
        );
      const row = await tickAlertStep(app.db, id, n, request.session!.username, Date.now());
      if (!row)
        throw new AlertStateError(
          id,
          alert.state === 'resolved' ? 'resolved' : `${alert.state} with step ${n} ticked already`,
          'a step is ticked once, on an open alert',
        );
      return acted(request, row, 'step', { step: n });
    },
  );
};
