// The device registry (migrations/006_device_registry.sql): MQTT credentials and what each may
// do, issued, looked up at connect, revoked, and listed for Mosquitto's files.
import type { CredentialScope } from '@porttwin/contracts';
import type { Database, Queryable } from '../database';

export interface DeviceCredential {
  id: number;
  username: string;
  /** scrypt (the embedded broker checks it). */
  passwordHash: string;
  /** `$7$…` PBKDF2-SHA512, for Mosquitto's password file. */
  mosquittoHash: string;
  scope: CredentialScope;
  createdAt: number;
  revokedAt: number | null;
}

export interface NewDeviceCredential {
  username: string;
  passwordHash: string;
  mosquittoHash: string;
  scope: CredentialScope;
}

interface CredentialRow {
  id: number;
  username: string;
  passwordHash: string;
  mosquittoHash: string;
  scope: CredentialScope['type'];
  site: string | null;
  kind: string | null;
  assetId: string | null;
  createdAt: number;
  revokedAt: number | null;
}

const COLUMNS = `id, username, password_hash AS "passwordHash", mosquitto_hash AS "mosquittoHash", scope, site, kind,
  asset_id AS "assetId", extract(epoch FROM created_at) * 1000 AS "createdAt", extract(epoch FROM revoked_at) * 1000 AS "revokedAt"`;

/**
 * Stores a credential under its user name, revoking the live one of that name if there is one
 * (issuing again is how a password is replaced). Two issues of one name at once take turns.
 */
export async function replaceDeviceCredential(db: Database, credential: NewDeviceCredential): Promise<DeviceCredential> {
  const { scope } = credential;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`device-credential:${credential.username}`]);
    await tx.query('UPDATE device_credentials SET revoked_at = now() WHERE username = $1 AND revoked_at IS NULL', [credential.username]);
    const { rows } = await tx.query<CredentialRow>(
      `INSERT INTO device_credentials (username, password_hash, mosquitto_hash, scope, site, kind, asset_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        credential.username,
        credential.passwordHash,
        credential.mosquittoHash,
        scope.type,
        scope.type === 'gateway' ? null : scope.site,
        scope.type === 'device' ? scope.kind : null,
        scope.type === 'device' ? scope.assetId : null,
      ],
    );
    return toCredential(rows[0]!);
  });
}

/** The live credential of that user name, or null (unknown or revoked). */
export async function findLiveDeviceCredential(db: Queryable, username: string): Promise<DeviceCredential | null> {
  const { rows } = await db.query<CredentialRow>(`SELECT ${COLUMNS} FROM device_credentials WHERE username = $1 AND revoked_at IS NULL`, [
    username,
  ]);
  return rows[0] ? toCredential(rows[0]) : null;
}

/**
 * Whether the client id belongs to a gateway: a gateway's user name is its client id, and its
 * persistent session stays reserved to it even once the credential is revoked.
 */
export async function isGatewayClientId(db: Queryable, clientId: string): Promise<boolean> {
  const { rows } = await db.query<{ gateway: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM device_credentials WHERE scope = 'gateway' AND username = $1) AS gateway",
    [clientId],
  );
  return rows[0]?.gateway === true;
}

/** Every live credential, by user name. */
export async function listLiveDeviceCredentials(db: Queryable): Promise<DeviceCredential[]> {
  const { rows } = await db.query<CredentialRow>(`SELECT ${COLUMNS} FROM device_credentials WHERE revoked_at IS NULL ORDER BY username`);
  return rows.map(toCredential);
}

/** Revokes the live credential of that user name; false when there was none. */
export async function revokeDeviceCredential(db: Queryable, username: string): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE device_credentials SET revoked_at = now() WHERE username = $1 AND revoked_at IS NULL RETURNING id',
    [username],
  );
  return rows.length > 0;
}

/** Of the given credential ids, those revoked since (for a broker to hang up on). */
export async function revokedDeviceCredentialIds(db: Queryable, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    'SELECT id FROM device_credentials WHERE id = ANY($1::bigint[]) AND revoked_at IS NOT NULL',
    [ids],
  );
  return rows.map((row) => Number(row.id));
}

function toCredential(row: CredentialRow): DeviceCredential {
  const common = {
    id: Number(row.id),
    username: row.username,
    passwordHash: row.passwordHash,
    mosquittoHash: row.mosquittoHash,
    createdAt: Number(row.createdAt),
    revokedAt: row.revokedAt === null ? null : Number(row.revokedAt),
  };
  switch (row.scope) {
    case 'device':
      return {
        ...common,
        scope: {
          type: 'device',
          site: row.site!,
          kind: row.kind as Extract<CredentialScope, { type: 'device' }>['kind'],
          assetId: row.assetId!,
        },
      };
    case 'publisher':
      return { ...common, scope: { type: 'publisher', site: row.site! } };
    case 'gateway':
      return { ...common, scope: { type: 'gateway' } };
  }
}

/** Where and what a registered device is: the newest credential issued for each asset id, revoked or not. */
export interface RegisteredDevice {
  site: string;
  kind: string;
  assetId: string;
}

/**
 * Every asset the registry has issued a device credential for (a revoked one still says what
 * the asset is), and every site a credential names: what a gateway checks messages against.
 */
export async function listRegisteredDevices(
  db: Queryable,
  /** Only these assets (a gateway asking about ones new to it); all when omitted. */
  assetIds?: readonly string[],
): Promise<{ devices: RegisteredDevice[]; sites: string[] }> {
  const [devices, sites] = await Promise.all([
    db.query<RegisteredDevice>(
      `SELECT DISTINCT ON (asset_id) site, kind, asset_id AS "assetId" FROM device_credentials
       WHERE scope = 'device' AND ($1::text[] IS NULL OR asset_id = ANY($1::text[]))
       ORDER BY asset_id, revoked_at IS NULL DESC, created_at DESC`,
      [assetIds ?? null],
    ),
    db.query<{ site: string }>('SELECT DISTINCT site FROM device_credentials WHERE site IS NOT NULL ORDER BY site'),
  ]);
  return { devices: devices.rows, sites: sites.rows.map((row) => row.site) };
}
