// One ship per vessel asset in the live state; vessels are not in the layout, they sail in.
import { useAssetIds } from '../store/assets';
import { Vessel } from './Vessel';

export function Vessels() {
  const ids = useAssetIds('vessel');
  return (
    <group>
      {ids.map((id) => (
        <Vessel key={id} assetId={id} />
      ))}
    </group>
  );
}
