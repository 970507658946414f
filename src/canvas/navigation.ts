/**
 * Arrow-key navigation between cards: up and down within a cell and then
 * into the next lane's cell of the same stage, left and right into the
 * neighbouring stage's cell of the same lane. Empty cells and curve lanes
 * (whose points are not cards) are skipped. Pure, over the grid layout.
 */
import { cellKey, type GridLayout } from './layout';

export type Direction = 'up' | 'down' | 'left' | 'right';

export function neighbourCard(layout: GridLayout, curveLaneIds: ReadonlySet<string>, cardId: string, direction: Direction): string | null {
  let laneIndex = -1;
  let stageIndex = -1;
  let index = -1;
  for (let li = 0; li < layout.rows.length && index < 0; li++) {
    for (let si = 0; si < layout.columns.length; si++) {
      const list = layout.cells.get(cellKey(layout.rows[li]!.laneId, layout.columns[si]!.stageId)) ?? [];
      const k = list.findIndex((c) => c.id === cardId);
      if (k >= 0) {
        [laneIndex, stageIndex, index] = [li, si, k];
        break;
      }
    }
  }
  if (index < 0) return null;
  const cell = (li: number, si: number) =>
    curveLaneIds.has(layout.rows[li]!.laneId)
      ? []
      : (layout.cells.get(cellKey(layout.rows[li]!.laneId, layout.columns[si]!.stageId)) ?? []);
  const here = cell(laneIndex, stageIndex);

  if (direction === 'down' || direction === 'up') {
    const step = direction === 'down' ? 1 : -1;
    const inCell = here[index + step];
    if (inCell && !curveLaneIds.has(layout.rows[laneIndex]!.laneId)) return inCell.id;
    for (let li = laneIndex + step; li >= 0 && li < layout.rows.length; li += step) {
      const list = cell(li, stageIndex);
      if (list.length) return (step === 1 ? list[0] : list.at(-1))!.id;
    }
    return null;
  }
  const step = direction === 'right' ? 1 : -1;
  for (let si = stageIndex + step; si >= 0 && si < layout.columns.length; si += step) {
    const list = cell(laneIndex, si);
    if (list.length) return list[Math.min(index, list.length - 1)]!.id;
  }
  return null;
}
