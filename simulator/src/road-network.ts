// The site's roads as a graph, so trucks drive along them between any two places instead of
// cutting across the yard. Roads join where one road's vertex lies on another road.
import type { Point, Road } from '@porttwin/contracts';
import { distance, nearestOnSegment } from './road-path';

// A vertex this close to another road's segment joins it (layouts are drawn by hand).
const JOIN_TOLERANCE_M = 0.5;

interface Edge {
  to: number;
  length: number;
}

/** A road graph built from the layout's polylines; routes are shortest paths (Dijkstra). */
export class RoadNetwork {
  private readonly nodes: Point[] = [];
  private readonly edges: Edge[][] = [];
  private readonly segments: [number, number][] = [];

  constructor(roads: readonly Road[]) {
    // Split every segment at the vertices of other roads that lie on it, so they connect.
    const vertices = roads.flatMap((road) => road.points);
    for (const road of roads) {
      for (let i = 1; i < road.points.length; i++) {
        const a = road.points[i - 1] as Point;
        const b = road.points[i] as Point;
        const cuts = vertices
          .map((vertex) => ({ vertex, ...nearestOnSegment(vertex, a, b) }))
          .filter(({ vertex, point, t }) => t > 0 && t < 1 && distance(vertex, point) <= JOIN_TOLERANCE_M)
          .sort((p, q) => p.t - q.t)
          .map(({ point }) => point);
        const chain = [a, ...cuts, b].map((point) => this.nodeAt(point));
        for (let j = 1; j < chain.length; j++) this.link(chain[j - 1] as number, chain[j] as number);
      }
    }
  }

  /** The road point nearest to p (p itself when the site has no roads). */
  nearestRoadPoint(p: Point): Point {
    return this.nearest(p)?.point ?? { x: p.x, y: p.y };
  }

  /**
   * A drivable polyline from `from` to `to`: onto the nearest road, along the roads, and
   * off the road to `to` (the last leg is left out when `endOnRoad`).
   */
  route(from: Point, to: Point, endOnRoad = false): Point[] {
    const start = this.nearest(from);
    const end = this.nearest(to);
    const points: Point[] = [from];
    if (start && end) {
      points.push(start.point);
      // On the same segment the straight line between the two is the road.
      if (start.segment !== end.segment) {
        const [a1, b1] = this.segments[start.segment] as [number, number];
        const [a2, b2] = this.segments[end.segment] as [number, number];
        let best: number[] | null = null;
        let bestLength = Number.POSITIVE_INFINITY;
        for (const entry of [a1, b1]) {
          for (const exit of [a2, b2]) {
            const { path, length } = this.shortestPath(entry, exit);
            const total = distance(start.point, this.nodes[entry] as Point) + length + distance(this.nodes[exit] as Point, end.point);
            if (path && total < bestLength) {
              best = path;
              bestLength = total;
            }
          }
        }
        for (const node of best ?? []) points.push(this.nodes[node] as Point);
      }
      points.push(end.point);
    }
    if (!endOnRoad) points.push(to);
    return dedupe(points);
  }

  private nodeAt(point: Point): number {
    const found = this.nodes.findIndex((node) => distance(node, point) <= JOIN_TOLERANCE_M);
    if (found >= 0) return found;
    this.nodes.push({ x: point.x, y: point.y });
    this.edges.push([]);
    return this.nodes.length - 1;
  }

  private link(a: number, b: number): void {
    if (a === b) return;
    const length = distance(this.nodes[a] as Point, this.nodes[b] as Point);
    this.edges[a]?.push({ to: b, length });
    this.edges[b]?.push({ to: a, length });
    this.segments.push([a, b]);
  }

  private nearest(p: Point): { point: Point; segment: number; t: number } | null {
    let best: { point: Point; segment: number; t: number } | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    this.segments.forEach(([a, b], segment) => {
      const hit = nearestOnSegment(p, this.nodes[a] as Point, this.nodes[b] as Point);
      const d = distance(p, hit.point);
      if (d < bestDistance) {
        bestDistance = d;
        best = { point: hit.point, segment, t: hit.t };
      }
    });
    return best;
  }

  // Small graphs (tens of nodes): a linear-scan Dijkstra is plenty.
  private shortestPath(from: number, to: number): { path: number[] | null; length: number } {
    const dist = this.nodes.map(() => Number.POSITIVE_INFINITY);
    const previous = this.nodes.map(() => -1);
    const done = this.nodes.map(() => false);
    dist[from] = 0;
    for (;;) {
      let current = -1;
      for (let i = 0; i < dist.length; i++) {
        if (!done[i] && (dist[i] as number) < Number.POSITIVE_INFINITY && (current < 0 || (dist[i] as number) < (dist[current] as number)))
          current = i;
      }
      if (current < 0) return { path: null, length: Number.POSITIVE_INFINITY };
      if (current === to) break;
      done[current] = true;
      for (const edge of this.edges[current] ?? []) {
        const candidate = (dist[current] as number) + edge.length;
        if (candidate < (dist[edge.to] as number)) {
          dist[edge.to] = candidate;
          previous[edge.to] = current;
        }
      }
    }
    const path: number[] = [];
    for (let node = to; node >= 0; node = previous[node] as number) path.unshift(node);
    return { path, length: dist[to] as number };
  }
}

function dedupe(points: Point[]): Point[] {
  return points.filter((point, i) => i === 0 || distance(point, points[i - 1] as Point) > 0.01);
}
