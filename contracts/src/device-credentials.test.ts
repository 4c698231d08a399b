import Type from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ASSET_KINDS, type AssetKind } from './asset-kinds';
import { AssetKindName, CredentialScope } from './device-credentials';

describe('credential scopes', () => {
  it('name the asset kinds of the contract, no more and no fewer', () => {
    expectTypeOf<Type.Static<typeof AssetKindName>>().toEqualTypeOf<AssetKind>();
    expect(ASSET_KINDS.every((kind) => Value.Check(AssetKindName, kind))).toBe(true);
    expect(Value.Check(AssetKindName, 'crane')).toBe(false);
  });

  it('hold a device to a valid site and asset id', () => {
    expect(Value.Check(CredentialScope, { type: 'device', site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1' })).toBe(true);
    expect(Value.Check(CredentialScope, { type: 'device', site: 'demo-port', kind: 'gate', assetId: 'GL/IN/#' })).toBe(false);
    expect(Value.Check(CredentialScope, { type: 'publisher', site: 'Demo Port' })).toBe(false);
  });
});
