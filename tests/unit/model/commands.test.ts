import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  castVote,
  deleteCard,
  deleteLane,
  deleteStage,
  duplicateCard,
  listEntities,
  moveCard,
  moveCards,
  moveLane,
  moveStage,
  readEntity,
  readMeta,
  renameMap,
  updateCard,
  updateCardText,
  updateLane,
  updateStage,
} from '../../../src/model';
import { firstCell, mapDoc } from '../../fixtures/model';
import { asOneStep } from '../../fixtures/undoStep';

const texts = (doc: Y.Doc, cell: { laneId: string; stageId: string }) =>
  listEntities(doc, 'cards')
    .filter((c) => c.laneId === cell.laneId && c.stageId === cell.stageId)
    .map((c) => c.text);
const stageNames = (doc: Y.Doc) => listEntities(doc, 'stages').map((s) => s.name);

describe('card commands', () => {
  it('add at an index within a cell, edit, update fields, delete', () => {
    const doc = mapDoc();
    const cell = firstCell(doc);
    asOneStep(doc, () => addCard(doc, { ...cell, text: 'b' }));
    asOneStep(doc, () => addCard(doc, { ...cell, text: 'a', index: 0 }));
    asOneStep(doc, () => addCard(doc, { ...cell, text: 'c' }));
    expect(texts(doc, cell)).toEqual(['a', 'b', 'c']);
    const b = listEntities(doc, 'cards').find((c) => c.text === 'b')!;
    asOneStep(doc, () => updateCardText(doc, b.id, '乙'));
    asOneStep(doc, () => updateCard(doc, b.id, { emotion: -3, channel: 'human' }));
    expect(readEntity(doc, 'cards', b.id)).toMatchObject({ text: '乙', emotion: -3, channel: 'human' });
    asOneStep(doc, () => deleteCard(doc, b.id));
    expect(texts(doc, cell)).toEqual(['a', 'c']);
  });

  it('moves within a cell to every index and to another cell', () => {
    const doc = mapDoc();
    const cell = firstCell(doc);
    const ids = ['a', 'b', 'c'].map((text) => addCard(doc, { ...cell, text }));
    asOneStep(doc, () => moveCard(doc, ids[0]!, { ...cell, index: 2 }));
    expect(texts(doc, cell)).toEqual(['b', 'c', 'a']);
    moveCard(doc, ids[0]!, { ...cell, index: 1 });
    expect(texts(doc, cell)).toEqual(['b', 'a', 'c']);
    moveCard(doc, ids[2]!, { ...cell, index: 0 });
    expect(texts(doc, cell)).toEqual(['c', 'b', 'a']);
    const other = firstCell(doc, 2, 3);
    asOneStep(doc, () => moveCard(doc, ids[1]!, { ...other, index: 0 }));
    expect(texts(doc, cell)).toEqual(['c', 'a']);
    expect(texts(doc, other)).toEqual(['b']);
    asOneStep(doc, () => moveCards(doc, [ids[2]!, ids[0]!], { ...other, index: 0 }));
    expect(texts(doc, other)).toEqual(['c', 'a', 'b']);
  });

  it('duplicates right after the original, without votes', () => {
    const doc = mapDoc();
    const cell = firstCell(doc);
    const a = addCard(doc, { ...cell, text: 'a', fields: { emotion: 2 } });
    castVote(doc, a, 'u1');
    castVote(doc, a, 'u1');
    addCard(doc, { ...cell, text: 'z' });
    let copy: string | null = null;
    asOneStep(doc, () => {
      copy = duplicateCard(doc, a);
    });
    expect(texts(doc, cell)).toEqual(['a', 'a', 'z']);
    expect(readEntity(doc, 'cards', copy!)).toMatchObject({ text: 'a', emotion: 2 });
    expect(readEntity(doc, 'cards', copy!)?.votes).toEqual({});
    expect(readEntity(doc, 'cards', a)?.votes).toEqual({ u1: 2 });
  });
});

describe('stage and lane commands', () => {
  it('adds, renames, moves and deletes stages (with their cards)', () => {
    const doc = mapDoc();
    asOneStep(doc, () => addStage(doc, { name: 'Renewal' }));
    asOneStep(doc, () => addStage(doc, { name: 'Trigger', index: 0 }));
    expect(stageNames(doc)).toEqual(['Trigger', 'Awareness', 'Consideration', 'Decision', 'Onboarding', 'Usage', 'Advocacy', 'Renewal']);
    const renewal = listEntities(doc, 'stages').at(-1)!;
    asOneStep(doc, () => updateStage(doc, renewal.id, { name: '续费', color: '#123456' }));
    asOneStep(doc, () => moveStage(doc, renewal.id, 1));
    expect(stageNames(doc).slice(0, 3)).toEqual(['Trigger', '续费', 'Awareness']);
    const cell = { laneId: listEntities(doc, 'lanes')[0]!.id, stageId: renewal.id };
    addCard(doc, { ...cell, text: 'gone with the stage' });
    const other = addCard(doc, { ...firstCell(doc, 0, 2), text: 'stays' });
    asOneStep(doc, () => deleteStage(doc, renewal.id));
    expect(listEntities(doc, 'cards').map((c) => c.id)).toEqual([other]);
  });

  it('adds, renames, moves and deletes lanes (with their cards)', () => {
    const doc = mapDoc();
    let lane = '';
    asOneStep(doc, () => {
      lane = addLane(doc, { kind: 'backstage', name: 'IT', department: 'it' });
    });
    asOneStep(doc, () => updateLane(doc, lane, { name: 'IT & data', kind: 'backstage' }));
    asOneStep(doc, () => moveLane(doc, lane, 0));
    expect(listEntities(doc, 'lanes')[0]).toMatchObject({ id: lane, name: 'IT & data', department: 'it' });
    addCard(doc, { laneId: lane, stageId: listEntities(doc, 'stages')[0]!.id, text: 'x' });
    asOneStep(doc, () => deleteLane(doc, lane));
    expect(listEntities(doc, 'cards')).toHaveLength(0);
    expect(listEntities(doc, 'lanes').some((l) => l.id === lane)).toBe(false);
  });

  it('renames the map', () => {
    const doc = mapDoc();
    asOneStep(doc, () => renameMap(doc, '  会员旅程  '));
    expect(readMeta(doc)?.title).toBe('会员旅程');
  });
});
