// Queue label colours by length.
import { describe, expect, it } from 'vitest';
import { queueLevel } from './queue-level';

describe('queueLevel', () => {
  it('grades queues by length', () => {
    expect(queueLevel(0, true)).toBe('short');
    expect(queueLevel(5, true)).toBe('building');
    expect(queueLevel(12, true)).toBe('long');
  });
  it('says closed for a closed lane and unknown before any report', () => {
    expect(queueLevel(7, false)).toBe('closed');
    expect(queueLevel(null, true)).toBe('unknown');
  });
});
