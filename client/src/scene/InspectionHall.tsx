// The inspection hall: an open-walled shed drawn see-through so the scanners inside stay visible.
import { useMemo } from 'react';
import { BoxGeometry, EdgesGeometry } from 'three';
import type { SiteLayout } from '@porttwin/contracts';

const HEIGHT = 12;

export function InspectionHall({ hall }: { hall: NonNullable<SiteLayout['inspectionHall']> }) {
  const edges = useMemo(() => new EdgesGeometry(new BoxGeometry(hall.length, HEIGHT, hall.width)), [hall.length, hall.width]);
  const position: [number, number, number] = [hall.center.x, HEIGHT / 2, -hall.center.y];
  return (
    <group>
      <mesh position={[hall.center.x, 0.15, -hall.center.y]}>
        <boxGeometry args={[hall.length + 6, 0.2, hall.width + 6]} />
        <meshLambertMaterial color="#475569" />
      </mesh>
      <mesh position={position}>
        <boxGeometry args={[hall.length, HEIGHT, hall.width]} />
        <meshLambertMaterial color="#93c5fd" transparent opacity={0.18} depthWrite={false} />
      </mesh>
      <lineSegments geometry={edges} position={position}>
        <lineBasicMaterial color="#bfdbfe" />
      </lineSegments>
    </group>
  );
}
