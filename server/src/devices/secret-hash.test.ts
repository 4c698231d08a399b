import { describe, expect, it } from 'vitest';
import { hashDeviceSecret, verifyDeviceSecret } from './secret-hash';

describe('hashes of issued MQTT passwords', () => {
  it('verify the secret they were made from and nothing else', async () => {
    const stored = await hashDeviceSecret('9yw6z-0ufPGuzDpeoDuwZRO0DF32AEPT');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyDeviceSecret('9yw6z-0ufPGuzDpeoDuwZRO0DF32AEPT', stored)).toBe(true);
    expect(await verifyDeviceSecret('9yw6z-0ufPGuzDpeoDuwZRO0DF32AEPU', stored)).toBe(false);
  });

  it('refuse a stored form they did not make, however costly it asks to be', async () => {
    const stored = await hashDeviceSecret('secret');
    expect(await verifyDeviceSecret('secret', stored.replace('$16384$', '$1073741824$'))).toBe(false);
    expect(await verifyDeviceSecret('secret', 'scrypt$c2FsdA$aGFzaA')).toBe(false);
    expect(await verifyDeviceSecret('secret', '')).toBe(false);
  });
});
