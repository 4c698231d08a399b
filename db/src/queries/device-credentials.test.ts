import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { testDatabases } from '../test-databases';
import {
  findLiveDeviceCredential,
  isGatewayClientId,
  listLiveDeviceCredentials,
  replaceDeviceCredential,
  revokeDeviceCredential,
  revokedDeviceCredentialIds,
} from './device-credentials';

const engines = await testDatabases();
const hashes = (n: number) => ({ passwordHash: `scrypt$salt$${n}`, mosquittoHash: `$7$1000$salt$${n}` });

describe.each(engines)('the device registry on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  afterEach(() => dispose());

  async function open() {
    ({ db, dispose } = await engine.open());
  }

  it('keeps a device credential with its scope and finds it by user name', async () => {
    await open();
    const issued = await replaceDeviceCredential(db, {
      username: 'device.demo-port.GL-IN-1',
      ...hashes(1),
      scope: { type: 'device', site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1' },
    });
    expect(issued).toMatchObject({
      username: 'device.demo-port.GL-IN-1',
      revokedAt: null,
      scope: { type: 'device', site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1' },
    });
    expect(issued.createdAt).toBeGreaterThan(Date.now() - 60_000);
    expect(await findLiveDeviceCredential(db, 'device.demo-port.GL-IN-1')).toEqual(issued);
    expect(await findLiveDeviceCredential(db, 'device.demo-port.GL-IN-2')).toBeNull();
  });

  it('replaces a credential issued again under the same name, keeping the old one revoked', async () => {
    await open();
    const scope = { type: 'publisher', site: 'demo-port' } as const;
    const first = await replaceDeviceCredential(db, { username: 'publisher.demo-port.simulator', ...hashes(1), scope });
    const second = await replaceDeviceCredential(db, { username: 'publisher.demo-port.simulator', ...hashes(2), scope });
    expect((await findLiveDeviceCredential(db, 'publisher.demo-port.simulator'))?.passwordHash).toBe('scrypt$salt$2');
    expect(await revokedDeviceCredentialIds(db, [first.id, second.id])).toEqual([first.id]);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM device_credentials WHERE username = 'publisher.demo-port.simulator'",
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('issues one name from many callers at once, leaving one live credential', async () => {
    await open();
    const scope = { type: 'gateway' } as const;
    await Promise.all([1, 2, 3, 4].map((n) => replaceDeviceCredential(db, { username: 'porttwin-edge', ...hashes(n), scope })));
    expect((await listLiveDeviceCredentials(db)).map((credential) => credential.username)).toEqual(['porttwin-edge']);
  });

  it("revokes a credential, and keeps a revoked gateway's client id reserved", async () => {
    await open();
    const gateway = await replaceDeviceCredential(db, { username: 'edge-a', ...hashes(1), scope: { type: 'gateway' } });
    await replaceDeviceCredential(db, {
      username: 'publisher.demo-port.bridge',
      ...hashes(2),
      scope: { type: 'publisher', site: 'demo-port' },
    });
    expect(await revokeDeviceCredential(db, 'edge-a')).toBe(true);
    expect(await revokeDeviceCredential(db, 'edge-a')).toBe(false);
    expect(await findLiveDeviceCredential(db, 'edge-a')).toBeNull();
    expect(await revokedDeviceCredentialIds(db, [gateway.id])).toEqual([gateway.id]);
    expect(await isGatewayClientId(db, 'edge-a')).toBe(true);
    expect(await isGatewayClientId(db, 'publisher.demo-port.bridge')).toBe(false);
    expect((await listLiveDeviceCredentials(db)).map((credential) => credential.scope)).toEqual([{ type: 'publisher', site: 'demo-port' }]);
  });

  it('refuses a row whose scope lacks what it needs', async () => {
    await open();
    await expect(
      db.query(
        "INSERT INTO device_credentials (username, password_hash, mosquitto_hash, scope, site) VALUES ('x', 'h', 'm', 'device', 'demo-port')",
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
