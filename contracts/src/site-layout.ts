// The site layout: where the quay, berths, yard, roads and fixed devices are, in metres
// of the site's local frame (x east, y north) anchored to latitude/longitude.
import Type from 'typebox';
import { schemaErrors } from './schema-errors';
import Compile from 'typebox/compile';
import { AssetId, SiteId } from './identifiers';

const Metres = Type.Number();
export const Point = Type.Object({ x: Metres, y: Metres });
export type Point = Type.Static<typeof Point>;

export const Berth = Type.Object({ id: Type.String({ minLength: 1 }), x1: Metres, x2: Metres });
export type Berth = Type.Static<typeof Berth>;

export const YardBlock = Type.Object({
  id: Type.String({ minLength: 1 }),
  center: Point,
  length: Type.Number({ exclusiveMinimum: 0 }),
  width: Type.Number({ exclusiveMinimum: 0 }),
  bays: Type.Integer({ minimum: 1 }),
  rows: Type.Integer({ minimum: 1 }),
  tiers: Type.Integer({ minimum: 1, maximum: 10 }),
});
export type YardBlock = Type.Static<typeof YardBlock>;

export const Road = Type.Object({ id: Type.String({ minLength: 1 }), points: Type.Array(Point, { minItems: 2 }) });
export type Road = Type.Static<typeof Road>;

/** A device that stands in one place (trucks and vessels move and report their own x, y). */
export const FixedAsset = Type.Object({
  id: AssetId,
  kind: Type.Union([
    Type.Literal('gate'),
    Type.Literal('qc'),
    Type.Literal('yc'),
    Type.Literal('scanner'),
    Type.Literal('rpm'),
    Type.Literal('camera'),
  ]),
  name: Type.String({ minLength: 1 }),
  position: Point,
  /** Degrees clockwise from north the device faces (a lane's driving direction, a crane's rails). */
  heading: Type.Optional(Type.Number()),
  /** Gate lanes: which way trucks pass. */
  direction: Type.Optional(Type.Union([Type.Literal('in'), Type.Literal('out')])),
  /** Quay cranes: their berth; yard cranes: their block; cameras: the zone they watch. */
  berth: Type.Optional(Type.String()),
  block: Type.Optional(Type.String()),
  zone: Type.Optional(Type.String()),
});
export type FixedAsset = Type.Static<typeof FixedAsset>;

export const SiteLayout = Type.Object({
  site: SiteId,
  name: Type.String({ minLength: 1 }),
  anchor: Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) }),
  /** Land and water the scene covers, metres from the anchor. */
  bounds: Type.Object({ minX: Metres, maxX: Metres, minY: Metres, maxY: Metres }),
  /** The quay wall runs along y = quay.y from x1 to x2; water lies south of it. */
  quay: Type.Object({ y: Metres, x1: Metres, x2: Metres, apronDepth: Type.Number({ exclusiveMinimum: 0 }) }),
  berths: Type.Array(Berth),
  yardBlocks: Type.Array(YardBlock),
  roads: Type.Array(Road),
  /** The inspection hall the scanners stand in. */
  inspectionHall: Type.Optional(Type.Object({ center: Point, length: Metres, width: Metres })),
  assets: Type.Array(FixedAsset),
});
export type SiteLayout = Type.Static<typeof SiteLayout>;

const siteLayoutValidator = Compile(SiteLayout);

export type SiteLayoutCheck = { ok: true; layout: SiteLayout } | { ok: false; errors: string[] };

/** Checks a parsed layout file; each error names the field (e.g. "assets.3.position.x"). */
export function checkSiteLayout(value: unknown): SiteLayoutCheck {
  if (!siteLayoutValidator.Check(value)) {
    const errors = schemaErrors(siteLayoutValidator.Errors(value));
    return { ok: false, errors };
  }
  const errors: string[] = [];
  const ids = new Set<string>();
  value.assets.forEach((asset, index) => {
    if (ids.has(asset.id)) errors.push(`assets.${index}.id: "${asset.id}" is used twice`);
    ids.add(asset.id);
    if (asset.berth !== undefined && !value.berths.some((berth) => berth.id === asset.berth)) {
      errors.push(`assets.${index}.berth: no berth "${asset.berth}"`);
    }
    if (asset.block !== undefined && !value.yardBlocks.some((block) => block.id === asset.block)) {
      errors.push(`assets.${index}.block: no yard block "${asset.block}"`);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, layout: value };
}

/**
 * The site's offset from UTC in ms, from its anchor's longitude (15° an hour), for local
 * clock times: shifts, "by 08:15". The simulator's day profile uses the same default.
 */
export function siteUtcOffsetMs(layout: Pick<SiteLayout, 'anchor'>): number {
  return Math.round(layout.anchor.lon / 15) * 3_600_000;
}
