// The audit log's one way in: app.audit(request, action, subject?, detail?) writes who (the
// session's user), from where (the client address), what and to what. A feature that audits
// something (alert ack/assign/resolve, playbook steps, rule changes, plate look-ups) adds its
// action to contracts' AUDIT_ACTIONS and one such line. The table refuses UPDATE and DELETE
// (db/migrations/007_roles_audit.sql).
import type { AuditAction } from '@porttwin/contracts';
import { appendAudit } from '@porttwin/db';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Appends a line to the audit log; `username` stands in for the session's (a sign-in's name tried). */
    audit(request: FastifyRequest, entry: { action: AuditAction; subject?: string; detail?: object; username?: string }): Promise<void>;
  }
}

export const auditPlugin = fp(
  async (app) => {
    app.decorate(
      'audit',
      async (request: FastifyRequest, entry: { action: AuditAction; subject?: string; detail?: object; username?: string }) => {
        await appendAudit(app.db, {
          username: entry.username ?? request.session?.username ?? '(none)',
          action: entry.action,
          ...(entry.subject !== undefined ? { subject: entry.subject } : {}),
          detail: { address: request.ip, ...entry.detail },
        });
      },
    );
  },
  { name: 'porttwin-audit', dependencies: ['porttwin-database'] },
);
