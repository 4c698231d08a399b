// What the client exposes to the browser tests (client/src/test-hooks.ts).
import type { Alert, Forecast } from '@porttwin/contracts';

declare global {
  interface Window {
    __porttwin?: { assetCount(): number; lastAssetsAt(): number | null; forecast(): Forecast | null; openAlerts(): Alert[] };
  }
}
