/**
 * The emotion curve's shape: Catmull-Rom through the points as cubic
 * Bézier segments, smooth and passing through every point. One home for the
 * canvas (CurveNode) and the exports (export/drawing/curveItems.ts), so a
 * PDF's curve is the screen's.
 */
export interface CurvePoint {
  x: number;
  y: number;
}

export interface CurveSegment {
  c1: CurvePoint;
  c2: CurvePoint;
  to: CurvePoint;
}

/** The segments from points[0] on (none for fewer than two points). */
export function smoothSegments(points: readonly CurvePoint[]): CurveSegment[] {
  const segments: CurveSegment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[i + 2] ?? p2;
    segments.push({
      c1: { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 },
      c2: { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 },
      to: p2,
    });
  }
  return segments;
}
