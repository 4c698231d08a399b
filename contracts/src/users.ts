// Users as the admin's API shows them (GET/POST /api/users, PATCH/DELETE /api/users/{username}).
import Type from 'typebox';

/** Roles a signed-in person may hold; kiosk is only ever a token (POST /api/auth/kiosk-tokens). */
export const UserRole = Type.Union([
  Type.Literal('viewer'),
  Type.Literal('operator'),
  Type.Literal('supervisor'),
  Type.Literal('engineer'),
  Type.Literal('admin'),
]);
export type UserRole = Type.Static<typeof UserRole>;

export const Username = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'letters, digits, dot, underscore, hyphen' });

export const UserSummary = Type.Object({
  username: Type.String(),
  role: UserRole,
  /** Epoch ms. */
  createdAt: Type.Number(),
});
export type UserSummary = Type.Static<typeof UserSummary>;
