/**
 * Where everything goes in an export, decided from the grid layout alone (no
 * DOM): which part of the map an export covers, how the PNG sheet is laid
 * out, how a map is cut into readable PDF pages, and how big a canvas may be.
 * Pure, so the planning is unit-tested and the renderers only draw.
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

export const SHEET = {
  margin: 32,
  headerHeight: 64,
  gap: 20,
  legendHeight: 44,
} as const;

/** The PNG: a title header, the persona, the map (or a block of it, or the view) and a legend. */
export interface SheetLayout {
  width: number;
  height: number;
  header: Rect;
  persona: Placement | null;
  grid: GridWindows | null;
  /** the "current view" export: one window of whatever was on screen */
  view: Placement | null;
  legend: Rect;
}

export function sheetForSpan(layout: GridLayout, span: GridSpan): SheetLayout {
  const { y0, y1 } = spanExtent(layout, span);
  const m = SHEET.margin;
  let y = m + SHEET.headerHeight + SHEET.gap;
  let persona: Placement | null = null;
  if (span.persona) {
    persona = { sheet: { ...PERSONA_FLOW, x: m, y }, flow: PERSONA_FLOW };
    y += GRID.personaHeight + SHEET.gap;
  }
  const grid = gridWindows(layout, [span.firstStage, span.lastStage], [y0, y1], { x: m, y });
  y += grid.height + SHEET.gap;
  const width = Math.max(grid.width, persona ? GRID.personaWidth : 0) + 2 * m;
  return {
    width,
    height: y + SHEET.legendHeight + m,
    header: { x: m, y: m, width: width - 2 * m, height: SHEET.headerHeight },
    persona,
    grid,
    view: null,
    legend: { x: m, y, width: width - 2 * m, height: SHEET.legendHeight },
  };
}

export function sheetForView(view: Rect): SheetLayout {
  const m = SHEET.margin;
  const top = m + SHEET.headerHeight + SHEET.gap;
  const width = Math.max(view.width, 480) + 2 * m;
  const legendY = top + view.height + SHEET.gap;
  return {
    width,
    height: legendY + SHEET.legendHeight + m,
    header: { x: m, y: m, width: width - 2 * m, height: SHEET.headerHeight },
    persona: null,
    grid: null,
    view: { sheet: { x: m, y: top, width: view.width, height: view.height }, flow: view },
    legend: { x: m, y: legendY, width: width - 2 * m, height: SHEET.legendHeight },
  };
}

/**
 * Canvas limits. Chromium and Firefox refuse canvases over 32767 px a side
 * or about 268 / 125 million pixels; staying under both keeps one code path.
 * Tiles are small because a huge SVG <foreignObject> image (how
 * html-to-image rasterises) fails to decode long before the canvas limit.
 */
export const CANVAS_LIMITS = { maxSide: 32_000, maxArea: 100_000_000, tile: 4096 } as const;

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

/** Tiles (sheet coordinates) covering a sheet, each at most `tile` device pixels a side. */
export function tilesFor(width: number, height: number, pixelRatio: number, tile: number = CANVAS_LIMITS.tile): Rect[] {
  const step = Math.max(256, Math.floor(tile / pixelRatio));
  const tiles: Rect[] = [];
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      tiles.push({ x, y, width: Math.min(step, width - x), height: Math.min(step, height - y) });
    }
  }
  return tiles;
}

export type Paper = 'a4' | 'a3';
/** Landscape paper sizes, mm. */
export const PAPER: Record<Paper, { width: number; height: number }> = {
  a4: { width: 297, height: 210 },
  a3: { width: 420, height: 297 },
};

export const PAGE = {
  marginMm: 10,
  headerMm: 14,
  /**
   * mm of paper per CSS pixel of the map. Below `minScale` card text (13 px)
   * gets smaller than about 6 pt, so the map is split into more pages rather
   * than shrunk further; above `maxScale` a small map would look blown up.
   */
  minScale: 0.18,
  maxScale: 0.3,
  /** page images are rendered at about this resolution */
  dpi: 170,
} as const;

export interface PdfGridPage {
  kind: 'grid';
  stages: [number, number];
  /** body rows y0..y1 (flow coordinates) on this page */
  band: [number, number];
  persona: boolean;
}

export interface PdfPlan {
  /** mm per CSS pixel, the same on every grid page so cards look alike throughout */
  scale: number;
  /** the page in CSS pixels at that scale */
  pageWidth: number;
  pageHeight: number;
  margin: number;
  headerHeight: number;
  pages: PdfGridPage[];
}

/**
 * Cuts a block of the map into pages: columns into groups of stages that fit
 * the paper at a readable scale (balanced, so 6 stages on 4-stage paper are
 * 3 + 3, not 4 + 2), and each group's rows into bands that fit the page
 * height, cut between lanes where possible, else between cards. Each page
 * repeats the stage and lane headers.
 */
export function planPdf(layout: GridLayout, span: GridSpan, paper: Paper): PdfPlan {
  const size = PAPER[paper];
  const contentW = size.width - 2 * PAGE.marginMm;
  const contentH = size.height - 2 * PAGE.marginMm - PAGE.headerMm;
  const stageCount = span.lastStage - span.firstStage + 1;
  const fitting = Math.max(1, Math.floor((contentW / PAGE.minScale - GRID.laneHeaderWidth) / GRID.columnWidth));
  const groups = Math.ceil(stageCount / fitting);
  const perGroup = Math.ceil(stageCount / groups);
  const scale = Math.min(PAGE.maxScale, contentW / (GRID.laneHeaderWidth + perGroup * GRID.columnWidth));

  const available = contentH / scale - GRID.stageHeaderHeight;
  const { y0, y1 } = spanExtent(layout, span);
  const breaks = breakPoints(layout, span);
  const pages: PdfGridPage[] = [];
  for (let first = span.firstStage; first <= span.lastStage; first += perGroup) {
    const stages: [number, number] = [first, Math.min(span.lastStage, first + perGroup - 1)];
    let top = y0;
    let persona = span.persona && first === span.firstStage;
    while (top < y1) {
      const room = available - (persona ? GRID.personaHeight + GRID.personaGap : 0);
      const limit = top + Math.max(room, GRID.cardHeight + GRID.cardGap);
      const bottom = limit >= y1 ? y1 : cutBetween(breaks, top, limit);
      pages.push({ kind: 'grid', stages, band: [top, bottom], persona });
      persona = false;
      top = bottom;
    }
  }
  const pageWidth = size.width / scale;
  const pageHeight = size.height / scale;
  return { scale, pageWidth, pageHeight, margin: PAGE.marginMm / scale, headerHeight: PAGE.headerMm / scale, pages };
}

interface BreakPoint {
  y: number;
  /** a lane boundary, not a cut between two cards of one lane */
  betweenLanes: boolean;
}

/**
 * Where a page that starts at `top` ends: at the last lane boundary that
 * fits if that fills at least 60% of the page (a lane cut in two reads worse
 * than some white space), else at the last cut between cards that fits.
 */
function cutBetween(breaks: readonly BreakPoint[], top: number, limit: number): number {
  const fitting = breaks.filter((b) => b.y > top && b.y <= limit);
  const lane = fitting.filter((b) => b.betweenLanes).at(-1);
  if (lane && lane.y - top >= 0.6 * (limit - top)) return lane.y;
  return fitting.at(-1)?.y ?? limit;
}

/** Places a page may end (flow y): between lanes, and between card slots inside a lane. */
function breakPoints(layout: GridLayout, span: GridSpan): BreakPoint[] {
  const points: BreakPoint[] = [];
  for (let i = span.firstLane; i <= span.lastLane; i++) {
    const row = layout.rows[i]!;
    const slot = GRID.cardHeight + GRID.cardGap;
    for (let y = row.y + GRID.cellPadding + slot; y < row.y + row.height - GRID.cellFooter; y += slot) {
      points.push({ y: y - GRID.cardGap / 2, betweenLanes: false });
    }
    points.push({ y: row.y + row.height, betweenLanes: true });
  }
  return points;
}

/** Device pixels per CSS pixel for a page image at PAGE.dpi, within 1..2. */
export function pagePixelRatio(plan: Pick<PdfPlan, 'pageWidth'>, paper: Paper): number {
  const devicePixels = (PAPER[paper].width / 25.4) * PAGE.dpi;
  return Math.min(2, Math.max(1, devicePixels / plan.pageWidth));
}
