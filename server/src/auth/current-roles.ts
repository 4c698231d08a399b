// The role a signed-in user holds now. A session token carries the role it was issued with;
// an admin who demotes or deletes a user must not leave them that role until the token
// expires (12 h), so each request takes the user's role from the database, remembered for a
// few seconds per server (the one that made the change forgets it at once). A kiosk token
// likewise holds only while its row in kiosk_tokens is there and not revoked.
import type { Role } from '@porttwin/contracts';
import { findKioskToken, findUserRow, type Queryable } from '@porttwin/db';

/** How long another server of the deployment may go on using a role it read. */
export const CURRENT_ROLE_TTL_MS = 5_000;
/** Users remembered at most; past it the oldest are read again. */
const MAX_REMEMBERED = 10_000;

export class CurrentRoles {
  private readonly remembered = new Map<string, { role: Role | null; readAt: number }>();
  private readonly kiosks = new Map<string, { live: boolean; readAt: number }>();

  constructor(private readonly db: Queryable) {}

  /** The user's role now, or null when there is no such user any more. */
  async of(username: string, now = Date.now()): Promise<Role | null> {
    const known = this.remembered.get(username);
    if (known && now - known.readAt < CURRENT_ROLE_TTL_MS) return known.role;
    const role = (await findUserRow(this.db, username))?.role ?? null;
    this.remembered.delete(username);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value as string);
    this.remembered.set(username, { role, readAt: now });
    return role;
  }

  /** Drops what is remembered of a user this server has just changed. */
  forget(username: string): void {
    this.remembered.delete(username);
  }

  /** Whether a kiosk token of this id is on record, unrevoked and unexpired. */
  async kioskIsLive(id: string, now = Date.now()): Promise<boolean> {
    const known = this.kiosks.get(id);
    if (known && now - known.readAt < CURRENT_ROLE_TTL_MS) return known.live;
    const row = await findKioskToken(this.db, id);
    const live = row !== null && row.revokedAt === null && row.expiresAt > now;
    this.kiosks.delete(id);
    if (this.kiosks.size >= MAX_REMEMBERED) this.kiosks.delete(this.kiosks.keys().next().value as string);
    this.kiosks.set(id, { live, readAt: now });
    return live;
  }

  /** Drops what is remembered of a kiosk token this server has just revoked. */
  forgetKiosk(id: string): void {
    this.kiosks.delete(id);
  }

  /**
   * The role a verified token may act with now: a user's current role, a kiosk token's
   * 'kiosk' while it is live, or null (deleted user; revoked, unknown or id-less kiosk token).
   */
  async ofSession(session: { username: string; role: Role; kioskId?: string }): Promise<Role | null> {
    if (session.role !== 'kiosk') return this.of(session.username);
    return session.kioskId !== undefined && (await this.kioskIsLive(session.kioskId)) ? 'kiosk' : null;
  }
}
