import { describe, expect, it } from 'vitest';
import {
  addCard,
  createLiveMap,
  docToMapDocument,
  emotionPoints,
  MapDocumentSchema,
  moveCard,
  updateCardText,
  updateStage,
} from '../../../src/model';
import { adoptUserNodes, getNodesInside, type InternalNodeBase, type NodeBase } from '@xyflow/system';
import { cellAt, dropIndex, GRID, layoutGrid } from '../../../src/canvas/layout';
import { createNodeCache, projectNodes } from '../../../src/canvas/projection';
import { firstCell, mapDoc } from '../../fixtures/model';
import { fillToCards } from '../../fixtures/large-map';

describe('live map view', () => {
  it('re-parses only what changed and keeps other entities identical', () => {
    const doc = mapDoc('subscription');
    const live = createLiveMap(doc);
    let notified = 0;
    live.subscribe(() => notified++);
    const before = live.getSnapshot();
    const [first, second] = before.cards;
    updateCardText(doc, first!.id, 'changed');
    const after = live.getSnapshot();
    expect(notified).toBe(1);
    expect(after.cardById.get(first!.id)?.text).toBe('changed');
    expect(after.cardById.get(second!.id)).toBe(second);
    expect(after.stages).toBe(before.stages);
    expect(after.lanes).toBe(before.lanes);
    expect(live.getSnapshot()).toBe(after);
    updateStage(doc, before.stages[0]!.id, { name: 'Renamed' });
    expect(live.getSnapshot().cards).toBe(after.cards);
    live.destroy();
  });
});

describe('projection', () => {
  it('keeps node objects whose geometry did not change', () => {
    const doc = mapDoc('subscription');
    const live = createLiveMap(doc);
    const cache = createNodeCache();
    const project = () => {
      const s = live.getSnapshot();
      return cache(projectNodes(s, layoutGrid(s.stages, s.lanes, s.cards)));
    };
    const first = project();
    const card = live.getSnapshot().cards[0]!;
    updateCardText(doc, card.id, 'text only');
    const second = project();
    // A text edit changes no node: the card component reads its text by id.
    second.forEach((n, i) => expect(n).toBe(first[i]));
    moveCard(doc, card.id, firstCell(doc, 6, 5));
    const third = project();
    expect(third.find((n) => n.id === card.id)).not.toBe(first.find((n) => n.id === card.id));
    live.destroy();
  });

  it('lets React Flow mount only the nodes on screen when a 600-card map opens', () => {
    const doc = mapDoc('backpack');
    fillToCards(doc, 600);
    const live = createLiveMap(doc);
    const s = live.getSnapshot();
    const nodes = projectNodes(s, layoutGrid(s.stages, s.lanes, s.cards));
    // What React Flow does with them before anything is measured: adopt, then pick the visible ones.
    const lookup = new Map<string, InternalNodeBase<NodeBase>>();
    adoptUserNodes(nodes, lookup, new Map());
    const screen = { x: 0, y: 0, width: 1440, height: 900 };
    const mounted = getNodesInside(lookup, screen, [0, 0, 1], true).filter((n) => n.type === 'card');
    // A 1440×900 screen at 100 % holds a few dozen cards, not the map's hundreds.
    expect(mounted.length).toBeGreaterThan(0);
    expect(mounted.length).toBeLessThan(60);
    live.destroy();
  });

  it('finds the cell and index under a dropped card', () => {
    const doc = mapDoc();
    const cell = firstCell(doc, 1, 2);
    const ids = ['a', 'b', 'c'].map((text) => addCard(doc, { ...cell, text }));
    const s = createLiveMap(doc).getSnapshot();
    const layout = layoutGrid(s.stages, s.lanes, s.cards);
    const col = layout.columns[2]!;
    const row = layout.rows[1]!;
    expect(cellAt(layout, { x: col.x + 5, y: row.y + 5 })).toEqual(cell);
    expect(cellAt(layout, { x: -10, y: row.y })).toBeNull();
    const slot = GRID.cardHeight + GRID.cardGap;
    expect(dropIndex(layout, cell, row.y + GRID.cellPadding, [ids[2]!])).toBe(0);
    expect(dropIndex(layout, cell, row.y + GRID.cellPadding + slot * 1.2, [ids[0]!])).toBe(1);
    expect(dropIndex(layout, cell, row.y + 10_000, [])).toBe(3);
  });
});

describe('the 600-card fixture', () => {
  it('is a valid map whose every card is either a node or a point on the curve', () => {
    const doc = mapDoc('backpack');
    fillToCards(doc, 600);
    const map = docToMapDocument(doc);
    expect(MapDocumentSchema.safeParse(map).success).toBe(true);
    expect(Object.keys(map.cards)).toHaveLength(600);
    const live = createLiveMap(doc);
    const s = live.getSnapshot();
    const layout = layoutGrid(s.stages, s.lanes, s.cards);
    const curveLanes = new Set(s.lanes.filter((l) => l.kind === 'emotions').map((l) => l.id));
    const onCurve = s.cards.filter((c) => curveLanes.has(c.laneId)).length;
    expect(onCurve).toBeGreaterThan(0);
    expect(projectNodes(s, layout).filter((n) => n.type === 'card')).toHaveLength(600 - onCurve);
    expect(emotionPoints(s.stages, s.lanes, s.cards).length).toBeGreaterThan(onCurve);
    live.destroy();
  });
});
