// The quay apron along the wall, its crane rails, and the berths marked on its edge.
import { useMemo } from 'react';
import { Html } from '@react-three/drei';
import type { SiteLayout } from '@porttwin/contracts';
import { mergeBoxes } from './merge-boxes';

/** Quay crane rails, metres inland of the quay wall (the crane's legs stand on them). */
export const QUAY_RAILS = { seaside: 3, landside: 33 } as const;

export function QuayApron({ layout }: { layout: SiteLayout }) {
  const { quay, berths } = layout;
  const length = quay.x2 - quay.x1;
  const midX = (quay.x1 + quay.x2) / 2;
  const rails = useMemo(
    () =>
      mergeBoxes(
        [QUAY_RAILS.seaside, QUAY_RAILS.landside].map((offset) => ({
          size: [length, 0.3, 1] as [number, number, number],
          at: [midX, 0.2, -(quay.y + offset)] as [number, number, number],
        })),
      ),
    [length, midX, quay.y],
  );
  const berthMarks = useMemo(
    () =>
      berths.length === 0
        ? null
        : mergeBoxes(
            berths.map((b) => ({
              size: [b.x2 - b.x1, 0.3, 2.5] as [number, number, number],
              at: [(b.x1 + b.x2) / 2, 0.25, -(quay.y + 1.5)] as [number, number, number],
            })),
          ),
    [berths, quay.y],
  );
  return (
    <group>
      <mesh position={[midX, 0.05, -(quay.y + quay.apronDepth / 2)]}>
        <boxGeometry args={[length, 0.1, quay.apronDepth]} />
        <meshLambertMaterial color="#64748b" />
      </mesh>
      <mesh geometry={rails}>
        <meshLambertMaterial color="#fbbf24" />
      </mesh>
      {berthMarks && (
        <mesh geometry={berthMarks}>
          <meshBasicMaterial color="#38bdf8" />
        </mesh>
      )}
      {berths.map((berth) => (
        <Html key={berth.id} position={[berth.x1 + 25, 1, -(quay.y + 8)]} center zIndexRange={[10, 0]}>
          <div className="scene-tag scene-tag--berth">{berth.id}</div>
        </Html>
      ))}
    </group>
  );
}
