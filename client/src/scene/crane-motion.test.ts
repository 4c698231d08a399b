// Crane telemetry lands on the crane's own rails.
import { describe, expect, it } from 'vitest';
import { QUAY_CRANE, quayCranePose, yardCranePose } from './crane-motion';

const quay = { y: 0, x1: 0, x2: 600, apronDepth: 50 };
const block = { id: 'Y1', center: { x: 150, y: 120 }, length: 160, width: 32, bays: 20, rows: 6, tiers: 4 };

describe('quayCranePose', () => {
  it('follows gantryPos along the quay and keeps the trolley within reach', () => {
    expect(quayCranePose({ gantryPos: 200, trolleyPos: 30, hoistHeight: 12 }, 150, quay)).toEqual({ x: 200, trolley: 30, hoist: 12 });
    expect(quayCranePose({ gantryPos: 900, trolleyPos: 500 }, 150, quay).x).toBe(600);
    expect(quayCranePose({ trolleyPos: 500 }, 150, quay).trolley).toBe(QUAY_CRANE.outreach);
  });

  it('stays parked at its layout position before it reports', () => {
    expect(quayCranePose({}, 150, quay).x).toBe(150);
  });
});

describe('yardCranePose', () => {
  it('reads gantryPos as metres from the west end of the block', () => {
    expect(yardCranePose({ gantryPos: 10, trolleyPos: 4 }, { x: 150, y: 120 }, block)).toMatchObject({ x: 80, trolleyY: 108 });
  });

  it('accepts a site x inside the block too', () => {
    expect(yardCranePose({ gantryPos: 200 }, { x: 150, y: 120 }, block).x).toBe(200);
  });

  it('never leaves its block', () => {
    expect(yardCranePose({ gantryPos: 500, trolleyPos: -5 }, { x: 150, y: 120 }, block)).toMatchObject({ x: 230, trolleyY: 104 });
  });
});
