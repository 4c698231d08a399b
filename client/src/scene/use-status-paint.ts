// A material whose colour follows one asset's condition, repainted from the store outside React.
import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Color, MeshBasicMaterial, MeshLambertMaterial } from 'three';
import { useAssetStore } from '../store/assets';
import { serverNow } from '../store/connection';
import { bodyColour, conditionOf, STATUS_COLOURS, type Condition } from './status-colours';

/** Conditions change at human speed; checking four times a second is plenty and cheap. */
const REPAINT_EVERY_S = 0.25;

export interface StatusPaint {
  /** The body: its healthy colour, or the condition's colour. */
  body: MeshLambertMaterial;
  /** A small always-bright lamp: green when online, else the condition's colour. */
  lamp: MeshBasicMaterial;
}

/** Materials for one asset that repaint themselves as its status and age change. */
export function useStatusPaint(assetId: string, healthy: string): StatusPaint {
  const paint = useMemo<StatusPaint>(
    () => ({ body: new MeshLambertMaterial({ color: healthy }), lamp: new MeshBasicMaterial({ color: STATUS_COLOURS.unknown }) }),
    [healthy],
  );
  const last = useRef<{ condition: Condition | null; sinceCheck: number }>({ condition: null, sinceCheck: Infinity });
  const scratch = useMemo(() => new Color(), []);

  useFrame((_, dt) => {
    last.current.sinceCheck += dt;
    if (last.current.sinceCheck < REPAINT_EVERY_S) return;
    last.current.sinceCheck = 0;
    const condition = conditionOf(useAssetStore.getState().assets.get(assetId), serverNow());
    if (condition === last.current.condition) return;
    last.current.condition = condition;
    paint.body.color.set(bodyColour(condition, healthy));
    paint.lamp.color.copy(scratch.set(STATUS_COLOURS[condition]));
  });
  return paint;
}
