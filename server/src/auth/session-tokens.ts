// Stateless session and kiosk tokens: a signed {user, role, expiry, kiosk id}, verifiable by any
// server of the deployment because the signing secret lives in the shared database.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '@porttwin/contracts';

export interface Session {
  username: string;
  role: Role;
  /** Epoch ms. */
  expiresAt: number;
  /** A kiosk token's id in the kiosk_tokens table, so it can be revoked. */
  kioskId?: string;
}

export class SessionTokens {
  constructor(private readonly secret: string) {}

  issue(session: Session): string {
    const claims = { u: session.username, r: session.role, e: session.expiresAt, ...(session.kioskId ? { k: session.kioskId } : {}) };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `v1.${body}.${this.sign(body)}`;
  }

  /** The session a token carries, or null when it is forged, malformed or expired. */
  verify(token: string, now = Date.now()): Session | null {
    const [version, body, signature] = token.split('.');
    if (version !== 'v1' || !body || !signature) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const { u, r, e, k } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { u: string; r: Role; e: number; k?: string };
      if (!(e > now)) return null;
      return typeof k === 'string' ? { username: u, role: r, expiresAt: e, kioskId: k } : { username: u, role: r, expiresAt: e };
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
