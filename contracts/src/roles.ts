// The roles a user holds, and what each may do (issue 8; the matrix in README.md). The
// users table's CHECK (db/migrations/007_roles_audit.sql) lists the same names. Kiosk is a
// wall screen's token: it reads, and nothing else.
import Type from 'typebox';

export const Role = Type.Union([
  Type.Literal('viewer'),
  Type.Literal('operator'),
  Type.Literal('supervisor'),
  Type.Literal('engineer'),
  Type.Literal('admin'),
  Type.Literal('kiosk'),
]);
export type Role = Type.Static<typeof Role>;
/** Every role, in the order the README's matrix lists them. */
export const ROLES = ['viewer', 'operator', 'supervisor', 'engineer', 'admin', 'kiosk'] as const satisfies readonly Role[];

const EVERYONE = ROLES;

/**
 * Who may do what: the one table the server's routes take their `requireRole` from and the
 * README's role matrix describes. Admin may do everything.
 */
export const MAY = {
  /** One's own session: asking who one is signed in as, signing out. */
  ownSession: EVERYONE,
  /** The site layout, live state, KPIs, journeys, alerts as a list; socket.io's live state. */
  readLive: EVERYONE,
  /** Recorded telemetry and events, and replay. */
  readHistory: EVERYONE,
  /** Messages that broke the device contract, and the ingest metrics: diagnosing devices. */
  readDiagnostics: ['engineer', 'supervisor', 'admin'],
  /**
   * Licence plates in the clear (personal data, issue 8): in events, live state and history,
   * and looking trucks up by plate. Everyone else who reads gets them masked (maskPlate).
   */
  seePlates: ['operator', 'supervisor', 'engineer', 'admin'],
  /** Bulk data out of the building (CSV export). */
  exportData: ['engineer', 'supervisor', 'admin'],
  /** Acknowledging an alert: the operator who sees it first, or the supervisor. */
  acknowledgeAlerts: ['operator', 'supervisor', 'admin'],
  /** Assigning and resolving alerts, and working a playbook's steps: the shift supervisor. */
  handleAlerts: ['supervisor', 'admin'],
  /** Thresholds and alert rules. */
  changeRules: ['engineer', 'admin'],
  /** Users and their roles. */
  manageUsers: ['admin'],
  /** Kiosk tokens, device and publisher MQTT credentials. */
  issueCredentials: ['admin'],
  /** The audit log. */
  readAudit: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof MAY;

/** Whether a role may do something (admin always may). */
export function may(role: Role, permission: Permission): boolean {
  return role === 'admin' || (MAY[permission] as readonly Role[]).includes(role);
}
