import { describe, expect, it } from 'vitest';
import { createLiveMap, type MapSnapshot } from '../../../src/model/live';
import { GRID, layoutGrid } from '../../../src/canvas/layout';
import { CANVAS_LIMITS, fullSpan, gridWindows, pixelRatioFor, selectionSpan, spanExtent } from '../../../src/export/plan';
import { spanOfScope, visibleFlowRect } from '../../../src/export/scope';
import { mapDoc } from '../../fixtures/model';

function backpack(): MapSnapshot {
  const doc = mapDoc('backpack', 'zh-CN');
  const live = createLiveMap(doc);
  const snapshot = live.getSnapshot();
  live.destroy();
  return snapshot;
}
const layoutOf = (s: MapSnapshot) => layoutGrid(s.stages, s.lanes, s.cards);

describe('export planning', () => {
  it('draws a block of the whole map with its stage headers above and its lane headers beside it', () => {
    const snapshot = backpack();
    const layout = layoutOf(snapshot);
    const span = fullSpan(layout, true)!;
    const { y0, y1 } = spanExtent(layout, span);
    const windows = gridWindows(layout, [span.firstStage, span.lastStage], [y0, y1], { x: 32, y: 100 });
    expect(windows.width).toBe(layout.width);
    expect(windows.height).toBe(GRID.stageHeaderHeight + (y1 - y0));
    expect(windows.stageHeaders.sheet).toEqual({
      x: 32 + GRID.laneHeaderWidth,
      y: 100,
      width: layout.width - GRID.laneHeaderWidth,
      height: GRID.stageHeaderHeight,
    });
    expect(windows.laneHeaders.sheet.y).toBe(100 + GRID.stageHeaderHeight);
    expect(windows.body.sheet.x).toBe(windows.stageHeaders.sheet.x);
    expect(windows.body.flow).toEqual({ x: layout.columns[0]!.x, y: y0, width: windows.body.sheet.width, height: y1 - y0 });
    expect(fullSpan(layoutGrid([], [], []), false)).toBeNull();
  });

  it('keeps 2× unless the canvas would pass the browser limits', () => {
    expect(pixelRatioFor(2000, 5000)).toBe(2);
    const tall = pixelRatioFor(2000, 40_000);
    expect(40_000 * tall).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
    const huge = pixelRatioFor(12_000, 12_000);
    expect(12_000 * huge * 12_000 * huge).toBeLessThanOrEqual(CANVAS_LIMITS.maxArea + 1);
  });

  it('a selection covers the block of stages and lanes its cards are in', () => {
    const snapshot = backpack();
    const layout = layoutOf(snapshot);
    const a = snapshot.cards.find((c) => c.stageId === snapshot.stages[1]!.id && c.laneId === snapshot.lanes[0]!.id)!;
    const b = snapshot.cards.find((c) => c.stageId === snapshot.stages[3]!.id && c.laneId === snapshot.lanes[2]!.id)!;
    expect(selectionSpan(layout, [a, b])).toEqual({ firstStage: 1, lastStage: 3, firstLane: 0, lastLane: 2, persona: false });
    expect(selectionSpan(layout, [])).toBeNull();
  });

  it('the current view covers the stages and lanes at least partly on screen', () => {
    const snapshot = backpack();
    const layout = layoutOf(snapshot);
    const col = layout.columns[2]!;
    const view = visibleFlowRect({ x: -(col.x + 10) * 0.5, y: -(layout.rows[1]!.y + 5) * 0.5, zoom: 0.5 }, { width: 300, height: 100 });
    const span = spanOfScope('view', layout, snapshot, new Set(), view)!;
    expect(span.firstStage).toBe(2);
    expect(span.firstLane).toBe(1);
    expect(span.lastStage).toBeGreaterThanOrEqual(2);
  });
});
