/**
 * Arrow-key navigation over the journey grid, as in a spreadsheet: cards
 * stack inside cells, stage headers are the top row, lane headers the left
 * column, and the "+" buttons that add a stage or a lane sit past the last
 * ones. Up and down walk a cell's cards and then the next lane's cell of the
 * same stage; left and right go to the neighbouring stage's cell of the same
 * lane. An empty cell is a place of its own when cards may be added there
 * (its "+ Add card"), so every lane can be reached. The persona card sits
 * above the stage headers.
 *
 * An emotion curve's lane is walked along, not down: left and right go
 * through each stage's cell (its "+ Add emotion point", for an editor) and
 * then that stage's points, in journey order. A point is a slider: for an
 * editor, up and down change its score (CurveNode), so up and down leave the
 * lane only from a cell, and a column walked downwards stops on the cell,
 * never on a point whose score the next press would change. For a reader the
 * points are read-only and up and down leave the lane from them too.
 * Pure, over the grid layout.
 *
 * Items are named by their React Flow node id (projection.ts): a card's id,
 * `stage:…`, `lane:…`, `cell:…`, `add:stage`, `add:lane`, `persona`; an
 * emotion point by `point:<lane>:<card>` (pointNavId: a touchpoint's score is
 * a point on every curve lane besides its card).
 */
import { cellKey, type CellRef, type GridLayout } from './layout';
import { cellNodeId, laneNodeId, stageNodeId } from './projection';

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface NavGrid {
  layout: GridLayout;
  curveLaneIds: ReadonlySet<string>;
  /** empty cells (and the add-stage / add-lane buttons) are places: true when this user may add */
  canAdd: boolean;
  /** the persona card is shown at the head of the map (a persona is followed, or this user may add one) */
  persona?: boolean;
  /** the emotion curve's points in journey order (model/journey.ts emotionPoints), drawn on every curve lane */
  curvePoints?: readonly { cardId: string; stageId: string }[];
}

export type NavItem =
  | { kind: 'card'; id: string; lane: number; stage: number; index: number }
  | { kind: 'cell'; lane: number; stage: number }
  | { kind: 'stage'; stage: number }
  | { kind: 'lane'; lane: number }
  | { kind: 'point'; cardId: string; lane: number; stage: number }
  | { kind: 'persona' }
  | { kind: 'addStage' }
  | { kind: 'addLane' };

export const pointNavId = (laneId: string, cardId: string) => `point:${laneId}:${cardId}`;

const cardsIn = (grid: NavGrid, lane: number, stage: number) =>
  grid.layout.cells.get(cellKey(grid.layout.rows[lane]!.laneId, grid.layout.columns[stage]!.stageId)) ?? [];

/** Where a nav id is on the grid, or null when it is not (any more). */
export function locate(grid: NavGrid, navId: string): NavItem | null {
  const { rows, columns } = grid.layout;
  if (navId === 'add:stage') return grid.canAdd ? { kind: 'addStage' } : null;
  if (navId === 'add:lane') return grid.canAdd ? { kind: 'addLane' } : null;
  if (navId === 'persona') return grid.persona ? { kind: 'persona' } : null;
  if (navId.startsWith('point:')) {
    const lane = rows.findIndex((r) => grid.curveLaneIds.has(r.laneId) && navId.startsWith(pointNavId(r.laneId, '')));
    if (lane < 0) return null;
    const cardId = navId.slice(pointNavId(rows[lane]!.laneId, '').length);
    const point = grid.curvePoints?.find((p) => p.cardId === cardId);
    const stage = point ? columns.findIndex((c) => c.stageId === point.stageId) : -1;
    return stage >= 0 ? { kind: 'point', cardId, lane, stage } : null;
  }
  if (navId.startsWith('stage:')) {
    const stage = columns.findIndex((c) => stageNodeId(c.stageId) === navId);
    return stage >= 0 ? { kind: 'stage', stage } : null;
  }
  if (navId.startsWith('lane:')) {
    const lane = rows.findIndex((r) => laneNodeId(r.laneId) === navId);
    return lane >= 0 ? { kind: 'lane', lane } : null;
  }
  if (navId.startsWith('cell:')) {
    for (let lane = 0; lane < rows.length; lane++) {
      const stage = columns.findIndex((c) => cellNodeId(rows[lane]!.laneId, c.stageId) === navId);
      if (stage >= 0) return { kind: 'cell', lane, stage };
    }
    return null;
  }
  for (let lane = 0; lane < rows.length; lane++) {
    if (grid.curveLaneIds.has(rows[lane]!.laneId)) continue;
    for (let stage = 0; stage < columns.length; stage++) {
      const index = cardsIn(grid, lane, stage).findIndex((c) => c.id === navId);
      if (index >= 0) return { kind: 'card', id: navId, lane, stage, index };
    }
  }
  return null;
}

export function navIdOf(grid: NavGrid, item: NavItem): string {
  const { rows, columns } = grid.layout;
  switch (item.kind) {
    case 'card':
      return item.id;
    case 'cell':
      return cellNodeId(rows[item.lane]!.laneId, columns[item.stage]!.stageId);
    case 'stage':
      return stageNodeId(columns[item.stage]!.stageId);
    case 'lane':
      return laneNodeId(rows[item.lane]!.laneId);
    case 'point':
      return pointNavId(rows[item.lane]!.laneId, item.cardId);
    case 'persona':
      return 'persona';
    case 'addStage':
      return 'add:stage';
    case 'addLane':
      return 'add:lane';
  }
}

/** The card a place stands for: a card, or an emotion point's card (selected while the keyboard is on it); null elsewhere. */
export function cardOfPlace(grid: NavGrid, navId: string): string | null {
  const item = locate(grid, navId);
  return item?.kind === 'card' ? item.id : item?.kind === 'point' ? item.cardId : null;
}

/** The cell a card, an emotion point or an empty cell is in. */
export function cellOf(grid: NavGrid, navId: string): CellRef | null {
  const item = locate(grid, navId);
  if (!item || (item.kind !== 'card' && item.kind !== 'cell' && item.kind !== 'point')) return null;
  return { laneId: grid.layout.rows[item.lane]!.laneId, stageId: grid.layout.columns[item.stage]!.stageId };
}

const isCurve = (grid: NavGrid, lane: number) => grid.curveLaneIds.has(grid.layout.rows[lane]!.laneId);

/** A curve lane's places from left to right: per stage, its cell (for an editor), then its points. */
function curveRow(grid: NavGrid, lane: number): string[] {
  const laneId = grid.layout.rows[lane]!.laneId;
  const byStage = new Map<string, string[]>();
  for (const p of grid.curvePoints ?? []) byStage.set(p.stageId, [...(byStage.get(p.stageId) ?? []), pointNavId(laneId, p.cardId)]);
  return grid.layout.columns.flatMap((c) => [...(grid.canAdd ? [cellNodeId(laneId, c.stageId)] : []), ...(byStage.get(c.stageId) ?? [])]);
}

/** Left or right along a curve lane; past its start, the lane's header. */
function alongCurve(grid: NavGrid, lane: number, from: string | null, step: 1 | -1): string | null {
  const row = curveRow(grid, lane);
  const at = from === null ? -1 : row.indexOf(from);
  const next = row[at + step];
  if (next !== undefined) return next;
  return step === -1 ? navIdOf(grid, { kind: 'lane', lane }) : null;
}

/** The place a move lands on in cell (lane, stage): `at` picks the card, or the empty cell; null when it is no place. */
function placeIn(grid: NavGrid, lane: number, stage: number, at: 'first' | 'last' | number): string | null {
  if (isCurve(grid, lane)) {
    if (grid.canAdd) return navIdOf(grid, { kind: 'cell', lane, stage });
    // A reader has no cell to stop on: the stage's points, read-only, are the places.
    const stageId = grid.layout.columns[stage]!.stageId;
    const points = (grid.curvePoints ?? []).filter((p) => p.stageId === stageId);
    const point = at === 'last' ? points.at(-1) : points[0];
    return point ? pointNavId(grid.layout.rows[lane]!.laneId, point.cardId) : null;
  }
  const cards = cardsIn(grid, lane, stage);
  if (cards.length === 0) return grid.canAdd ? navIdOf(grid, { kind: 'cell', lane, stage }) : null;
  const k = at === 'first' ? 0 : at === 'last' ? cards.length - 1 : Math.min(at, cards.length - 1);
  return cards[k]!.id;
}

function verticalFrom(grid: NavGrid, lane: number, stage: number, step: 1 | -1): string | null {
  for (let li = lane + step; li >= 0 && li < grid.layout.rows.length; li += step) {
    const place = placeIn(grid, li, stage, step === 1 ? 'first' : 'last');
    if (place) return place;
  }
  return step === -1 ? navIdOf(grid, { kind: 'stage', stage }) : null;
}

function horizontalFrom(grid: NavGrid, lane: number, stage: number, index: number, step: 1 | -1): string | null {
  for (let si = stage + step; si >= 0 && si < grid.layout.columns.length; si += step) {
    const place = placeIn(grid, lane, si, index);
    if (place) return place;
  }
  return step === -1 ? navIdOf(grid, { kind: 'lane', lane }) : null;
}

/** The item an arrow key moves to from `navId`, or null (an edge of the grid). */
export function nextNavId(grid: NavGrid, navId: string, direction: Direction): string | null {
  const item = locate(grid, navId);
  if (!item) return null;
  const { rows, columns } = grid.layout;
  const step = direction === 'down' || direction === 'right' ? 1 : -1;
  const vertical = direction === 'up' || direction === 'down';
  switch (item.kind) {
    case 'card': {
      if (vertical) {
        const inCell = cardsIn(grid, item.lane, item.stage)[item.index + step];
        return inCell ? inCell.id : verticalFrom(grid, item.lane, item.stage, step);
      }
      return horizontalFrom(grid, item.lane, item.stage, item.index, step);
    }
    case 'cell':
      if (vertical) return verticalFrom(grid, item.lane, item.stage, step);
      return isCurve(grid, item.lane) ? alongCurve(grid, item.lane, navId, step) : horizontalFrom(grid, item.lane, item.stage, 0, step);
    case 'point':
      return vertical ? verticalFrom(grid, item.lane, item.stage, step) : alongCurve(grid, item.lane, navId, step);
    case 'persona':
      if (direction !== 'down') return null;
      return columns.length ? navIdOf(grid, { kind: 'stage', stage: 0 }) : grid.canAdd ? 'add:stage' : null;
    case 'stage': {
      if (direction === 'up') return grid.persona ? 'persona' : null;
      if (direction === 'down') return verticalFrom(grid, -1, item.stage, 1);
      const stage = item.stage + step;
      if (stage >= 0 && stage < columns.length) return navIdOf(grid, { kind: 'stage', stage });
      return step === 1 && grid.canAdd ? 'add:stage' : null;
    }
    case 'lane': {
      if (direction === 'left') return null;
      if (direction === 'right')
        return isCurve(grid, item.lane) ? alongCurve(grid, item.lane, null, 1) : horizontalFrom(grid, item.lane, -1, 0, 1);
      const lane = item.lane + step;
      if (lane >= 0 && lane < rows.length) return navIdOf(grid, { kind: 'lane', lane });
      return step === 1 && grid.canAdd ? 'add:lane' : null;
    }
    case 'addStage':
      if (direction === 'up') return grid.persona ? 'persona' : null;
      return direction === 'left' && columns.length ? navIdOf(grid, { kind: 'stage', stage: columns.length - 1 }) : null;
    case 'addLane':
      return direction === 'up' && rows.length ? navIdOf(grid, { kind: 'lane', lane: rows.length - 1 }) : null;
  }
}

/**
 * The item Tab lands on: the current one while it exists, else the first
 * card in reading order, else the first empty cell (a blank map), else the
 * first stage header.
 */
export function tabStop(grid: NavGrid, navId: string | null): string | null {
  if (navId !== null && locate(grid, navId)) return navId;
  const { rows, columns } = grid.layout;
  let firstCell: string | null = null;
  for (let lane = 0; lane < rows.length; lane++) {
    for (let stage = 0; stage < columns.length; stage++) {
      const place = placeIn(grid, lane, stage, 'first');
      if (place && !place.startsWith('cell:')) return place;
      firstCell ??= place;
    }
  }
  if (firstCell) return firstCell;
  if (columns.length) return navIdOf(grid, { kind: 'stage', stage: 0 });
  return grid.canAdd ? 'add:stage' : null;
}

/** The cell next to a card's, for moving it there (Alt+arrow): curve lanes are stepped over. */
export function neighbourCell(grid: NavGrid, cardId: string, direction: Direction): CellRef | null {
  const item = locate(grid, cardId);
  if (!item || item.kind !== 'card') return null;
  const { rows, columns } = grid.layout;
  const step = direction === 'down' || direction === 'right' ? 1 : -1;
  if (direction === 'left' || direction === 'right') {
    const stage = item.stage + step;
    return stage >= 0 && stage < columns.length ? { laneId: rows[item.lane]!.laneId, stageId: columns[stage]!.stageId } : null;
  }
  for (let lane = item.lane + step; lane >= 0 && lane < rows.length; lane += step) {
    if (!grid.curveLaneIds.has(rows[lane]!.laneId)) return { laneId: rows[lane]!.laneId, stageId: columns[item.stage]!.stageId };
  }
  return null;
}
