// The hash the device registry keeps of an issued MQTT password, which the embedded broker
// checks at each connect. Users' passwords get OWASP's scrypt cost (128 MiB each, two at a
// time: auth/passwords.ts) because people choose them; these are 192 random bits no guess
// reaches, so the cost here is scrypt's own default (16 MiB), and a fleet reconnecting after a
// broker restart neither waits behind sign-ins nor holds up theirs. Same stored form as users'
// hashes, `scrypt$N$r$p$salt$hash`.
import { randomBytes, scrypt as scryptCallback, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (secret: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;
const COST = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** `scrypt$16384$8$1$<salt>$<hash>`, base64url. */
export async function hashDeviceSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether the secret matches a hash made by hashDeviceSecret; any other form (or cost) is no match. */
export async function verifyDeviceSecret(secret: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match || Number(match[1]) !== COST.N || Number(match[2]) !== COST.r || Number(match[3]) !== COST.p) return false;
  const expected = Buffer.from(match[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await scrypt(secret, Buffer.from(match[4]!, 'base64url'), KEY_LENGTH, COST);
  return timingSafeEqual(key, expected);
}
