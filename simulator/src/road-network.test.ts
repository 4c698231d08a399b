// Routing along the layout's roads, and the polyline geometry under it.
import { describe, expect, it } from 'vitest';
import { readSiteFile, SMALL_PORT_SITE_FILE } from './site-file';
import { RoadNetwork } from './road-network';
import { headingBetween, poseAlong } from './road-path';

describe('road network', () => {
  const roads = new RoadNetwork(readSiteFile(SMALL_PORT_SITE_FILE).roads);

  it('routes from a gate lane to a yard crane along the gate road and the yard spine', () => {
    expect(roads.route({ x: 270, y: 420 }, { x: 150, y: 70 }, true)).toEqual([
      { x: 270, y: 420 },
      { x: 290, y: 420 },
      { x: 290, y: 330 },
      { x: 290, y: 250 },
      { x: 290, y: 70 },
      { x: 150, y: 70 },
    ]);
  });

  it('takes the inspection spur to the scanner and leaves the road for the hall', () => {
    const route = roads.route({ x: 270, y: 420 }, { x: 460, y: 360 });
    expect(route.slice(-2)).toEqual([
      { x: 460, y: 330 },
      { x: 460, y: 360 },
    ]);
  });
});

describe('road path', () => {
  it('measures headings clockwise from north', () => {
    expect(headingBetween({ x: 0, y: 0 }, { x: 0, y: 10 })).toBe(0);
    expect(headingBetween({ x: 0, y: 0 }, { x: 10, y: 0 })).toBe(90);
    expect(headingBetween({ x: 0, y: 0 }, { x: 0, y: -10 })).toBe(180);
    expect(headingBetween({ x: 0, y: 0 }, { x: -10, y: 0 })).toBe(270);
  });

  it('finds the pose part-way along a polyline and stops at its end', () => {
    const path = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
    ];
    expect(poseAlong(path, 15)).toEqual({ x: 10, y: 5, heading: 0 });
    expect(poseAlong(path, 99)).toEqual({ x: 10, y: 10, heading: 0 });
  });
});
