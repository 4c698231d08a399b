// A FAULT / OFFLINE badge floating over an asset; React re-renders it only when the asset's status changes.
import { Html } from '@react-three/drei';
import { useAssetStore } from '../store/assets';
import { useT } from '../i18n/use-language';
import type { MessageKey } from '../i18n/strings';

const BADGES: Partial<Record<string, MessageKey>> = { fault: 'badge.fault', offline: 'badge.offline', maintenance: 'badge.maintenance' };

/** Place inside the asset's moving group; `height` is metres above its base. */
export function AssetBadge({ assetId, height }: { assetId: string; height: number }) {
  const status = useAssetStore((s) => s.statuses.get(assetId));
  const t = useT();
  const key = status === undefined ? undefined : BADGES[status];
  if (key === undefined) return null;
  return (
    <Html position={[0, height, 0]} center zIndexRange={[30, 20]}>
      <div className={`asset-badge asset-badge--${status}`} data-testid={`badge-${assetId}`}>
        <span className="asset-badge__state">{t(key)}</span>
        <span className="asset-badge__id">{assetId}</span>
      </div>
    </Html>
  );
}
