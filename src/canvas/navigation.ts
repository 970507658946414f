/**
 * Arrow-key navigation over the journey grid, as in a spreadsheet: cards
 * stack inside cells, stage headers are the top row, lane headers the left
 * column, and the "+" buttons that add a stage or a lane sit past the last
 * ones. Up and down walk a cell's cards and then the next lane's cell of the
 * same stage; left and right go to the neighbouring stage's cell of the same
 * lane. An empty cell is a place of its own when cards may be added there
 * (its "+ Add card"), so every lane can be reached; in a curve lane the
 * places are the cells (their "+ Add emotion point"): its points are
 * sliders of their own, not cards. Pure, over the grid layout.
 *
 * Items are named by their React Flow node id (projection.ts): a card's id,
 * `stage:…`, `lane:…`, `cell:…`, `add:stage`, `add:lane`.
 */
import { cellKey, type CellRef, type GridLayout } from './layout';
import { cellNodeId, laneNodeId, stageNodeId } from './projection';

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface NavGrid {
  layout: GridLayout;
  curveLaneIds: ReadonlySet<string>;
  /** empty cells (and the add-stage / add-lane buttons) are places: true when this user may add */
  canAdd: boolean;
}

export type NavItem =
  | { kind: 'card'; id: string; lane: number; stage: number; index: number }
  | { kind: 'cell'; lane: number; stage: number }
  | { kind: 'stage'; stage: number }
  | { kind: 'lane'; lane: number }
  | { kind: 'addStage' }
  | { kind: 'addLane' };

const cardsIn = (grid: NavGrid, lane: number, stage: number) =>
  grid.layout.cells.get(cellKey(grid.layout.rows[lane]!.laneId, grid.layout.columns[stage]!.stageId)) ?? [];

/** Where a nav id is on the grid, or null when it is not (any more). */
export function locate(grid: NavGrid, navId: string): NavItem | null {
  const { rows, columns } = grid.layout;
  if (navId === 'add:stage') return grid.canAdd ? { kind: 'addStage' } : null;
  if (navId === 'add:lane') return grid.canAdd ? { kind: 'addLane' } : null;
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
    case 'addStage':
      return 'add:stage';
    case 'addLane':
      return 'add:lane';
  }
}

/** The cell a card or an empty cell is in. */
export function cellOf(grid: NavGrid, navId: string): CellRef | null {
  const item = locate(grid, navId);
  if (!item || (item.kind !== 'card' && item.kind !== 'cell')) return null;
  return { laneId: grid.layout.rows[item.lane]!.laneId, stageId: grid.layout.columns[item.stage]!.stageId };
}

/** The place a move lands on in cell (lane, stage): `at` picks the card, or the empty cell; null when it is no place. */
function placeIn(grid: NavGrid, lane: number, stage: number, at: 'first' | 'last' | number): string | null {
  if (grid.curveLaneIds.has(grid.layout.rows[lane]!.laneId)) return grid.canAdd ? navIdOf(grid, { kind: 'cell', lane, stage }) : null;
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
      return vertical ? verticalFrom(grid, item.lane, item.stage, step) : horizontalFrom(grid, item.lane, item.stage, 0, step);
    case 'stage': {
      if (direction === 'up') return null;
      if (direction === 'down') return verticalFrom(grid, -1, item.stage, 1);
      const stage = item.stage + step;
      if (stage >= 0 && stage < columns.length) return navIdOf(grid, { kind: 'stage', stage });
      return step === 1 && grid.canAdd ? 'add:stage' : null;
    }
    case 'lane': {
      if (direction === 'left') return null;
      if (direction === 'right') return horizontalFrom(grid, item.lane, -1, 0, 1);
      const lane = item.lane + step;
      if (lane >= 0 && lane < rows.length) return navIdOf(grid, { kind: 'lane', lane });
      return step === 1 && grid.canAdd ? 'add:lane' : null;
    }
    case 'addStage':
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
