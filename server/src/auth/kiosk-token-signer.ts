// Kiosk tokens: a signed {name, expiry, id} for a wall screen, verifiable by any server of the
// deployment because the signing secret lives in the shared database. The id names the token's
// row in kiosk_tokens, which is what revoking it changes (sessions.ts checks it).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface KioskTokenClaims {
  /** `kiosk:<name>`, as the audit log and the console show it. */
  username: string;
  /** Epoch ms. */
  expiresAt: number;
  kioskId: string;
}

export class KioskTokenSigner {
  constructor(private readonly secret: string) {}

  issue(claims: KioskTokenClaims): string {
    const body = Buffer.from(JSON.stringify({ u: claims.username, r: 'kiosk', e: claims.expiresAt, k: claims.kioskId })).toString(
      'base64url',
    );
    return `v1.${body}.${this.sign(body)}`;
  }

  /** What a token claims, or null when it is forged, malformed, expired or not a kiosk token. */
  verify(token: string, now: number): KioskTokenClaims | null {
    const [version, body, signature] = token.split('.');
    if (version !== 'v1' || !body || !signature) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const { u, r, e, k } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        u: unknown;
        r: unknown;
        e: unknown;
        k: unknown;
      };
      if (r !== 'kiosk' || typeof u !== 'string' || typeof k !== 'string' || typeof e !== 'number' || !(e > now)) return null;
      return { username: u, expiresAt: e, kioskId: k };
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
