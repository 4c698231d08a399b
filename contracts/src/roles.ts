// The roles a user holds: what they may see and do (kiosk: read-only wall screens). The
// users table's CHECK (db/migrations/003_auth.sql) lists the same names.
import Type from 'typebox';

export const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('supervisor'),
  Type.Literal('operator'),
  Type.Literal('engineer'),
  Type.Literal('kiosk'),
]);
export type Role = Type.Static<typeof Role>;
