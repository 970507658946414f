import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addStage,
  deleteCard,
  deleteStage,
  docToMapDocument,
  listEntities,
  MapDocumentSchema,
  moveCard,
  moveStage,
  updateCardText,
} from '../../../src/model';
import { firstCell, prng, sync, twoReplicas } from '../../fixtures/model';

const converged = (a: Y.Doc, b: Y.Doc) => {
  const ma = docToMapDocument(a);
  expect(docToMapDocument(b)).toEqual(ma);
  MapDocumentSchema.parse(ma);
  return ma;
};

describe('two people at once', () => {
  it('both move the same card to different cells: one card, in one of the two cells', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'contested' });
    sync(a, b);
    const toA = firstCell(a, 1, 2);
    const toB = firstCell(b, 3, 4);
    moveCard(a, id, toA);
    moveCard(b, id, toB);
    sync(a, b);
    const map = converged(a, b);
    const cards = Object.values(map.cards);
    expect(cards).toHaveLength(1);
    const where = { laneId: cards[0]!.laneId, stageId: cards[0]!.stageId };
    expect([toA, toB]).toContainEqual(where);
  });

  it('one moves a card while the other deletes it: it stays deleted', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'doomed' });
    sync(a, b);
    moveCard(a, id, firstCell(a, 2, 2));
    deleteCard(b, id);
    sync(a, b);
    expect(Object.keys(converged(a, b).cards)).toHaveLength(0);
  });

  it('one edits a card while the other deletes it: it stays deleted', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'doomed' });
    sync(a, b);
    updateCardText(a, id, 'edited');
    deleteCard(b, id);
    sync(a, b);
    expect(Object.keys(converged(a, b).cards)).toHaveLength(0);
  });

  it('both delete the same card', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'x' });
    sync(a, b);
    deleteCard(a, id);
    deleteCard(b, id);
    sync(a, b);
    expect(Object.keys(converged(a, b).cards)).toHaveLength(0);
  });

  it('two inserts into one cell at the same index keep both, in the same order, and a third fits between', () => {
    const [a, b] = twoReplicas();
    const cell = firstCell(a);
    addCard(a, { ...cell, text: 'from A', index: 0 });
    addCard(b, { ...cell, text: 'from B', index: 0 });
    sync(a, b);
    const order = listEntities(a, 'cards').map((c) => c.text);
    expect(order.sort()).toEqual(['from A', 'from B']);
    expect(listEntities(b, 'cards').map((c) => c.text)).toEqual(listEntities(a, 'cards').map((c) => c.text));
    const [first, second] = listEntities(a, 'cards').map((c) => c.text);
    addCard(a, { ...cell, text: 'middle', index: 1 });
    sync(a, b);
    expect(listEntities(b, 'cards').map((c) => c.text)).toEqual([first, 'middle', second]);
    converged(a, b);
  });

  it('concurrent reorders of different stages give one consistent order', () => {
    const [a, b] = twoReplicas();
    const stages = listEntities(a, 'stages');
    moveStage(a, stages[0]!.id, 5);
    moveStage(b, stages[5]!.id, 0);
    sync(a, b);
    const map = converged(a, b);
    expect(Object.keys(map.stages)).toHaveLength(6);
    expect(listEntities(a, 'stages').map((s) => s.id)).toEqual(listEntities(b, 'stages').map((s) => s.id));
  });

  it('a card added into a stage that is deleted at the same time is not shown or exported', () => {
    const [a, b] = twoReplicas();
    const stageId = listEntities(a, 'stages')[1]!.id;
    deleteStage(a, stageId);
    addCard(b, { laneId: listEntities(b, 'lanes')[0]!.id, stageId, text: 'orphan' });
    sync(a, b);
    const map = converged(a, b);
    expect(Object.values(map.cards).map((c) => c.text)).not.toContain('orphan');
  });

  it('edits of different cards both survive; edits of the same card converge', () => {
    const [a, b] = twoReplicas();
    const x = addCard(a, { ...firstCell(a), text: 'x' });
    const y = addCard(a, { ...firstCell(a), text: 'y' });
    sync(a, b);
    updateCardText(a, x, 'x by A');
    updateCardText(b, y, 'y by B');
    sync(a, b);
    expect(
      listEntities(a, 'cards')
        .map((c) => c.text)
        .sort(),
    ).toEqual(['x by A', 'y by B']);
    updateCardText(a, x, 'A wins?');
    updateCardText(b, x, 'B wins?');
    sync(a, b);
    converged(a, b);
  });

  it('three replicas × 200 random commands converge to a valid map', () => {
    const rand = prng(42);
    const [a, b] = twoReplicas('subscription');
    const c = new Y.Doc();
    Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
    const docs = [a, b, c];
    const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rand() * list.length)];
    for (let step = 0; step < 200; step++) {
      const doc = pick(docs)!;
      const cards = listEntities(doc, 'cards');
      const lanes = listEntities(doc, 'lanes');
      const stages = listEntities(doc, 'stages');
      const cell = () => ({ laneId: pick(lanes)!.id, stageId: pick(stages)!.id });
      const r = rand();
      if (r < 0.3 || cards.length === 0) addCard(doc, { ...cell(), text: `s${step}`, index: Math.floor(rand() * 3) });
      else if (r < 0.6) moveCard(doc, pick(cards)!.id, { ...cell(), index: Math.floor(rand() * 3) });
      else if (r < 0.75) updateCardText(doc, pick(cards)!.id, `t${step}`);
      else if (r < 0.88) deleteCard(doc, pick(cards)!.id);
      else if (r < 0.95) moveStage(doc, pick(stages)!.id, Math.floor(rand() * stages.length));
      else if (stages.length > 3) deleteStage(doc, pick(stages)!.id);
      else addStage(doc, { name: `stage ${step}` });
      if (rand() < 0.2) sync(pick(docs)!, pick(docs)!);
    }
    sync(...docs);
    const map = converged(a, b);
    expect(docToMapDocument(c)).toEqual(map);
    const ids = Object.keys(map.cards);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
