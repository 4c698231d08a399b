import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Batcher } from './batcher';

describe('batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function recordingBatcher(writeMs: number, options: { maxItems?: number; failures?: number } = {}) {
    const written: number[][] = [];
    let failures = options.failures ?? 0;
    const batcher = new Batcher<number>({
      maxItems: options.maxItems ?? 100,
      maxDelayMs: 50,
      write: async (items) => {
        await new Promise((resolve) => setTimeout(resolve, writeMs));
        if (failures-- > 0) throw new Error('database away');
        written.push(items);
      },
      onCommitted: () => {},
      onWriteFailed: () => {},
    });
    return { batcher, written };
  }

  it('closes a batch when it is full, without waiting', async () => {
    const { batcher, written } = recordingBatcher(1, { maxItems: 3 });
    for (const item of [1, 2, 3]) batcher.add(item);
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toEqual([[1, 2, 3]]);
  });

  it('closes a trickle after the delay', async () => {
    const { batcher, written } = recordingBatcher(1);
    batcher.add(1);
    await vi.advanceTimersByTimeAsync(49);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(written).toEqual([[1]]);
  });

  it('writes what waited out a slow write straight after it, as one batch', async () => {
    const { batcher, written } = recordingBatcher(80);
    batcher.add(1);
    await vi.advanceTimersByTimeAsync(51); // first write starts
    for (const item of [2, 3, 4]) batcher.add(item);
    await vi.advanceTimersByTimeAsync(80); // first write ends; 2–4 are already 80 ms old
    expect(written).toEqual([[1]]);
    await vi.advanceTimersByTimeAsync(81);
    expect(written).toEqual([[1], [2, 3, 4]]);
  });

  it('retries a failed write until it is committed, in order', async () => {
    const { batcher, written } = recordingBatcher(1, { failures: 2 });
    batcher.add(1);
    await vi.advanceTimersByTimeAsync(2000);
    batcher.add(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(written).toEqual([[1], [2]]);
  });
});
