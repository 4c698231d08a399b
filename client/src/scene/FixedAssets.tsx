// The devices of the layout, each drawn by the component for its kind.
import { useMemo } from 'react';
import type { FixedAsset, SiteLayout } from '@porttwin/contracts';
import { GateQueueBoard } from '../overlays/GateQueueBoard';
import { CameraMarker } from './CameraMarker';
import { GateCanopy, GateLane } from './GateLane';
import { QuayCrane } from './QuayCrane';
import { RadiationPortal } from './RadiationPortal';
import { Scanner } from './Scanner';
import { YardCrane } from './YardCrane';

function FixedAssetModel({ asset, layout }: { asset: FixedAsset; layout: SiteLayout }) {
  switch (asset.kind) {
    case 'gate':
      return <GateLane asset={asset} />;
    case 'qc':
      return <QuayCrane asset={asset} layout={layout} />;
    case 'yc': {
      const block = layout.yardBlocks.find((b) => b.id === asset.block);
      // A yard crane with no block in the layout has nothing to straddle; the layout check reports it.
      return block === undefined ? null : <YardCrane asset={asset} block={block} />;
    }
    case 'scanner':
      return <Scanner asset={asset} />;
    case 'rpm':
      return <RadiationPortal asset={asset} />;
    case 'camera':
      return <CameraMarker asset={asset} />;
  }
}

export function FixedAssets({ layout }: { layout: SiteLayout }) {
  const gateLanes = useMemo(() => layout.assets.filter((a) => a.kind === 'gate'), [layout]);
  return (
    <group>
      <GateCanopy lanes={gateLanes} />
      <GateQueueBoard lanes={gateLanes} height={22} northEdge={layout.bounds.maxY} />
      {layout.assets.map((asset) => (
        <FixedAssetModel key={asset.id} asset={asset} layout={layout} />
      ))}
    </group>
  );
}
