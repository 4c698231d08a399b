// Who an MQTT credential speaks for (docs/broker-security.md): one device, every device of a
// site (the simulator, a bridge), or an edge gateway. The embedded broker's access control and
// the Mosquitto ACL generated from the device registry both follow this one declaration.
import Type from 'typebox';
import { AssetId, SiteId } from './identifiers';

/** ASSET_KINDS as a schema (spelled out: a union mapped from the list loses its static type). */
export const AssetKindName = Type.Union([
  Type.Literal('gate'),
  Type.Literal('qc'),
  Type.Literal('yc'),
  Type.Literal('scanner'),
  Type.Literal('rpm'),
  Type.Literal('camera'),
  Type.Literal('truck'),
  Type.Literal('vessel'),
]);

export const CredentialScope = Type.Union([
  /** Publishes (and may subscribe) only under porttwin/v1/{site}/{kind}/{assetId}/…. */
  Type.Object({ type: Type.Literal('device'), site: SiteId, kind: AssetKindName, assetId: AssetId }),
  /** Publishes every device topic of its site, porttwin/v1/{site}/…, and the simulator's presence there. */
  Type.Object({ type: Type.Literal('publisher'), site: SiteId }),
  /** Subscribes to the device namespace; its user name is its MQTT client id, which no one else may use. */
  Type.Object({ type: Type.Literal('gateway') }),
]);
export type CredentialScope = Type.Static<typeof CredentialScope>;

/** A credential as issued: the password is shown this once and kept only as hashes. */
export const IssuedCredential = Type.Object({
  username: Type.String({ description: 'the MQTT user name' }),
  password: Type.String({ description: 'the MQTT password; shown once, never stored' }),
});
export type IssuedCredential = Type.Static<typeof IssuedCredential>;
