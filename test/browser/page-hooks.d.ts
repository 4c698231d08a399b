// What the client exposes to the browser tests (client/src/test-hooks.ts).
export {};

declare global {
  interface Window {
    __porttwin?: { assetCount(): number; lastAssetsAt(): number | null };
  }
}
