// Whether a rule watches an asset: by the kinds and ids its `assets` names (none = every asset).
import type { AlertRule } from '@porttwin/contracts';

export function watchesAsset(rule: AlertRule, assetId: string, kind: string): boolean {
  const scope = rule.assets;
  if (!scope) return true;
  if (scope.ids && !scope.ids.includes(assetId)) return false;
  if (scope.kinds && !(scope.kinds as readonly string[]).includes(kind)) return false;
  return true;
}
