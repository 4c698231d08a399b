// Roads as flat asphalt strips with a dashed centre line, all merged into two draw calls.
import { useMemo } from 'react';
import type { Road } from '@porttwin/contracts';
import { mergeBoxes, type BoxPart } from './merge-boxes';

const ROAD_WIDTH = 14;
const DASH = { length: 6, gap: 6, width: 0.5 } as const;

function roadParts(roads: readonly Road[]): { asphalt: BoxPart[]; dashes: BoxPart[] } {
  const asphalt: BoxPart[] = [];
  const dashes: BoxPart[] = [];
  for (const road of roads) {
    road.points.slice(1).forEach((to, i) => {
      const from = road.points[i]!;
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      const length = Math.hypot(dx, dy);
      if (length === 0) return;
      const yaw = Math.atan2(dy, dx); // in the scene, site +y is -z, so the site angle is the scene yaw
      // Extend each segment by half a width so corners close without gaps.
      asphalt.push({
        size: [length + ROAD_WIDTH, 0.12, ROAD_WIDTH],
        at: [(from.x + to.x) / 2, 0.08, -(from.y + to.y) / 2],
        rotation: [0, yaw, 0],
      });
      for (let s = DASH.gap; s + DASH.length < length; s += DASH.length + DASH.gap) {
        const t = (s + DASH.length / 2) / length;
        dashes.push({ size: [DASH.length, 0.1, DASH.width], at: [from.x + dx * t, 0.18, -(from.y + dy * t)], rotation: [0, yaw, 0] });
      }
    });
  }
  return { asphalt, dashes };
}

export function Roads({ roads }: { roads: readonly Road[] }) {
  const geometries = useMemo(() => {
    const { asphalt, dashes } = roadParts(roads);
    return { asphalt: asphalt.length > 0 ? mergeBoxes(asphalt) : null, dashes: dashes.length > 0 ? mergeBoxes(dashes) : null };
  }, [roads]);
  return (
    <group>
      {geometries.asphalt && (
        <mesh geometry={geometries.asphalt}>
          <meshLambertMaterial color="#1f2530" />
        </mesh>
      )}
      {geometries.dashes && (
        <mesh geometry={geometries.dashes}>
          <meshBasicMaterial color="#e2e8f0" />
        </mesh>
      )}
    </group>
  );
}
