// Sessions: what a request or a socket is signed in as. A user's session is a row in the
// sessions table, named by an opaque random token (the cookie, or a bearer for API clients);
// only the token's SHA-256 is stored. It ends when its user signs out, when an admin deletes
// the user or changes their password, after the idle period without use, and at its absolute
// end, whichever comes first. A wall screen trades its kiosk token for a session of its own
// (no idle end; it ends with the token). A kiosk token also works as a bearer by itself for
// players that keep no cookies; it holds while its kiosk_tokens row is unrevoked.
//
// Every server of a deployment answers for the same sessions because they live in the shared
// database; each server remembers what it read for a few seconds, and forgets at once what
// it changed itself.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role } from '@porttwin/contracts';
import {
  endSession,
  endSessionsOfUser,
  findKioskToken,
  findSession,
  findSessionByTokenHash,
  insertSession,
  type Queryable,
  type SessionEndReason,
  type SessionRow,
  touchSession,
} from '@porttwin/db';
import { KioskTokenSigner } from './kiosk-token-signer';

export interface SessionPolicy {
  /** A user's session ends after this long without a request. */
  idleMs: number;
  /** …and this long after sign-in, however busy. */
  maxMs: number;
}

/** OWASP ASVS level 2: 30 minutes idle, 12 hours at most. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };

/** How long another server of the deployment may go on trusting a session it read. */
export const SESSION_RECHECK_MS = 5_000;
/** Use is written back at most this often, not on every request; idle expiry is that coarse. */
const TOUCH_EVERY_MS = 60_000;
/** Sessions and kiosk tokens remembered at most; past it the oldest are read again. */
const MAX_REMEMBERED = 10_000;

export interface Session {
  /** The sessions row; null for a kiosk token used as a bearer by itself. */
  id: string | null;
  username: string;
  role: Role;
  /** When it ends if nothing else ends it first: the absolute end or the idle end (epoch ms). */
  expiresAt: number;
  /** The kiosk token it comes from, for a wall screen. */
  kioskId?: string;
}

export interface OpenedSession {
  id: string;
  /** The secret: the cookie's value, or an API client's bearer. Never stored. */
  token: string;
  /** When it ends unless used again (idle end) or at the latest. */
  expiresAt: number;
  /** Its absolute end: the cookie's expiry. */
  absoluteEnd: number;
  csrfToken: string;
}

/** The signed-in session's token carries this prefix; a kiosk token starts with `v1.`. */
const SESSION_TOKEN_PREFIX = 's1.';

export class Sessions {
  readonly kioskTokens: KioskTokenSigner;
  private readonly remembered = new Map<string, { row: SessionRow | null; readAt: number }>();
  private readonly idsByHash = new Map<string, string>();
  private readonly kiosks = new Map<string, { live: boolean; readAt: number }>();

  constructor(
    private readonly db: Queryable,
    private readonly secret: string,
    readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.kioskTokens = new KioskTokenSigner(secret);
  }

  /** Opens a session for a user who has just signed in, or a wall screen showing its kiosk token. */
  async open(opening: {
    username: string;
    kioskTokenId?: string;
    /** A kiosk session ends with its token. */
    expiresAt?: number;
    address?: string | null;
    userAgent?: string | null;
  }): Promise<OpenedSession> {
    const now = this.now();
    const id = randomUUID();
    const token = SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = opening.expiresAt ?? now + this.policy.maxMs;
    await insertSession(this.db, {
      id,
      tokenHash: hashOf(token),
      username: opening.username,
      kioskTokenId: opening.kioskTokenId ?? null,
      now,
      expiresAt,
      address: opening.address ?? null,
      userAgent: opening.userAgent ?? null,
    });
    return {
      id,
      token,
      expiresAt: this.endOf({ kioskTokenId: opening.kioskTokenId ?? null, lastSeenAt: now, expiresAt }),
      absoluteEnd: expiresAt,
      csrfToken: this.csrfTokenOf(id),
    };
  }

  /**
   * The session a token names and may act as now, or null: unknown, forged, ended, expired
   * (idle or absolute), its user deleted, its kiosk token revoked. Counts as use.
   */
  async resolve(token: string): Promise<Session | null> {
    if (!token.startsWith(SESSION_TOKEN_PREFIX)) return this.resolveKioskToken(token);
    const hash = hashOf(token);
    let id = this.idsByHash.get(hash);
    if (id === undefined) {
      const row = await findSessionByTokenHash(this.db, hash);
      if (!row) return null;
      id = row.id;
      remember(this.idsByHash, hash, id);
      remember(this.remembered, id, { row, readAt: this.now() });
    }
    const session = await this.current(id);
    if (session) await this.touch(id);
    return session;
  }

  /** Whether a session still holds, without counting as use (open sockets are rechecked so). */
  async stillHolds(session: Session): Promise<boolean> {
    if (session.id !== null) return (await this.current(session.id)) !== null;
    return session.kioskId !== undefined && this.kioskIsLive(session.kioskId);
  }

  /** Ends a session (signing out); true when it was open. */
  async end(id: string, reason: SessionEndReason): Promise<boolean> {
    this.remembered.delete(id);
    return endSession(this.db, id, reason);
  }

  /** Ends every session of a user but `except` (the one changing its own password); returns their ids. */
  async endAllOf(username: string, reason: SessionEndReason, except: string | null = null): Promise<string[]> {
    const ids = await endSessionsOfUser(this.db, username, reason, except);
    for (const id of ids) this.remembered.delete(id);
    this.forgetUser(username);
    return ids;
  }

  /** Drops what is remembered of a user this server has just changed (their role is read again). */
  forgetUser(username: string): void {
    for (const [id, known] of this.remembered) if (known.row?.username === username) this.remembered.delete(id);
  }

  /** Drops what is remembered of a kiosk token this server has just revoked, and of its sessions. */
  forgetKiosk(id: string): void {
    this.kiosks.delete(id);
    for (const [sessionId, known] of this.remembered) if (known.row?.kioskTokenId === id) this.remembered.delete(sessionId);
  }

  /**
   * The token a state-changing request made with the session cookie must carry in
   * X-CSRF-Token: derived from the session's id with the server secret, so any server can
   * check it and another site's page, which cannot read our responses, cannot know it.
   */
  csrfTokenOf(sessionId: string): string {
    return createHmac('sha256', this.secret).update(`csrf:${sessionId}`).digest('base64url');
  }

  csrfTokenMatches(sessionId: string, given: string | undefined): boolean {
    if (given === undefined) return false;
    const expected = Buffer.from(this.csrfTokenOf(sessionId));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  /** Whether a kiosk token of this id is on record, unrevoked and unexpired. */
  async kioskIsLive(id: string): Promise<boolean> {
    const now = this.now();
    const known = this.kiosks.get(id);
    if (known && now - known.readAt < SESSION_RECHECK_MS) return known.live;
    const row = await findKioskToken(this.db, id);
    const live = row !== null && row.revokedAt === null && row.expiresAt > now;
    remember(this.kiosks, id, { live, readAt: now });
    return live;
  }

  private async current(id: string): Promise<Session | null> {
    const now = this.now();
    let known = this.remembered.get(id);
    if (!known || now - known.readAt >= SESSION_RECHECK_MS) {
      known = { row: await findSession(this.db, id), readAt: now };
      remember(this.remembered, id, known);
    }
    const row = known.row;
    if (!row || row.endedAt !== null || row.role === null || row.kioskRevoked) return null;
    const expiresAt = this.endOf(row);
    if (!(expiresAt > now)) return null;
    return {
      id: row.id,
      username: row.username,
      role: row.role,
      expiresAt,
      ...(row.kioskTokenId !== null ? { kioskId: row.kioskTokenId } : {}),
    };
  }

  /** A user's session ends at its absolute end or after the idle period; a wall screen's at its token's end. */
  private endOf(row: Pick<SessionRow, 'kioskTokenId' | 'lastSeenAt' | 'expiresAt'>): number {
    return row.kioskTokenId !== null ? row.expiresAt : Math.min(row.expiresAt, row.lastSeenAt + this.policy.idleMs);
  }

  private async touch(id: string): Promise<void> {
    const known = this.remembered.get(id);
    const now = this.now();
    if (!known?.row || now - known.row.lastSeenAt < TOUCH_EVERY_MS) return;
    known.row = { ...known.row, lastSeenAt: now };
    await touchSession(this.db, id, now);
  }

  private async resolveKioskToken(token: string): Promise<Session | null> {
    const claims = this.kioskTokens.verify(token, this.now());
    if (!claims || !(await this.kioskIsLive(claims.kioskId))) return null;
    return { id: null, username: claims.username, role: 'kiosk', expiresAt: claims.expiresAt, kioskId: claims.kioskId };
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value as K);
  map.set(key, value);
}
