// Mosquitto's password-file hash, computed here so the device registry can write a file
// Mosquitto reads as it is: `$7$<iterations>$<salt>$<hash>`, PBKDF2-HMAC-SHA512 with a 12-byte
// salt and a 64-byte key, both in standard base64 (Mosquitto's password_mosq.h, as
// mosquitto_passwd writes it).
import { pbkdf2Sync, randomBytes } from 'node:crypto';

const SALT_BYTES = 12;
const KEY_BYTES = 64;
/**
 * mosquitto_passwd 2.0 uses 101 and 2.1 uses 1000; Mosquitto reads the count from each line.
 * Issued passwords are 192 random bits, so the count guards nothing a guess could reach; it
 * only sets what each CONNECT costs the broker (about a millisecond here).
 */
const ITERATIONS = 1000;

/** The `$7$…` hash of a password, for one line `username:<hash>` of a Mosquitto password file. */
export function mosquittoPasswordHash(password: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  const key = pbkdf2Sync(password, salt, ITERATIONS, KEY_BYTES, 'sha512');
  return `$7$${ITERATIONS}$${salt.toString('base64')}$${key.toString('base64')}`;
}
