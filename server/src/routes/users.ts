// Users, managed by admins: list, create, change role and/or password, delete. Passwords meet
// the policy (auth/password-policy.ts) and are stored as scrypt hashes; the last admin can be
// neither demoted nor deleted. Every change is audited.
import { MAY, Username, UserRole, UserSummary } from '@porttwin/contracts';
import { changeUser, createUser, deleteUser, findUserRow, listUsers } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { passwordProblem } from '../auth/password-policy';
import { hashPassword } from '../auth/passwords';
import { LastAdminError, NotFoundError, UserExistsError, WeakPasswordError } from '../errors';

/** Long enough for the policy to answer a too-long password in words rather than the schema. */
const Password = Type.String({ minLength: 1, maxLength: 1024, description: '12 to 128 characters, not the user name, not a common one' });

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const manageUsers = app.requireRole(...MAY.manageUsers);

  function checkPassword(username: string, password: string): void {
    const problem = passwordProblem(username, password);
    if (problem) throw new WeakPasswordError(problem);
  }

  app.get(
    '/api/users',
    {
      onRequest: manageUsers,
      schema: { tags: ['users'], summary: 'Every user and their role (admin)', response: { 200: Type.Array(UserSummary) } },
    },
    // Kiosk is never a user's role (the CHECK allows it for older rows; none are made).
    async () => (await listUsers(app.db)).filter((user): user is UserSummary => user.role !== 'kiosk'),
  );

  app.post(
    '/api/users',
    {
      onRequest: manageUsers,
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin); 409 when the name is taken, 400 PT_WEAK_PASSWORD naming the rule a password breaks',
        body: Type.Object({ username: Username, password: Password, role: UserRole }, { additionalProperties: false }),
        response: { 201: UserSummary },
      },
    },
    async (request, reply) => {
      const { username, password, role } = request.body;
      checkPassword(username, password);
      if (!(await createUser(app.db, { username, passwordHash: await hashPassword(password), role }))) throw new UserExistsError(username);
      app.sessions.forgetUser(username);
      const created = await findUserRow(app.db, username);
      if (!created) throw new NotFoundError(`user ${username}`);
      await app.audit(request, { action: 'user.create', subject: username, detail: { role } });
      return reply.code(201).send({ ...created, role });
    },
  );

  app.patch(
    '/api/users/:username',
    {
      onRequest: manageUsers,
      schema: {
        tags: ['users'],
        summary: "Change a user's role and/or password (admin); 409 PT_LAST_ADMIN for the last admin's demotion",
        params: Type.Object({ username: Username }),
        body: Type.Object(
          { role: Type.Optional(UserRole), password: Type.Optional(Password) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserSummary },
      },
    },
    async (request) => {
      const { username } = request.params;
      const { role, password } = request.body;
      if (password !== undefined) checkPassword(username, password);
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      const { outcome, before } = await changeUser(app.db, username, {
        ...(role !== undefined ? { role } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
      });
      if (outcome === 'not-found' || !before) throw new NotFoundError(`user ${username}`);
      if (outcome === 'last-admin') throw new LastAdminError(username);
      // A new password ends the user's other sessions (whoever knew the old one is out); a new
      // role holds at their next request, and their open sockets move to its plate group.
      if (password !== undefined) await app.sessions.endAllOf(username, 'user-changed', request.session!.id);
      app.sessions.forgetUser(username);
      if (role !== undefined) app.regroupUserSockets(username, role);
      await app.audit(request, {
        action: 'user.change',
        subject: username,
        detail: {
          ...(role !== undefined ? { role: { from: before.role, to: role } } : {}),
          ...(password !== undefined ? { password: 'changed' } : {}),
        },
      });
      return { username, role: (role ?? before.role) as UserRole, createdAt: before.createdAt };
    },
  );

  app.delete(
    '/api/users/:username',
    {
      onRequest: manageUsers,
      schema: {
        tags: ['users'],
        summary: 'Delete a user (admin); 409 PT_LAST_ADMIN for the last admin',
        params: Type.Object({ username: Username }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { username } = request.params;
      const { outcome, before } = await deleteUser(app.db, username);
      if (outcome === 'not-found' || !before) throw new NotFoundError(`user ${username}`);
      if (outcome === 'last-admin') throw new LastAdminError(username);
      // Ended, not only refused: a user created again under the name starts with no session.
      await app.sessions.endAllOf(username, 'user-changed');
      app.regroupUserSockets(username, null);
      await app.audit(request, { action: 'user.delete', subject: username, detail: { role: before.role } });
      return reply.code(204).send(null);
    },
  );
};
