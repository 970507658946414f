import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createLiveMap } from '../../../src/model';
import { layoutGrid } from '../../../src/canvas/layout';
import { cellNodeId, laneNodeId, stageNodeId } from '../../../src/canvas/projection';
import { cardOfPlace, cellOf, locate, neighbourCell, nextNavId, pointNavId, tabStop, type NavGrid } from '../../../src/canvas/navigation';
import { setEmotion } from '../../../src/model/commands/cards';
import { emotionPoints } from '../../../src/model/journey';
import { mapDoc } from '../../fixtures/model';

function gridOf(doc: Y.Doc, canAdd = true): NavGrid {
  const s = createLiveMap(doc).getSnapshot();
  const layout = layoutGrid(s.stages, s.lanes, s.cards);
  const curveLaneIds = new Set(s.lanes.filter((l) => l.kind === 'emotions').map((l) => l.id));
  return { layout, curveLaneIds, canAdd, persona: true, curvePoints: emotionPoints(s.stages, s.lanes, s.cards) };
}

describe('keyboard navigation over the grid', () => {
  it('on a blank map starts on the first empty cell and walks cells, headers and the add buttons', () => {
    const doc = mapDoc();
    const grid = gridOf(doc);
    const { rows, columns } = grid.layout;
    const first = cellNodeId(rows[0]!.laneId, columns[0]!.stageId);
    expect(tabStop(grid, null)).toBe(first);
    expect(nextNavId(grid, first, 'right')).toBe(cellNodeId(rows[0]!.laneId, columns[1]!.stageId));
    expect(nextNavId(grid, first, 'down')).toBe(cellNodeId(rows[1]!.laneId, columns[0]!.stageId));
    expect(nextNavId(grid, first, 'up')).toBe(stageNodeId(columns[0]!.stageId));
    expect(nextNavId(grid, first, 'left')).toBe(laneNodeId(rows[0]!.laneId));
    expect(nextNavId(grid, stageNodeId(columns.at(-1)!.stageId), 'right')).toBe('add:stage');
    expect(nextNavId(grid, laneNodeId(rows.at(-1)!.laneId), 'down')).toBe('add:lane');
    expect(nextNavId(grid, 'add:stage', 'left')).toBe(stageNodeId(columns.at(-1)!.stageId));
    expect(nextNavId(grid, stageNodeId(columns[0]!.stageId), 'up')).toBe('persona');
  });

  it('reaches every lane going down a stage, the emotion curve through its cell', () => {
    const grid = gridOf(mapDoc());
    const { rows, columns } = grid.layout;
    const visited: string[] = [];
    let at: string | null = stageNodeId(columns[2]!.stageId);
    while ((at = nextNavId(grid, at, 'down'))) visited.push(at);
    expect(visited).toEqual(rows.map((r) => cellNodeId(r.laneId, columns[2]!.stageId)));
  });

  it('moves between cards in a cell, then to the next lane; a reader skips empty cells', () => {
    const doc = mapDoc();
    const base = gridOf(doc);
    const [lane0, lane1, lane2] = base.layout.rows.map((r) => r.laneId);
    const [stage0, stage1] = base.layout.columns.map((c) => c.stageId);
    const a = addCard(doc, { laneId: lane0!, stageId: stage0!, text: 'a' });
    const b = addCard(doc, { laneId: lane0!, stageId: stage0!, text: 'b' });
    const c = addCard(doc, { laneId: lane2!, stageId: stage0!, text: 'c' });
    const d = addCard(doc, { laneId: lane0!, stageId: stage1!, text: 'd' });
    const editor = gridOf(doc);
    expect(tabStop(editor, null)).toBe(a);
    expect(nextNavId(editor, a, 'down')).toBe(b);
    expect(nextNavId(editor, b, 'down')).toBe(cellNodeId(lane1!, stage0!));
    expect(nextNavId(editor, b, 'right')).toBe(d);
    expect(nextNavId(editor, d, 'left')).toBe(a);
    const reader = gridOf(doc, false);
    expect(nextNavId(reader, b, 'down')).toBe(c);
    expect(locate(reader, 'add:stage')).toBeNull();
    // The place Tab lands on stays where the keyboard was while it exists.
    expect(tabStop(editor, c)).toBe(c);
    expect(tabStop(editor, 'gone')).toBe(a);
  });

  it('finds the neighbouring cell for Alt+arrow moves, stepping over the emotion curve', () => {
    const doc = mapDoc();
    const base = gridOf(doc);
    const rows = base.layout.rows;
    const curve = rows.findIndex((r) => base.curveLaneIds.has(r.laneId));
    const stage = base.layout.columns[1]!.stageId;
    const above = addCard(doc, { laneId: rows[curve - 1]!.laneId, stageId: stage, text: 'above the curve' });
    const grid = gridOf(doc);
    expect(neighbourCell(grid, above, 'down')).toEqual({ laneId: rows[curve + 1]!.laneId, stageId: stage });
    expect(neighbourCell(grid, above, 'left')).toEqual({ laneId: rows[curve - 1]!.laneId, stageId: base.layout.columns[0]!.stageId });
    expect(neighbourCell(grid, above, 'up')).toEqual({ laneId: rows[curve - 2]!.laneId, stageId: stage });
  });

  it('goes up from the stage headers to the persona, and back down', () => {
    const grid = gridOf(mapDoc());
    const first = stageNodeId(grid.layout.columns[0]!.stageId);
    expect(nextNavId(grid, stageNodeId(grid.layout.columns[2]!.stageId), 'up')).toBe('persona');
    expect(nextNavId(grid, 'persona', 'down')).toBe(first);
    expect(nextNavId(grid, 'persona', 'right')).toBeNull();
    expect(locate({ ...grid, persona: false }, 'persona')).toBeNull();
    expect(nextNavId({ ...grid, persona: false }, first, 'up')).toBeNull();
  });

  it('walks the emotion curve left and right through each stage’s cell and points; up and down leave it', () => {
    const doc = mapDoc();
    const base = gridOf(doc);
    const { rows, columns } = base.layout;
    const curve = rows.findIndex((r) => base.curveLaneIds.has(r.laneId));
    const curveLane = rows[curve]!.laneId;
    const touchLane = createLiveMap(doc)
      .getSnapshot()
      .lanes.find((l) => l.kind === 'touchpoints')!.id;
    const [s0, s1, s2] = columns.map((c) => c.stageId);
    // A touchpoint with a score and a point of the curve's own, both in the second stage.
    const touch = addCard(doc, { laneId: touchLane, stageId: s1!, text: 'E-mail' });
    setEmotion(doc, touch, -2);
    const own = addCard(doc, { laneId: curveLane, stageId: s1!, text: '', fields: { emotion: 3 } });
    const grid = gridOf(doc);
    const [pTouch, pOwn] = [pointNavId(curveLane, touch), pointNavId(curveLane, own)];

    const along: string[] = [];
    let at: string | null = laneNodeId(curveLane);
    while ((at = nextNavId(grid, at, 'right')) && along.length < 10) along.push(at);
    expect(along.slice(0, 5)).toEqual([cellNodeId(curveLane, s0!), cellNodeId(curveLane, s1!), pTouch, pOwn, cellNodeId(curveLane, s2!)]);
    expect(nextNavId(grid, cellNodeId(curveLane, s2!), 'left')).toBe(pOwn);
    expect(nextNavId(grid, cellNodeId(curveLane, s0!), 'left')).toBe(laneNodeId(curveLane));
    // Down a column the keyboard stops on the cell, never on a point (whose score the next press would change).
    expect(nextNavId(grid, cellNodeId(rows[curve - 1]!.laneId, s1!), 'down')).toBe(cellNodeId(curveLane, s1!));
    expect(nextNavId(grid, pOwn, 'down')).toBe(cellNodeId(rows[curve + 1]!.laneId, s1!));
    // A point stands for its card (selected while the keyboard is on it), in its cell of the curve.
    expect(cardOfPlace(grid, pTouch)).toBe(touch);
    expect(cardOfPlace(grid, touch)).toBe(touch);
    expect(cellOf(grid, pOwn)).toEqual({ laneId: curveLane, stageId: s1 });
    expect(locate(grid, pointNavId(curveLane, 'gone'))).toBeNull();

    // A reader has no cells to stop on: the points are the places, and up and down go through them.
    const reader = gridOf(doc, false);
    expect(nextNavId(reader, laneNodeId(curveLane), 'right')).toBe(pTouch);
    expect(nextNavId(reader, touch, 'down')).toBe(pTouch);
    expect(nextNavId(reader, pTouch, 'up')).toBe(touch);
    expect(nextNavId(reader, pTouch, 'right')).toBe(pOwn);
  });
});
