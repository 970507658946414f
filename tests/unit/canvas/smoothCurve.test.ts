import { describe, expect, it } from 'vitest';
import { smoothPath } from '../../../src/canvas/nodes/CurveNode';
import { smoothSegments } from '../../../src/canvas/smoothCurve';

const POINTS = [
  { x: 0, y: 50 },
  { x: 100, y: 10 },
  { x: 200, y: 90 },
  { x: 300, y: 40 },
];

describe('the emotion curve', () => {
  it('passes through every score and turns without a kink (the canvas and the exports draw these segments)', () => {
    const segments = smoothSegments(POINTS);
    expect(segments.map((s) => s.to)).toEqual(POINTS.slice(1));
    // At each inner point the incoming and outgoing control points are on one line through it.
    for (let i = 0; i < segments.length - 1; i++) {
      const p = segments[i]!.to;
      const a = segments[i]!.c2;
      const b = segments[i + 1]!.c1;
      expect((p.x - a.x) * (b.y - p.y) - (p.y - a.y) * (b.x - p.x)).toBeCloseTo(0, 6);
    }
    expect(smoothPath(POINTS)).toMatch(/^M0,50 C[\d.,-]+ [\d.,-]+ 100,10 C/);
    expect(smoothSegments(POINTS.slice(0, 1))).toEqual([]);
  });
});
