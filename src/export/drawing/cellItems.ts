/** A cell of the grid (CellNode): its ground, grey for backstage lanes, and its right and bottom grid lines. */
import type { Rect } from '../plan';
import type { LaneKind } from '../../model/schema';
import { BACKSTAGE_FILL, CELL_FILL, LINE } from './palette';
import type { DrawingItem } from './types';

export function cellItems(cell: Rect, laneKind: LaneKind): DrawingItem[] {
  const { x, y, width: w, height: h } = cell;
  return [
    { kind: 'rect', x, y, width: w, height: h, fill: laneKind === 'backstage' ? BACKSTAGE_FILL : CELL_FILL },
    { kind: 'path', d: `M${x + w - 0.5} ${y}L${x + w - 0.5} ${y + h - 0.5}L${x} ${y + h - 0.5}`, stroke: LINE, lineWidth: 1 },
  ];
}
