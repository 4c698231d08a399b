import { pbkdf2Sync } from 'node:crypto';
import type { DeviceCredential } from '@porttwin/db';
import { describe, expect, it } from 'vitest';
import { mosquittoAuthConfig, mosquittoFiles } from './mosquitto-files';
import { mosquittoPasswordHash } from './mosquitto-password';

const issued = Date.parse('2026-11-22T10:00:00.000Z');
const credential = (username: string, scope: DeviceCredential['scope']): DeviceCredential => ({
  id: 1,
  username,
  passwordHash: 'scrypt$…',
  mosquittoHash: mosquittoPasswordHash(`${username}-password`),
  scope,
  createdAt: issued,
  revokedAt: null,
});

describe('Mosquitto files from the device registry', () => {
  it('hash a password as mosquitto_passwd does: $7$, PBKDF2-SHA512, 12-byte salt, 64-byte key', () => {
    const [, scheme, iterations, salt, key] = mosquittoPasswordHash('harbour').split('$');
    expect(scheme).toBe('7');
    expect(Buffer.from(salt!, 'base64')).toHaveLength(12);
    expect(pbkdf2Sync('harbour', Buffer.from(salt!, 'base64'), Number(iterations), 64, 'sha512').toString('base64')).toBe(key);
  });

  it('give each credential its own user block with the rights of its scope', () => {
    const { passwordFile, aclFile } = mosquittoFiles([
      credential('device.demo-port.GL-IN-1', { type: 'device', site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1' }),
      credential('porttwin-edge', { type: 'gateway' }),
      credential('publisher.demo-port.simulator', { type: 'publisher', site: 'demo-port' }),
    ]);
    expect(
      passwordFile
        .split('\n')
        .filter((line) => line.includes(':$7$'))
        .map((line) => line.split(':')[0]),
    ).toEqual(['device.demo-port.GL-IN-1', 'porttwin-edge', 'publisher.demo-port.simulator']);
    expect(aclFile).toContain(
      [
        '# device GL-IN-1 (gate) of demo-port, issued 2026-11-22T10:00:00.000Z',
        'user device.demo-port.GL-IN-1',
        'topic readwrite porttwin/v1/demo-port/gate/GL-IN-1/#',
      ].join('\n'),
    );
    expect(aclFile).toContain('user porttwin-edge\ntopic read porttwin/v1/#\n');
    expect(aclFile).toContain(
      'user publisher.demo-port.simulator\ntopic write porttwin/v1/demo-port/#\ntopic write porttwin/sim/demo-port/status\n',
    );
    // A rule before the first `user` line would apply to anonymous clients; a pattern, to everyone.
    expect(aclFile.slice(0, aclFile.indexOf('\nuser ')).match(/^(topic|pattern) /m)).toBeNull();
    expect(aclFile).not.toMatch(/^pattern /m);
  });

  it('turn them on with anonymous clients refused and client ids bound to user names', () => {
    expect(mosquittoAuthConfig('/etc/mosquitto/porttwin')).toContain(
      [
        'allow_anonymous false',
        'password_file /etc/mosquitto/porttwin/porttwin.passwd',
        'acl_file /etc/mosquitto/porttwin/porttwin.acl',
      ].join('\n'),
    );
    expect(mosquittoAuthConfig('/etc/mosquitto/porttwin')).toContain('use_username_as_clientid true');
  });

  it("hold packets to the device contract's largest", () => {
    expect(mosquittoAuthConfig('/etc/mosquitto/porttwin')).toMatch(/^max_packet_size 67584$/m);
  });
});
