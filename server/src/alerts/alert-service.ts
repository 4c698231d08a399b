// What routes and sockets ask of alerts: rows turned into the API's shape with their playbook
// steps, and a console's snapshot — every open alert, and what changed since it last heard.
import type { Alert } from '@porttwin/contracts';
import { type AlertRow, alertSteps, type Database, listAlertsChangedSince } from '@porttwin/db';
import type { AlertEngine } from './alert-engine';
import { alertView } from './alert-view';

declare module 'fastify' {
  interface FastifyInstance {
    /** The alert engine and the alerts' API shape (plugins/alerts.ts). */
    alerts: AlertService;
  }
}

export class AlertService {
  constructor(
    private readonly db: Database,
    readonly engine: AlertEngine,
  ) {}

  /** Rows as the API gives them, with their playbooks' steps. */
  async present(rows: AlertRow[], seesPlates: boolean): Promise<Alert[]> {
    const steps = await alertSteps(
      this.db,
      rows.map((row) => row.id),
    );
    return rows.map((row) => alertView(row, this.engine.playbook(row.type), steps.get(row.id) ?? [], seesPlates));
  }

  /** The open alerts, and (for a console that reconnects) every alert changed after `since`. */
  async snapshot(since: number | null, seesPlates: boolean): Promise<Alert[]> {
    const rows = new Map(this.engine.openAlerts().map((row) => [row.id, row]));
    if (since !== null) for (const row of await listAlertsChangedSince(this.db, since)) rows.set(row.id, row);
    return this.present([...rows.values()], seesPlates);
  }

  /** A person changed an alert: the engine keeps in step and the consoles are told. */
  changed(row: AlertRow): void {
    this.engine.changed(row);
  }
}
