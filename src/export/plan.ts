/**
 * The geometry every export shares, from the grid layout alone (no DOM, no
 * fonts): which block of the grid an export covers, where a block and its
 * headers go on a sheet, the sheet's margins, and how big a canvas may be.
 * The drawing (drawing/) lays pages out with these.
 */
import { GRID, type GridLayout } from '../canvas/layout';
import type { Card } from '../model/schema';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const intersects = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

/** A block of the grid: a run of stages (columns) by a run of lanes (rows), both inclusive. */
export interface GridSpan {
  firstStage: number;
  lastStage: number;
  firstLane: number;
  lastLane: number;
  /** the persona card is drawn above the grid */
  persona: boolean;
}

export function fullSpan(layout: GridLayout, persona: boolean): GridSpan | null {
  if (layout.columns.length === 0 || layout.rows.length === 0) return null;
  return { firstStage: 0, lastStage: layout.columns.length - 1, firstLane: 0, lastLane: layout.rows.length - 1, persona };
}

/** The smallest block holding every selected card (emotion points included); null when none is on the grid. */
export function selectionSpan(layout: GridLayout, cards: readonly Pick<Card, 'stageId' | 'laneId'>[]): GridSpan | null {
  const stageIndex = new Map(layout.columns.map((c, i) => [c.stageId, i]));
  const laneIndex = new Map(layout.rows.map((r, i) => [r.laneId, i]));
  let span: GridSpan | null = null;
  for (const card of cards) {
    const s = stageIndex.get(card.stageId);
    const l = laneIndex.get(card.laneId);
    if (s === undefined || l === undefined) continue;
    span = span
      ? {
          firstStage: Math.min(span.firstStage, s),
          lastStage: Math.max(span.lastStage, s),
          firstLane: Math.min(span.firstLane, l),
          lastLane: Math.max(span.lastLane, l),
          persona: false,
        }
      : { firstStage: s, lastStage: s, firstLane: l, lastLane: l, persona: false };
  }
  return span;
}

/** Flow-coordinate extent of a span's columns and rows. */
export function spanExtent(layout: GridLayout, span: Pick<GridSpan, 'firstStage' | 'lastStage' | 'firstLane' | 'lastLane'>) {
  const first = layout.columns[span.firstStage]!;
  const last = layout.columns[span.lastStage]!;
  const top = layout.rows[span.firstLane]!;
  const bottom = layout.rows[span.lastLane]!;
  return { x0: first.x, x1: last.x + last.width, y0: top.y, y1: bottom.y + bottom.height };
}

/** Part of the map (flow coordinates) drawn at a place on a sheet (sheet coordinates). */
export interface Placement {
  sheet: Rect;
  flow: Rect;
}

/** A grid block drawn with its stage headers above and lane headers beside it, so any block reads on its own. */
export interface GridWindows {
  stageHeaders: Placement;
  laneHeaders: Placement;
  body: Placement;
  width: number;
  height: number;
}

/**
 * The grid windows of stages [firstStage, lastStage] and body rows y0..y1
 * (flow y), with the block's top-left corner at `origin` on the sheet.
 */
export function gridWindows(
  layout: GridLayout,
  stages: [number, number],
  band: [number, number],
  origin: { x: number; y: number },
): GridWindows {
  const first = layout.columns[stages[0]]!;
  const last = layout.columns[stages[1]]!;
  const bodyWidth = last.x + last.width - first.x;
  const bodyHeight = band[1] - band[0];
  const header = GRID.stageHeaderHeight;
  const side = GRID.laneHeaderWidth;
  return {
    stageHeaders: {
      sheet: { x: origin.x + side, y: origin.y, width: bodyWidth, height: header },
      flow: { x: first.x, y: 0, width: bodyWidth, height: header },
    },
    laneHeaders: {
      sheet: { x: origin.x, y: origin.y + header, width: side, height: bodyHeight },
      flow: { x: 0, y: band[0], width: side, height: bodyHeight },
    },
    body: {
      sheet: { x: origin.x + side, y: origin.y + header, width: bodyWidth, height: bodyHeight },
      flow: { x: first.x, y: band[0], width: bodyWidth, height: bodyHeight },
    },
    width: side + bodyWidth,
    height: header + bodyHeight,
  };
}

/** The persona card's place in flow coordinates (above the grid, see projection.ts). */
export const PERSONA_FLOW: Rect = {
  x: 0,
  y: -(GRID.personaHeight + GRID.personaGap),
  width: GRID.personaWidth,
  height: GRID.personaHeight,
};

/** A sheet's margins, title band and the gap between its blocks (drawing/mapSheet.ts), CSS pixels. */
export const SHEET = {
  margin: 32,
  headerHeight: 64,
  gap: 20,
} as const;

/**
 * Canvas limits. Chromium and Firefox refuse canvases over 32767 px a side
 * or about 268 / 125 million pixels; staying under both keeps one code path
 * (and Skia on the server is held to the same).
 */
export const CANVAS_LIMITS = { maxSide: 32_000, maxArea: 100_000_000 } as const;

/** The pixel ratio for a sheet: `wanted` (2×) unless that would pass the canvas limits. */
export function pixelRatioFor(
  width: number,
  height: number,
  wanted = 2,
  limits: { maxSide: number; maxArea: number } = CANVAS_LIMITS,
): number {
  const bySide = Math.min(limits.maxSide / width, limits.maxSide / height);
  const byArea = Math.sqrt(limits.maxArea / (width * height));
  return Math.min(wanted, bySide, byArea);
}
