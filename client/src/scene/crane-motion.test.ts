// Crane telemetry, in the simulator's conventions, lands on the crane's own rails.
import { describe, expect, it } from 'vitest';
import { QUAY_CRANE, YARD_CRANE, quayCranePose, yardCranePose } from './crane-motion';

const quay = { y: 0, x1: 0, x2: 600, apronDepth: 50 };
const block = { id: 'Y1', center: { x: 150, y: 120 }, length: 160, width: 32, bays: 20, rows: 6, tiers: 4 };

describe('quayCranePose', () => {
  it('follows gantryPos along the quay and keeps the trolley within reach', () => {
    expect(quayCranePose({ gantryPos: 200, trolleyPos: -30, hoistHeight: 12 }, 150, quay)).toEqual({ x: 200, trolley: -30, hoist: 12 });
    expect(quayCranePose({ gantryPos: 900 }, 150, quay).x).toBe(600);
    expect(quayCranePose({ trolleyPos: -500 }, 150, quay).trolley).toBe(-QUAY_CRANE.outreach);
  });

  it('stays parked at its layout position before it reports', () => {
    expect(quayCranePose({}, 150, quay).x).toBe(150);
  });
});

describe('yardCranePose', () => {
  it('reads gantryPos as a site x and trolleyPos from the centre line, positive south for heading 90', () => {
    expect(yardCranePose({ gantryPos: 100, trolleyPos: 10 }, { x: 150, y: 120, heading: 90 }, block)).toMatchObject({
      x: 100,
      trolleyY: 110,
    });
    expect(yardCranePose({ trolleyPos: 10 }, { x: 150, y: 120, heading: 270 }, block).trolleyY).toBe(130);
  });

  it('never leaves its block or its span', () => {
    const pose = yardCranePose({ gantryPos: 500, trolleyPos: -99 }, { x: 150, y: 120, heading: 90 }, block);
    expect(pose.x).toBe(230);
    expect(pose.trolleyY).toBe(120 + 16 + YARD_CRANE.laneWidth);
  });
});
