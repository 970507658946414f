/**
 * Version compare's diff (src/model/compare/diff.ts): two states of one map,
 * before and after, read as the app reads them (the live snapshot), and what
 * it says changed: cards added, removed, changed (text, fields, votes), moved
 * to another cell or within one; stages and lanes added, removed, renamed,
 * reordered; both emotion curves.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  castVote,
  createLiveMap,
  deleteCard,
  deleteLane,
  deleteStage,
  docToMapDocument,
  listEntities,
  MapDocumentSchema,
  moveCard,
  moveLane,
  moveStage,
  renameMap,
  setEmotion,
  setTag,
  updateCard,
  updateCardText,
  updateLane,
  updateStage,
} from '../../../src/model';
import {
  MapDiffSchema,
  diffMaps,
  isEmptyDiff,
  mergedOrder,
  reorderedIds,
  sideOfDocument,
  type CompareSide,
} from '../../../src/model/compare/diff';
import { compareView } from '../../../src/model/compare/view';
import { describeCardChange, namesOf, summaryLine } from '../../../src/model/compare/describe';
import { translatorFor } from '../../../src/i18n/language';
import { fillToCards } from '../../fixtures/large-map';
import { mapDoc } from '../../fixtures/model';
import { setLinkedMap } from '../../../src/model/commands/journeyLinks';

const snap = (doc: Y.Doc): CompareSide => {
  const live = createLiveMap(doc);
  const s = live.getSnapshot();
  live.destroy();
  return s;
};

/** A copy of the doc, to be changed into "after". */
const fork = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

const lanesOf = (doc: Y.Doc) => listEntities(doc, 'lanes');
const stagesOf = (doc: Y.Doc) => listEntities(doc, 'stages');
const laneOfKind = (doc: Y.Doc, kind: string) => lanesOf(doc).find((l) => l.kind === kind)!;

/** A blank map with three cards in the first cell of the actions lane, and a "before" copy of it. */
function setup() {
  const doc = mapDoc('blank');
  const cell = { laneId: laneOfKind(doc, 'actions').id, stageId: stagesOf(doc)[0]!.id };
  const ids = ['one', 'two', 'three'].map((text) => addCard(doc, { ...cell, text }));
  return { before: fork(doc), after: doc, cell, ids };
}

const diff = (before: Y.Doc, after: Y.Doc) => MapDiffSchema.parse(diffMaps(snap(before), snap(after)));

describe('diffMaps: cards', () => {
  it('lists a stage’s and a card’s linked map as a changed field (linked journeys)', () => {
    const { before, after, ids } = setup();
    const stage = stagesOf(after)[0]!.id;
    setLinkedMap(after, { carrier: 'stage', id: stage }, 'returnsMap');
    setLinkedMap(after, { carrier: 'card', id: ids[0]! }, 'refundsMap');
    const d = diff(before, after);
    expect(d.stages.find((s) => s.id === stage)?.fields).toEqual([{ field: 'linkedMapId', before: null, after: 'returnsMap' }]);
    expect(d.cards.find((c) => c.id === ids[0])?.fields).toEqual([{ field: 'linkedMapId', before: null, after: 'refundsMap' }]);
    expect(
      describeCardChange(
        translatorFor('zh-CN'),
        d.cards.find((c) => c.id === ids[0])!,
        namesOf(compareView(docToMapDocument(before), docToMapDocument(after))),
      ),
    ).toEqual(['关联旅程图：– → refundsMap']);
  });

  it('says nothing changed for the same map', () => {
    const { before, after } = setup();
    const d = diff(before, after);
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.counts.cards).toEqual({ added: 0, removed: 0, changed: 0, moved: 0 });
  });

  it('finds a card added and one removed, with their content', () => {
    const { before, after, cell, ids } = setup();
    const added = addCard(after, { ...cell, text: 'new one' });
    deleteCard(after, ids[1]!);
    const d = diff(before, after);
    // Journey order: the removed card was second in the cell, the added one is last.
    expect(d.cards.map((c) => [c.id, c.change])).toEqual([
      [ids[1], 'removed'],
      [added, 'added'],
    ]);
    const removed = d.cards.find((c) => c.change === 'removed')!;
    expect(removed.before?.text).toBe('two');
    expect(removed.after).toBeNull();
    expect(d.cards.find((c) => c.change === 'added')!.after?.text).toBe('new one');
    expect(d.counts.cards).toEqual({ added: 1, removed: 1, changed: 0, moved: 0 });
  });

  it('lists changed fields with the old and new values: text, scores, tags, votes', () => {
    const { before, after, ids } = setup();
    updateCardText(after, ids[0]!, 'one, edited');
    updateCard(after, ids[1]!, { importance: 4 });
    setTag(after, [ids[1]!], 'thorn', true);
    castVote(after, ids[2]!, 'p1');
    castVote(after, ids[2]!, 'p2');
    const d = diff(before, after);
    const byId = new Map(d.cards.map((c) => [c.id, c]));
    expect(byId.get(ids[0]!)!.fields).toEqual([{ field: 'text', before: 'one', after: 'one, edited' }]);
    expect(byId.get(ids[1]!)!.fields).toEqual([
      { field: 'importance', before: null, after: 4 },
      { field: 'tags', before: null, after: ['thorn'] },
    ]);
    // Votes as their total, never whose they are.
    expect(byId.get(ids[2]!)!.fields).toEqual([{ field: 'votes', before: null, after: 2 }]);
    expect(d.cards.every((c) => c.change === 'changed' && !c.moved && !c.reordered)).toBe(true);
    expect(d.counts.cards.changed).toBe(3);
  });

  it('finds a card moved to another stage and to another lane, with where it was', () => {
    const { before, after, cell, ids } = setup();
    const stage2 = stagesOf(after)[1]!.id;
    const thoughts = laneOfKind(after, 'thoughts').id;
    moveCard(after, ids[0]!, { ...cell, stageId: stage2 });
    moveCard(after, ids[1]!, { ...cell, laneId: thoughts });
    const d = diff(before, after);
    const byId = new Map(d.cards.map((c) => [c.id, c]));
    const toStage = byId.get(ids[0]!)!;
    expect(toStage).toMatchObject({ change: 'changed', moved: true, fields: [] });
    expect([toStage.before!.stageId, toStage.after!.stageId]).toEqual([cell.stageId, stage2]);
    const toLane = byId.get(ids[1]!)!;
    expect(toLane.moved).toBe(true);
    expect([toLane.before!.laneId, toLane.after!.laneId]).toEqual([cell.laneId, thoughts]);
    // The card left behind kept its place among the cell's cards: not reported.
    expect(byId.has(ids[2]!)).toBe(false);
    expect(d.counts.cards.moved).toBe(2);
  });

  it('reports one card moved up in its cell, not every card it passed', () => {
    const { before, after, cell, ids } = setup();
    moveCard(after, ids[2]!, { ...cell, index: 0 });
    const d = diff(before, after);
    expect(d.cards.map((c) => [c.id, c.reordered, c.moved])).toEqual([[ids[2], true, false]]);
  });

  it('a card added between others does not make them reordered', () => {
    const { before, after, cell } = setup();
    addCard(after, { ...cell, text: 'first', index: 0 });
    const d = diff(before, after);
    expect(d.cards.map((c) => c.change)).toEqual(['added']);
  });

  it('lists cards in journey order: stage, lane, place in the cell', () => {
    const doc = mapDoc('blank');
    const before = fork(doc);
    const [s1, s2] = stagesOf(doc);
    const actions = laneOfKind(doc, 'actions').id;
    const thoughts = laneOfKind(doc, 'thoughts').id;
    const late = addCard(doc, { laneId: actions, stageId: s2!.id, text: 'late' });
    const below = addCard(doc, { laneId: thoughts, stageId: s1!.id, text: 'below' });
    const first = addCard(doc, { laneId: actions, stageId: s1!.id, text: 'first' });
    const second = addCard(doc, { laneId: actions, stageId: s1!.id, text: 'second' });
    const expected = expectedOrder(doc, [late, below, first, second]);
    expect(expected.slice(0, 2)).toEqual([first, second]);
    expect(diff(before, doc).cards.map((c) => c.id)).toEqual(expected);
  });

  it('compares emotion scores and gives both curves', () => {
    const doc = mapDoc('blank');
    const emotions = laneOfKind(doc, 'emotions').id;
    const [s1, s2] = stagesOf(doc);
    const p1 = addCard(doc, { laneId: emotions, stageId: s1!.id, text: 'calm' });
    const p2 = addCard(doc, { laneId: emotions, stageId: s2!.id, text: 'angry' });
    setEmotion(doc, p1, 2);
    setEmotion(doc, p2, -3);
    const before = fork(doc);
    setEmotion(doc, p2, 1);
    const d = diff(before, doc);
    expect(d.cards).toHaveLength(1);
    expect(d.cards[0]!.fields).toEqual([{ field: 'emotion', before: -3, after: 1 }]);
    expect(d.curve.before).toEqual([
      { cardId: p1, stageId: s1!.id, emotion: 2 },
      { cardId: p2, stageId: s2!.id, emotion: -3 },
    ]);
    expect(d.curve.after.map((p) => p.emotion)).toEqual([2, 1]);
  });

  it('reads a map file (a stored version’s content) the same as a live doc', () => {
    const { before, after, cell, ids } = setup();
    addCard(after, { ...cell, text: 'four' });
    deleteCard(after, ids[0]!);
    const fromFiles = diffMaps(sideOfDocument(docToMapDocument(before)), sideOfDocument(docToMapDocument(after)));
    expect(fromFiles).toEqual(diffMaps(snap(before), snap(after)));
  });
});

/** The ids in the doc's journey order (stage, lane, order). */
function expectedOrder(doc: Y.Doc, ids: string[]) {
  const stages = stagesOf(doc).map((s) => s.id);
  const lanes = lanesOf(doc).map((l) => l.id);
  const cards = listEntities(doc, 'cards').filter((c) => ids.includes(c.id));
  return cards
    .sort(
      (a, b) =>
        stages.indexOf(a.stageId) - stages.indexOf(b.stageId) ||
        lanes.indexOf(a.laneId) - lanes.indexOf(b.laneId) ||
        (a.order < b.order ? -1 : a.order > b.order ? 1 : 0),
    )
    .map((c) => c.id);
}

describe('diffMaps: stages and lanes', () => {
  it('finds stages added, removed, renamed and recoloured', () => {
    const doc = mapDoc('blank');
    const [s1, s2, s3] = stagesOf(doc);
    const before = fork(doc);
    const added = addStage(doc, { name: 'Advocacy' });
    deleteStage(doc, s2!.id);
    updateStage(doc, s1!.id, { name: 'Awareness!', color: '#123456' });
    const d = diff(before, doc);
    expect(d.stages.map((s) => [s.id, s.change])).toEqual([
      [s1!.id, 'changed'],
      [s2!.id, 'removed'],
      [added, 'added'],
    ]);
    expect(d.stages[0]!.fields).toEqual([
      { field: 'name', before: s1!.name, after: 'Awareness!' },
      { field: 'color', before: s1!.color, after: '#123456' },
    ]);
    expect(d.stages[1]!.before!.name).toBe(s2!.name);
    expect(d.counts.stages).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(s3).toBeDefined();
  });

  it('a removed stage takes its cards: they are removed too, placed in their old stage', () => {
    const doc = mapDoc('blank');
    const s2 = stagesOf(doc)[1]!;
    const card = addCard(doc, { laneId: laneOfKind(doc, 'actions').id, stageId: s2.id, text: 'gone with its stage' });
    const before = fork(doc);
    deleteStage(doc, s2.id);
    const d = diff(before, doc);
    expect(d.cards).toMatchObject([{ id: card, change: 'removed', before: { stageId: s2.id } }]);
  });

  it('reports the stage moved, not the ones it jumped over', () => {
    const doc = mapDoc('blank');
    const stages = stagesOf(doc);
    const before = fork(doc);
    moveStage(doc, stages.at(-1)!.id, 0);
    const d = diff(before, doc);
    expect(d.stages.map((s) => [s.id, s.change, s.reordered])).toEqual([[stages.at(-1)!.id, 'changed', true]]);
    expect(d.stages[0]!.fields).toEqual([]);
  });

  it('finds lanes added, removed, renamed, retyped and reordered', () => {
    const doc = mapDoc('blank');
    const lanes = lanesOf(doc);
    const before = fork(doc);
    const added = addLane(doc, { kind: 'notes', name: 'Notes' });
    deleteLane(doc, lanes[1]!.id);
    updateLane(doc, lanes[2]!.id, { name: 'Renamed', kind: 'notes' });
    moveLane(doc, lanes[0]!.id, lanesOf(doc).length - 1);
    const d = diff(before, doc);
    const byId = new Map(d.lanes.map((l) => [l.id, l]));
    expect(byId.get(added)!.change).toBe('added');
    expect(byId.get(lanes[1]!.id)!.change).toBe('removed');
    expect(byId.get(lanes[2]!.id)!.fields.map((f) => f.field)).toEqual(['name', 'kind']);
    expect(byId.get(lanes[0]!.id)).toMatchObject({ change: 'changed', reordered: true });
    expect(d.counts.lanes).toEqual({ added: 1, removed: 1, changed: 2 });
  });

  it('finds the map renamed', () => {
    const doc = mapDoc('blank');
    const before = fork(doc);
    renameMap(doc, 'Renamed map');
    expect(diff(before, doc).meta).toEqual([{ field: 'title', before: docToMapDocument(before).meta.title, after: 'Renamed map' }]);
  });
});

describe('list helpers', () => {
  it('reorderedIds: the fewest ids that explain a new order', () => {
    expect([...reorderedIds(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])]).toEqual([]);
    expect([...reorderedIds(['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c'])]).toEqual(['d']);
    expect([...reorderedIds(['a', 'b', 'c', 'd'], ['b', 'a', 'c', 'd'])]).toHaveLength(1);
    expect([...reorderedIds([], [])]).toEqual([]);
  });

  it('mergedOrder: removed entities where they were', () => {
    const e = (id: string) => ({ id });
    expect(mergedOrder(['a', 'b', 'c', 'd'].map(e), ['a', 'c', 'x'].map(e)).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'x']);
    expect(mergedOrder(['z', 'a'].map(e), ['a'].map(e)).map((x) => x.id)).toEqual(['z', 'a']);
  });
});

describe('diffMaps on the 600-card map', () => {
  it('finds exactly the edits made', { timeout: 30_000 }, () => {
    const doc = mapDoc('backpack');
    fillToCards(doc, 600);
    const before = fork(doc);
    const cards = listEntities(doc, 'cards');
    const stage2 = stagesOf(doc)[1]!.id;
    for (let i = 0; i < 10; i++) updateCardText(doc, cards[i * 7]!.id, `edited ${i}`);
    for (let i = 0; i < 5; i++) deleteCard(doc, cards[100 + i]!.id);
    // A card neither edited nor removed (ids are random, so the journey order of the filled cards is too).
    const touched = new Set([...Array.from({ length: 10 }, (_, i) => cards[i * 7]!.id), ...cards.slice(100, 105).map((c) => c.id)]);
    const movedCard = cards.find((c) => !touched.has(c.id) && c.stageId !== stage2 && c.laneId === laneOfKind(doc, 'actions').id)!;
    moveCard(doc, movedCard.id, { laneId: movedCard.laneId, stageId: stage2 });
    const [a, b] = [snap(before), snap(doc)];
    const d = diffMaps(a, b);
    expect(d.counts.cards).toMatchObject({ removed: 5, moved: 1 });
    expect(d.counts.cards.changed).toBe(11);
  });
});

describe('compareView: the map a compare shows', () => {
  it('is the after map with removed cards, stages and lanes back where they were', () => {
    const doc = mapDoc('blank');
    const stages = stagesOf(doc);
    const actions = laneOfKind(doc, 'actions').id;
    const cell = { laneId: actions, stageId: stages[0]!.id };
    const [one, two, three] = ['one', 'two', 'three'].map((text) => addCard(doc, { ...cell, text }));
    const inStage2 = addCard(doc, { laneId: actions, stageId: stages[1]!.id, text: 'in stage 2' });
    const notes = addLane(doc, { kind: 'notes', name: 'Notes' });
    const before = fork(doc);
    deleteCard(doc, two!);
    deleteStage(doc, stages[1]!.id);
    deleteLane(doc, notes);
    moveCard(doc, three!, { laneId: actions, stageId: stages[2]!.id });
    const added = addCard(doc, { ...cell, text: 'added' });
    const view = MapDocumentSchema.parse(compareView(docToMapDocument(before), docToMapDocument(doc)));
    const side = sideOfDocument(view);
    expect(side.stages.map((s) => s.id)).toEqual(stages.map((s) => s.id));
    expect(side.lanes.map((l) => l.id)).toEqual(lanesOf(before).map((l) => l.id));
    const inCell = side.cards.filter((c) => c.laneId === actions && c.stageId === stages[0]!.id).map((c) => c.id);
    // The removed card where it was; the moved one only in its new cell.
    expect(inCell).toEqual([one, two, added]);
    expect(view.cards[three!]!.stageId).toBe(stages[2]!.id);
    expect(view.cards[inStage2]!.stageId).toBe(stages[1]!.id);
  });
});

describe('describe: a compare in words', () => {
  it('says old → new in the reader’s language, moves with their cells', () => {
    const doc = mapDoc('blank');
    const [s1, s2] = stagesOf(doc);
    const touch = laneOfKind(doc, 'touchpoints');
    const card = addCard(doc, { laneId: touch.id, stageId: s1!.id, text: 'Website' });
    const before = fork(doc);
    updateCard(doc, card, { channel: 'digital', momentOfTruth: true });
    setTag(doc, [card], 'rose', true);
    moveCard(doc, card, { laneId: touch.id, stageId: s2!.id });
    const view = compareView(docToMapDocument(before), docToMapDocument(doc));
    const d = diffMaps(snap(before), snap(doc));
    const names = namesOf(view);
    expect(describeCardChange(translatorFor('en'), d.cards[0]!, names)).toEqual([
      'Channel: – → Digital',
      'Moment of truth: – → yes',
      'Tags: – → Rose',
      `Moved from ${s1!.name} / ${touch.name} to ${s2!.name} / ${touch.name}`,
    ]);
    const zh = describeCardChange(translatorFor('zh-CN'), d.cards[0]!, names);
    expect(zh[0]).toBe('渠道：– → 线上');
    expect(zh.at(-1)).toMatch(/^从 .+ 移到 .+$/);
    expect(summaryLine(translatorFor('en'), d)).toBe('0 added · 0 removed · 1 changed · 1 moved');
  });
});
