// The container yard: block pads, and every stacked box of every block as ONE instanced mesh.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Html } from '@react-three/drei';
import { Color, InstancedMesh, Object3D } from 'three';
import type { YardBlock } from '@porttwin/contracts';
import { CONTAINER_SIZE, stackBlock } from './container-stacks';
import { mergeBoxes } from './merge-boxes';

export function YardBlocks({ blocks }: { blocks: readonly YardBlock[] }) {
  const boxes = useMemo(() => blocks.flatMap(stackBlock), [blocks]);
  const pads = useMemo(
    () =>
      blocks.length === 0
        ? null
        : mergeBoxes(
            blocks.map((b) => ({
              size: [b.length + 4, 0.15, b.width + 4] as [number, number, number],
              at: [b.center.x, 0.1, -b.center.y] as [number, number, number],
            })),
          ),
    [blocks],
  );
  const mesh = useRef<InstancedMesh>(null);

  useLayoutEffect(() => {
    const target = mesh.current;
    if (target === null) return;
    const dummy = new Object3D();
    const colour = new Color();
    boxes.forEach((box, i) => {
      dummy.position.set(box.x, box.z, -box.y);
      dummy.updateMatrix();
      target.setMatrixAt(i, dummy.matrix);
      target.setColorAt(i, colour.set(box.colour));
    });
    target.count = boxes.length;
    target.instanceMatrix.needsUpdate = true;
    if (target.instanceColor) target.instanceColor.needsUpdate = true;
    target.computeBoundingSphere();
  }, [boxes]);

  return (
    <group>
      {pads && (
        <mesh geometry={pads}>
          <meshLambertMaterial color="#525c6b" />
        </mesh>
      )}
      {boxes.length > 0 && (
        <instancedMesh key={boxes.length} ref={mesh} args={[undefined, undefined, boxes.length]}>
          {/* Slightly short of the pitch, so rows and tiers read as separate boxes. */}
          <boxGeometry args={[CONTAINER_SIZE.length, CONTAINER_SIZE.height * 0.94, CONTAINER_SIZE.width]} />
          <meshLambertMaterial />
        </instancedMesh>
      )}
      {blocks.map((block) => (
        <Html key={block.id} position={[block.center.x - block.length / 2 - 8, 2, -block.center.y]} center zIndexRange={[10, 0]}>
          <div className="scene-tag">{block.id}</div>
        </Html>
      ))}
    </group>
  );
}
