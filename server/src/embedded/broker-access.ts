// Who may connect to the embedded broker and what each may do, from the device registry: a
// credential is checked once per connection (scrypt, remembered per credential so a fleet
// reconnecting after a restart does not pay it again), and every publish and subscribe is then
// judged from the rights held in memory. Refusals are counted for /metrics and logged, never
// with a password.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_GATEWAY_ID } from '@porttwin/contracts';
import { type Database, findLiveDeviceCredential, isGatewayClientId, revokedDeviceCredentialIds } from '@porttwin/db';
import type { FastifyBaseLogger } from 'fastify';
import { verifyDeviceSecret } from '../devices/secret-hash';
import { ANONYMOUS_DEVELOPMENT_RIGHTS, mayPublish, maySubscribe, topicRights, type TopicRights } from '../devices/topic-rights';
import type { LimitAction } from './publish-limits';

export type BrokerAction = 'connect' | 'publish' | 'subscribe';
/** Refusals by action: these, and the limits' (publish-limits.ts) where the broker has them. */
export type BrokerRefusals = Record<BrokerAction, number> & Partial<Record<LimitAction, number>>;

/** What a client was admitted as; null credential = anonymous (development only). */
export interface BrokerGrant {
  credentialId: number | null;
  username: string | null;
  clientId: string;
  /** What the credential is: only devices are bound in rate (publish-limits.ts). */
  scope: 'device' | 'publisher' | 'gateway' | 'anonymous';
  rights: TopicRights;
}

/** MQTT 3.1.1 CONNACK codes a refusal carries. */
export type RefusalCode = 3 | 4 | 5;
export type Admission = { ok: true; grant: BrokerGrant } | { ok: false; code: RefusalCode; reason: string };

export interface BrokerAccessOptions {
  db: Database;
  /** Let clients without a user name in, with every right: PORTTWIN_ALLOW_ANONYMOUS_MQTT, for development only. */
  allowAnonymous: boolean;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
}

/** Credentials remembered as verified, at most; beyond it the oldest is forgotten. */
const VERIFIED_CACHE_SIZE = 10_000;
/** Refusals logged per action in a window; the rest are counted and summed up after it. */
const LOG_WINDOW_MS = 10_000;
const LOGS_PER_WINDOW = 20;

export class BrokerAccess {
  private readonly refused: BrokerRefusals = { connect: 0, publish: 0, subscribe: 0 };
  /** username → the stored hash it was verified against and an HMAC of the password (a per-process key). */
  private readonly verified = new Map<string, { passwordHash: string; digest: Buffer }>();
  private readonly digestKey = randomBytes(32);
  private readonly logWindows = new Map<BrokerAction, { startedAt: number; logged: number; suppressed: number }>();

  constructor(private readonly options: BrokerAccessOptions) {}

  /** Refusals since start, by action. */
  refusals(): BrokerRefusals {
    return { ...this.refused };
  }

  /** Decides a CONNECT: the credential, then the client id (only a gateway may use a gateway's). */
  async admit(clientId: string, username: string | undefined, password: Buffer | undefined): Promise<Admission> {
    let admission: Admission;
    try {
      admission = await this.decide(clientId, username, password);
    } catch (error) {
      this.options.log.error({ err: error, clientId, username }, 'broker: cannot check a connection against the device registry; refused');
      admission = { ok: false, code: 3, reason: 'device registry unavailable' };
    }
    if (!admission.ok) this.refuse('connect', { clientId, username, reason: admission.reason });
    return admission;
  }

  /** Whether the client may publish on the topic; a refusal is counted and logged. */
  mayPublish(grant: BrokerGrant | undefined, topic: string): boolean {
    if (grant && mayPublish(grant.rights, topic)) return true;
    this.refuse('publish', { clientId: grant?.clientId, username: grant?.username, topic });
    return false;
  }

  /** Whether the client may subscribe to the filter; a refusal is counted and logged. */
  maySubscribe(grant: BrokerGrant | undefined, filter: string): boolean {
    if (grant && maySubscribe(grant.rights, filter)) return true;
    this.refuse('subscribe', { clientId: grant?.clientId, username: grant?.username, filter });
    return false;
  }

  /** Of the credentials clients were admitted with, those revoked since (their clients must go). */
  revokedAmong(credentialIds: number[]): Promise<number[]> {
    return revokedDeviceCredentialIds(this.options.db, credentialIds);
  }

  private async decide(clientId: string, username: string | undefined, password: Buffer | undefined): Promise<Admission> {
    const { db } = this.options;
    if (username === undefined || username === '') {
      if (!this.options.allowAnonymous) return { ok: false, code: 5, reason: 'anonymous clients are not allowed' };
      if (await this.isGatewayId(clientId)) return { ok: false, code: 5, reason: 'client id belongs to a gateway' };
      return {
        ok: true,
        grant: { credentialId: null, username: null, clientId, scope: 'anonymous', rights: ANONYMOUS_DEVELOPMENT_RIGHTS },
      };
    }
    const credential = await findLiveDeviceCredential(db, username);
    if (!credential || !password || !(await this.passwordMatches(username, password.toString('utf8'), credential.passwordHash))) {
      return { ok: false, code: 4, reason: 'unknown user name or wrong password' };
    }
    if (credential.scope.type === 'gateway') {
      if (clientId !== credential.username) return { ok: false, code: 5, reason: 'a gateway connects with its own client id' };
    } else if (await this.isGatewayId(clientId)) {
      return { ok: false, code: 5, reason: 'client id belongs to a gateway' };
    }
    return {
      ok: true,
      grant: { credentialId: credential.id, username, clientId, scope: credential.scope.type, rights: topicRights(credential.scope) },
    };
  }

  private async isGatewayId(clientId: string): Promise<boolean> {
    return clientId === DEFAULT_GATEWAY_ID || (await isGatewayClientId(this.options.db, clientId));
  }

  private async passwordMatches(username: string, password: string, passwordHash: string): Promise<boolean> {
    const digest = createHmac('sha256', this.digestKey).update(password).digest();
    const known = this.verified.get(username);
    // The stored hash must be the one verified: an issue under the same name replaces it.
    if (known && known.passwordHash === passwordHash) return timingSafeEqual(known.digest, digest);
    if (!(await verifyDeviceSecret(password, passwordHash))) return false;
    this.verified.delete(username);
    this.verified.set(username, { passwordHash, digest });
    if (this.verified.size > VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    return true;
  }

  private refuse(action: BrokerAction, detail: Record<string, unknown>): void {
    this.refused[action]++;
    const now = Date.now();
    let window = this.logWindows.get(action);
    if (!window || now - window.startedAt >= LOG_WINDOW_MS) {
      if (window && window.suppressed > 0)
        this.options.log.warn(
          { action, suppressed: window.suppressed },
          `broker: ${window.suppressed} more ${action} refusals not logged one by one`,
        );
      window = { startedAt: now, logged: 0, suppressed: 0 };
      this.logWindows.set(action, window);
    }
    if (window.logged >= LOGS_PER_WINDOW) {
      window.suppressed++;
      return;
    }
    window.logged++;
    this.options.log.warn({ action, ...detail }, `broker: ${action} refused`);
  }
}
