/**
 * Grid geometry of a journey map: stages are columns, lanes are rows, cards
 * stack inside cells. Pure and deterministic, so the same function places
 * nodes, finds the cell under a dropped card and sizes the export.
 */
import { lineOfVisibilityIndex } from '../model/journey';
import type { Card, Lane, Stage } from '../model/schema';

export const GRID = {
  laneHeaderWidth: 200,
  stageHeaderHeight: 76,
  columnWidth: 252,
  cardWidth: 220,
  cardHeight: 88,
  cardGap: 10,
  cellPadding: 14,
  /** room under the last card for the "add card" button */
  cellFooter: 34,
  minRowHeight: 136,
  addButtonSize: 48,
  /** the emotion lane draws a curve instead of stacking cards */
  curveRowHeight: 220,
  /** the persona card above the grid */
  personaWidth: 640,
  personaHeight: 150,
  personaGap: 20,
} as const;

export interface Column {
  stageId: string;
  x: number;
  width: number;
}
export interface Row {
  laneId: string;
  y: number;
  height: number;
}
export interface CellRef {
  laneId: string;
  stageId: string;
}

export interface GridLayout {
  columns: Column[];
  rows: Row[];
  /** top-left of each visible card */
  cardPositions: Map<string, { x: number; y: number }>;
  /** cards per cell key, in order (emotion-lane points included) */
  cells: Map<string, Card[]>;
  width: number;
  height: number;
  /** y of the line of visibility (above the backstage lanes), or null */
  visibilityLineY: number | null;
}

/** Lanes whose cards are drawn as points on a curve, not stacked as cards. */
export const isCurveLane = (lane: Pick<Lane, 'kind'>): boolean => lane.kind === 'emotions';

export const cellKey = (laneId: string, stageId: string): string => `${laneId}|${stageId}`;

/** Cards are assumed sorted (the live snapshot is). Orphans are left out. */
export function layoutGrid(stages: readonly Stage[], lanes: readonly Lane[], cards: readonly Card[]): GridLayout {
  const cells = new Map<string, Card[]>();
  const stageIds = new Set(stages.map((s) => s.id));
  const laneIds = new Set(lanes.map((l) => l.id));
  for (const card of cards) {
    if (!stageIds.has(card.stageId) || !laneIds.has(card.laneId)) continue;
    const key = cellKey(card.laneId, card.stageId);
    const list = cells.get(key);
    if (list) list.push(card);
    else cells.set(key, [card]);
  }

  const columns: Column[] = stages.map((s, i) => ({
    stageId: s.id,
    x: GRID.laneHeaderWidth + i * GRID.columnWidth,
    width: GRID.columnWidth,
  }));
  const rows: Row[] = [];
  let y = GRID.stageHeaderHeight;
  const curveLanes = new Set<string>();
  for (const lane of lanes) {
    let height: number = GRID.curveRowHeight;
    if (isCurveLane(lane)) curveLanes.add(lane.id);
    else {
      let most = 0;
      for (const s of stages) most = Math.max(most, cells.get(cellKey(lane.id, s.id))?.length ?? 0);
      height = Math.max(GRID.minRowHeight, GRID.cellPadding + most * (GRID.cardHeight + GRID.cardGap) + GRID.cellFooter);
    }
    rows.push({ laneId: lane.id, y, height });
    y += height;
  }
  const visibilityIndex = lineOfVisibilityIndex(lanes);

  const cardPositions = new Map<string, { x: number; y: number }>();
  for (const row of rows) {
    if (curveLanes.has(row.laneId)) continue;
    for (const col of columns) {
      const list = cells.get(cellKey(row.laneId, col.stageId));
      list?.forEach((card, i) => {
        cardPositions.set(card.id, {
          x: col.x + (col.width - GRID.cardWidth) / 2,
          y: row.y + GRID.cellPadding + i * (GRID.cardHeight + GRID.cardGap),
        });
      });
    }
  }

  return {
    columns,
    rows,
    cardPositions,
    cells,
    width: GRID.laneHeaderWidth + columns.length * GRID.columnWidth,
    height: y,
    visibilityLineY: visibilityIndex >= 0 ? rows[visibilityIndex]!.y : null,
  };
}

/** The cell under a point in flow coordinates, or null outside the grid. */
export function cellAt(layout: GridLayout, point: { x: number; y: number }): CellRef | null {
  const col = layout.columns.find((c) => point.x >= c.x && point.x < c.x + c.width);
  const row = layout.rows.find((r) => point.y >= r.y && point.y < r.y + r.height);
  return col && row ? { laneId: row.laneId, stageId: col.stageId } : null;
}

/**
 * Index a card dropped with its top edge at `y` takes in a cell, counting the
 * cell's cards without the dragged ones.
 */
export function dropIndex(layout: GridLayout, cell: CellRef, y: number, draggedIds: readonly string[]): number {
  const row = layout.rows.find((r) => r.laneId === cell.laneId);
  if (!row) return 0;
  const others = (layout.cells.get(cellKey(cell.laneId, cell.stageId)) ?? []).filter((c) => !draggedIds.includes(c.id));
  const slot = GRID.cardHeight + GRID.cardGap;
  const index = Math.round((y - row.y - GRID.cellPadding) / slot);
  return Math.max(0, Math.min(others.length, index));
}
