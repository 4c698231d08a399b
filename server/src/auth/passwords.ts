// Password hashing with scrypt from node:crypto: salted, memory-hard, no native addon. The
// cost is OWASP's for scrypt (Password Storage Cheat Sheet: N=2^17, r=8, p=1) and is stored
// with each hash, so hashes made at an older cost still verify and can be upgraded.
import { randomBytes, scrypt as scryptCallback, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** What new hashes cost: 128 · N · r = 128 MiB of memory each. */
export const SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** What `scrypt$<salt>$<hash>` (this server's first format) was made with: Node's defaults. */
const LEGACY_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };
/** A stored hash asking for more memory than this is refused rather than computed. */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const KEY_LENGTH = 32;
/**
 * Hashes computed at once. Each takes 128 MiB and a libuv thread, which static files and
 * DNS share; a burst of sign-ins waits here instead of taking the process's memory.
 */
const MAX_CONCURRENT_HASHES = 2;

interface StoredHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
}

/** "scrypt$<N>$<r>$<p>$<salt>$<hash>", salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH, SCRYPT_COST);
  const { N, r, p } = SCRYPT_COST;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * Whether the password matches the stored hash (either format). With no stored hash (an
 * unknown user) a decoy of the current cost is checked, so the answer takes as long as for
 * a real user and does not tell which names exist.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored === null ? null : parseStoredHash(stored);
  const target = parsed ?? (await decoy());
  const key = await derive(password, target.salt, target.hash.length, target.cost);
  return timingSafeEqual(key, target.hash) && parsed !== null;
}

/** Whether a stored hash was made at another cost than today's, and should be made again. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStoredHash(stored);
  return parsed === null || parsed.cost.N !== SCRYPT_COST.N || parsed.cost.r !== SCRYPT_COST.r || parsed.cost.p !== SCRYPT_COST.p;
}

/** A password for the first admin when none is configured: 18 random characters. */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

/** The two formats; null for anything else (a hash that can never match). */
function parseStoredHash(stored: string): StoredHash | null {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return null;
  if (parts.length === 3) return decoded(LEGACY_COST, parts[1], parts[2]);
  if (parts.length !== 6) return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,10}$/.test(part) ? Number(part) : Number.NaN)) as [number, number, number];
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || r < 1 || p < 1 || p > 16 || memoryOf({ N, r, p }) > MAX_MEMORY_BYTES) return null;
  return decoded({ N, r, p }, parts[4], parts[5]);
}

function decoded(cost: ScryptCost, salt: string | undefined, hash: string | undefined): StoredHash | null {
  if (!salt || !hash) return null;
  const parsed = { cost, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
  return parsed.salt.length > 0 && parsed.hash.length >= 16 ? parsed : null;
}

function memoryOf(cost: ScryptCost): number {
  return 128 * cost.N * cost.r;
}

let decoyHash: Promise<StoredHash> | null = null;
function decoy(): Promise<StoredHash> {
  decoyHash ??= (async () => {
    const salt = randomBytes(16);
    return { cost: SCRYPT_COST, salt, hash: await derive(randomBytes(16).toString('hex'), salt, KEY_LENGTH, SCRYPT_COST) };
  })();
  return decoyHash;
}

let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: Buffer, keylen: number, cost: ScryptCost): Promise<Buffer> {
  if (running < MAX_CONCURRENT_HASHES) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    // Node refuses above maxmem (32 MiB by default); a little headroom over 128 · N · r.
    return await scrypt(password, salt, keylen, { ...cost, maxmem: memoryOf(cost) + 16 * 1024 * 1024 });
  } finally {
    // The slot passes straight to the next in line, so no newcomer slips in between.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
