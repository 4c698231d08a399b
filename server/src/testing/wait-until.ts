// Polls until a condition holds (tests wait on conditions, never on fixed sleeps).

/** Resolves with the probe's value once accept() takes it; fails naming what, with the last value seen. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(value)?.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
