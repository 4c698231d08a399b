// Kiosk tokens as the admin's API shows them (GET/POST /api/auth/kiosk-tokens,
// DELETE /api/auth/kiosk-tokens/{id}): never the token itself once issued.
import Type from 'typebox';

export const KioskTokenName = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'the wall screen, e.g. quay-wall' });

export const KioskTokenSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** The admin who issued it. */
  issuedBy: Type.String(),
  /** Epoch ms. */
  createdAt: Type.Number(),
  /** Epoch ms. */
  expiresAt: Type.Number(),
  /** Epoch ms; null while it holds. */
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
});
export type KioskTokenSummary = Type.Static<typeof KioskTokenSummary>;
