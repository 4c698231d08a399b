// Issuing MQTT credentials from the device registry: a random password, shown once and kept only
// as two hashes (scrypt for the embedded broker, `$7$` for Mosquitto), under a user name that
// says whom it speaks for. Issuing a name again replaces its password.
import { randomBytes } from 'node:crypto';
import { type AssetKind, type CredentialScope, type IssuedCredential, isAssetId } from '@porttwin/contracts';
import { type Database, replaceDeviceCredential } from '@porttwin/db';
import { mosquittoPasswordHash } from './mosquitto-password';
import { hashDeviceSecret } from './secret-hash';

/** A publisher credential's name: which bridge or tool it is for. */
export const PUBLISHER_NAME_RULE = '[A-Za-z0-9_-]{1,32}';
const PUBLISHER_NAME = new RegExp(`^${PUBLISHER_NAME_RULE}$`);

/**
 * User names by scope. Site and asset ids have no dots, so a device's and a publisher's names
 * never meet, and a gateway's (its client id, an id without dots) meets neither.
 */
export function credentialUsername(scope: CredentialScope, name?: string): string {
  switch (scope.type) {
    case 'device':
      return `device.${scope.site}.${scope.assetId}`;
    case 'publisher':
      return `publisher.${scope.site}.${name ?? randomBytes(6).toString('base64url')}`;
    case 'gateway':
      if (!name) throw new Error('server: a gateway credential is named by its client id');
      return name;
  }
}

/** A credential for one device: it publishes only under porttwin/v1/{site}/{kind}/{assetId}/…. */
export function issueDeviceCredential(db: Database, device: { site: string; kind: AssetKind; assetId: string }): Promise<IssuedCredential> {
  const scope: CredentialScope = { type: 'device', ...device };
  return issue(db, credentialUsername(scope), scope);
}

/** A credential for every device topic of a site (the simulator, a bridge); `name` says for whom (default: random). */
export function issuePublisherCredential(db: Database, site: string, name?: string): Promise<IssuedCredential> {
  if (name !== undefined && !PUBLISHER_NAME.test(name))
    throw new Error(`server: publisher name "${name}" must match ${PUBLISHER_NAME_RULE}`);
  const scope: CredentialScope = { type: 'publisher', site };
  return issue(db, credentialUsername(scope, name), scope);
}

/** A gateway's credential; its user name is its MQTT client id, which only it may then use. */
export function issueGatewayCredential(db: Database, gatewayId: string): Promise<IssuedCredential> {
  // The edge's own rule for gateway ids (they name journal folders too), and no dots.
  if (!isAssetId(gatewayId)) throw new Error(`server: gateway id "${gatewayId}" must be like an asset id`);
  const scope: CredentialScope = { type: 'gateway' };
  return issue(db, credentialUsername(scope, gatewayId), scope);
}

/** The broker URL signed in as the credential: `mqtt://user:password@host:port`, as MQTT.js takes it. */
export function mqttUrlWith(url: string, credential: IssuedCredential): string {
  const signed = new URL(url);
  signed.username = credential.username;
  signed.password = credential.password;
  return signed.toString();
}

/** 24 random bytes: 32 URL-safe characters, which fit an mqtt:// URL as they are. */
export function newMqttPassword(): string {
  return randomBytes(24).toString('base64url');
}

async function issue(db: Database, username: string, scope: CredentialScope): Promise<IssuedCredential> {
  const password = newMqttPassword();
  await replaceDeviceCredential(db, {
    username,
    scope,
    passwordHash: await hashDeviceSecret(password),
    mosquittoHash: mosquittoPasswordHash(password),
  });
  return { username, password };
}
