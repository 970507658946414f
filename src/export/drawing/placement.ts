/**
 * Moving drawn items between coordinate systems: the map is drawn once in
 * flow units (the canvas's own coordinates) and placed on a page at a scale;
 * a page frame is drawn in CSS pixels and placed in PDF points. Also the
 * extent an item covers, to keep what is inside a window.
 */
import type { Rect } from '../plan';
import { parsePathData, transformPathData, type Point } from './pathData';
import type { DrawingItem, TextMeasure } from './types';

/** page = (dx, dy) + scale × local */
export interface Transform {
  scale: number;
  dx: number;
  dy: number;
}

export const IDENTITY: Transform = { scale: 1, dx: 0, dy: 0 };

/** `inner` applied first, then `outer`. */
export const compose = (outer: Transform, inner: Transform): Transform => ({
  scale: outer.scale * inner.scale,
  dx: outer.dx + outer.scale * inner.dx,
  dy: outer.dy + outer.scale * inner.dy,
});

export const applyToRect = (t: Transform, r: Rect): Rect => ({
  x: t.dx + t.scale * r.x,
  y: t.dy + t.scale * r.y,
  width: t.scale * r.width,
  height: t.scale * r.height,
});

/** The transform that draws flow rectangle `from` into page rectangle `to` (same aspect). */
export const between = (from: Rect, to: Rect): Transform => {
  const scale = to.width / from.width;
  return { scale, dx: to.x - scale * from.x, dy: to.y - scale * from.y };
};

const scaled = (dash: number[] | undefined, s: number) => dash?.map((d) => d * s);

export function placeItems(items: readonly DrawingItem[], t: Transform): DrawingItem[] {
  if (t.scale === 1 && t.dx === 0 && t.dy === 0) return [...items];
  const s = t.scale;
  return items.map((item): DrawingItem => {
    switch (item.kind) {
      case 'text':
        return { ...item, x: t.dx + s * item.x, y: t.dy + s * item.y, style: { ...item.style, size: item.style.size * s } };
      case 'rect':
        return withoutUndefined({
          ...item,
          ...applyToRect(t, item),
          radius: item.radius === undefined ? undefined : item.radius * s,
          lineWidth: item.lineWidth === undefined ? undefined : item.lineWidth * s,
          dash: scaled(item.dash, s),
        });
      case 'path':
        return withoutUndefined({
          ...item,
          d: transformPathData(item.d, s, t.dx, t.dy),
          lineWidth: item.lineWidth === undefined ? undefined : item.lineWidth * s,
          dash: scaled(item.dash, s),
        });
      case 'image':
        return { ...item, ...applyToRect(t, item) };
    }
  });
}

/** Optional fields left out rather than present as undefined, so items compare and serialise cleanly. */
function withoutUndefined<T extends object>(item: T): T {
  for (const key of Object.keys(item) as (keyof T)[]) if (item[key] === undefined) delete item[key];
  return item;
}

/** The extent an item paints (a path's by its control points: never smaller than the ink). */
export function itemBounds(item: DrawingItem, measure: TextMeasure): Rect {
  switch (item.kind) {
    case 'text': {
      const width = measure.width(item.text, item.style);
      const { ascent, lineHeight } = measure.lineMetrics(item.style.size);
      const x = item.align === 'middle' ? item.x - width / 2 : item.align === 'end' ? item.x - width : item.x;
      return { x, y: item.y - ascent, width, height: lineHeight };
    }
    case 'rect': {
      const half = item.stroke ? (item.lineWidth ?? 1) / 2 : 0;
      return { x: item.x - half, y: item.y - half, width: item.width + 2 * half, height: item.height + 2 * half };
    }
    case 'path': {
      const points = parsePathData(item.d).flatMap((c) =>
        c.op === 'Z' ? [] : c.op === 'C' ? [c.c1, c.c2, c.to] : c.op === 'Q' ? [c.c, c.to] : [c.to],
      );
      const half = item.stroke ? (item.lineWidth ?? 1) / 2 : 0;
      return boundsOf(points, half);
    }
    case 'image':
      return { x: item.x, y: item.y, width: item.width, height: item.height };
  }
}

function boundsOf(points: readonly Point[], pad = 0): Rect {
  if (points.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad };
}

/** Whether `inner` lies inside `outer`, allowing `slack` for rounding. */
export const contains = (outer: Rect, inner: Rect, slack = 0.01): boolean =>
  inner.x >= outer.x - slack &&
  inner.y >= outer.y - slack &&
  inner.x + inner.width <= outer.x + outer.width + slack &&
  inner.y + inner.height <= outer.y + outer.height + slack;
