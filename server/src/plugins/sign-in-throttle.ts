// Slows password guessing (OWASP ASVS 2.2.1): sign-in attempts are counted per user name and
// per client address with @fastify/rate-limit; past the allowance the login route answers 429
// with Retry-After, without looking at the password, and each further lock is twice as long.
import fastifyRateLimit, { type FastifyRateLimitStore, normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SignInAttempts } from '../auth/sign-in-attempts';
import { TooManySignInsError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    signInThrottle: SignInThrottle;
  }
}

export interface SignInThrottle {
  /** The login route's preHandler: counts the attempt, refuses it (429) while locked. */
  admit(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The attempt signed in: its user's and its address's counts start again. */
  succeeded(request: FastifyRequest): void;
}

/** Wrong passwords let through before a user name is locked. */
export const ATTEMPTS_PER_USER = 5;
/** The same from one address, over any user names: a control room may share one address. */
export const ATTEMPTS_PER_ADDRESS = 20;
/** The first lock; each after it doubles, up to an hour. */
export const FIRST_LOCK_MS = 60_000;

const userKey = (request: FastifyRequest) => `user:${String((request.body as { username?: unknown } | undefined)?.username ?? '')}`;
// IPv6 by /64, as the plugin does: one host usually holds a whole /64.
const addressKey = (request: FastifyRequest) => `address:${normalizeIP(request.ip)}`;

export const signInThrottlePlugin = fp(
  async (app) => {
    const attempts = new SignInAttempts();
    // The plugin in a scope of its own: its store is for sign-in only, and no route of the
    // app picks it up through `config.rateLimit`.
    let limiters: { user: Limiter; address: Limiter } | null = null;
    await app.register(async (scope) => {
      await scope.register(fastifyRateLimit, { global: false, store: storeOver(attempts) });
      limiters = {
        user: scope.createRateLimit({ keyGenerator: userKey, max: ATTEMPTS_PER_USER, timeWindow: FIRST_LOCK_MS }),
        address: scope.createRateLimit({ keyGenerator: addressKey, max: ATTEMPTS_PER_ADDRESS, timeWindow: FIRST_LOCK_MS }),
      };
    });
    const { user, address } = limiters!;

    app.decorate('signInThrottle', {
      admit: async (request, reply) => {
        // The address first: a locked address does not count against the user names it tries.
        for (const [limiter, whose] of [
          [address, 'from this address'],
          [user, 'as this user'],
        ] as const) {
          const verdict = await limiter(request);
          if (!verdict.isAllowed && verdict.isExceeded) {
            reply.header('retry-after', verdict.ttlInSeconds);
            throw new TooManySignInsError(whose, verdict.ttlInSeconds);
          }
        }
      },
      succeeded: (request) => {
        attempts.clear(userKey(request));
        attempts.clear(addressKey(request));
      },
    } satisfies SignInThrottle);
  },
  { name: 'porttwin-sign-in-throttle' },
);

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** @fastify/rate-limit's store interface over the one table of attempts (keys say whose). */
function storeOver(attempts: SignInAttempts) {
  return class SignInStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
      max: number,
    ): void {
      callback(null, attempts.attempt(key, timeWindow, max));
    }

    child(): FastifyRateLimitStore {
      return new SignInStore();
    }
  };
}
