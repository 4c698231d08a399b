// The audit log's entries (issue 8): who did what, to what, when and from where. A feature
// that audits something new adds its action here, and one app.audit(...) line where it acts.
import Type from 'typebox';

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in.failed',
  'sign-out',
  'kiosk-session.open',
  'kiosk-session.refused',
  'user.create',
  'user.change',
  'user.delete',
  'kiosk-token.issue',
  'kiosk-token.revoke',
  'device-credential.issue',
  'publisher-credential.issue',
  'plate.lookup',
  'alert.acknowledge',
  'alert.assign',
  'alert.resolve',
  'alert.step',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = Type.Object({
  id: Type.Number(),
  /** Epoch ms. */
  at: Type.Number(),
  /** Who acted: the signed-in user, or for a sign-in the name tried. */
  username: Type.String(),
  action: Type.String(),
  /** What it was done to (a user, a credential's user name), when anything. */
  subject: Type.Union([Type.String(), Type.Null()]),
  /** The client address, and what the action changed (never a secret). */
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Type.Static<typeof AuditEntry>;
