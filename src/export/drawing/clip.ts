/**
 * Cutting drawn items to a window, as an overflowing window cuts the canvas's
 * nodes at its edge. A drawing has no clip of its own, so shapes are cut
 * geometrically (a rectangle to its overlap, a path's lines and areas to the
 * window, curves first flattened), while text and pictures are kept only when
 * whole: half a word reads worse than none.
 */
import { intersection, type Rect } from '../plan';
import { flattenPath, parsePathData, polylineData, type Point, type Polyline } from './pathData';
import { contains, itemBounds } from './placement';
import type { DrawingItem, PathItem, RectItem, TextMeasure } from './types';

export function clipItems(items: readonly DrawingItem[], window: Rect, measure: TextMeasure): DrawingItem[] {
  const out: DrawingItem[] = [];
  for (const item of items) {
    if (contains(window, itemBounds(item, measure))) out.push(item);
    else if (item.kind === 'rect') out.push(...clipRect(item, window));
    else if (item.kind === 'path') out.push(...clipPath(item, window));
  }
  return out;
}

function clipRect(item: RectItem, window: Rect): DrawingItem[] {
  const shown = intersection(item, window);
  if (!shown) return [];
  const out: DrawingItem[] = [];
  if (item.fill) out.push({ kind: 'rect', ...shown, fill: item.fill });
  if (item.stroke) {
    // Only the rectangle's own edges are stroked, not the window's cut.
    const { x, y, width: w, height: h } = item;
    const outline: Polyline = {
      points: [
        { x, y },
        { x: x + w, y },
        { x: x + w, y: y + h },
        { x, y: y + h },
      ],
      closed: true,
    };
    const d = polylineData(clipPolylines([outline], window));
    if (d) out.push(strokeOf(item, d));
  }
  return out;
}

function clipPath(item: PathItem, window: Rect): PathItem[] {
  const lines = flattenPath(parsePathData(item.d));
  const out: PathItem[] = [];
  if (item.fill) {
    const areas = lines
      .map((l) => clipPolygon(l.points, window))
      .filter((points) => points.length > 2)
      .map((points) => ({ points, closed: true }));
    if (areas.length) out.push({ kind: 'path', d: polylineData(areas), fill: item.fill });
  }
  if (item.stroke) {
    const d = polylineData(clipPolylines(lines, window));
    if (d) out.push(strokeOf(item, d));
  }
  return out;
}

const strokeOf = (item: RectItem | PathItem, d: string): PathItem => ({
  kind: 'path',
  d,
  stroke: item.stroke!,
  ...(item.lineWidth !== undefined ? { lineWidth: item.lineWidth } : {}),
  ...(item.dash ? { dash: item.dash } : {}),
});

/** The parts of open or closed polylines inside the window, as open polylines. */
export function clipPolylines(lines: readonly Polyline[], window: Rect): Polyline[] {
  const out: Polyline[] = [];
  for (const line of lines) {
    const points = line.closed ? [...line.points, line.points[0]!] : line.points;
    let current: Point[] | null = null;
    for (let i = 0; i < points.length - 1; i++) {
      const piece = clipSegment(points[i]!, points[i + 1]!, window);
      if (!piece) {
        current = null;
        continue;
      }
      const [a, b] = piece;
      const last = current?.at(-1);
      if (current && last && last.x === a.x && last.y === a.y) current.push(b);
      else {
        current = [a, b];
        out.push({ points: current, closed: false });
      }
    }
  }
  return out;
}

/** Liang–Barsky: the part of segment a→b inside the window, or null. */
function clipSegment(a: Point, b: Point, w: Rect): [Point, Point] | null {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, a.x - w.x],
    [dx, w.x + w.width - a.x],
    [-dy, a.y - w.y],
    [dy, w.y + w.height - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return null;
  }
  const at = (t: number) => (t === 0 ? a : t === 1 ? b : { x: a.x + t * dx, y: a.y + t * dy });
  return [at(t0), at(t1)];
}

/** Sutherland–Hodgman: a polygon cut to the window. */
export function clipPolygon(points: readonly Point[], w: Rect): Point[] {
  const sides: { inside: (p: Point) => boolean; cross: (a: Point, b: Point) => Point }[] = [
    { inside: (p) => p.x >= w.x, cross: (a, b) => atX(a, b, w.x) },
    { inside: (p) => p.x <= w.x + w.width, cross: (a, b) => atX(a, b, w.x + w.width) },
    { inside: (p) => p.y >= w.y, cross: (a, b) => atY(a, b, w.y) },
    { inside: (p) => p.y <= w.y + w.height, cross: (a, b) => atY(a, b, w.y + w.height) },
  ];
  let polygon = [...points];
  for (const side of sides) {
    if (polygon.length === 0) break;
    const input = polygon;
    polygon = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      const previous = input[(i + input.length - 1) % input.length]!;
      if (side.inside(current)) {
        if (!side.inside(previous)) polygon.push(side.cross(previous, current));
        polygon.push(current);
      } else if (side.inside(previous)) polygon.push(side.cross(previous, current));
    }
  }
  return polygon;
}

const atX = (a: Point, b: Point, x: number): Point => ({ x, y: a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x) });
const atY = (a: Point, b: Point, y: number): Point => ({ x: a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y), y });
