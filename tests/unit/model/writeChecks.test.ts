/**
 * Commands check what they write against the schema, before their first
 * write: a refused command throws a WriteRefusedError and the map is exactly
 * as it was (what every reader sees included).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addPersona,
  addStage,
  castVote,
  collection,
  docToMapDocument,
  duplicateCard,
  InvalidWriteError,
  listEntities,
  MAP_LIMITS,
  MapLimitError,
  moveCard,
  moveCards,
  readEntity,
  readMeta,
  renameMap,
  setMapDescription,
  setTag,
  setVotesPerParticipant,
  TEXT_LIMITS,
  updateCard,
  updateCards,
  updateCardText,
  updateLane,
  updatePersona,
  updateStage,
  WriteRefusedError,
  type CollectionName,
} from '../../../src/model';
import { createLiveMap } from '../../../src/model/live';
import { firstCell, mapDoc } from '../../fixtures/model';

const tooLong = (max: number) => 'x'.repeat(max + 1);

/** Runs `command`, which must be refused with `type`, and checks the document did not change at all. */
function expectRefused<E extends WriteRefusedError>(doc: Y.Doc, command: () => unknown, type: new (...args: never[]) => E): E {
  const before = Y.encodeStateVector(doc);
  let updates = 0;
  const count = () => updates++;
  doc.on('update', count);
  let caught: unknown;
  try {
    command();
  } catch (err) {
    caught = err;
  }
  doc.off('update', count);
  expect(caught).toBeInstanceOf(type);
  expect(updates).toBe(0);
  expect(Y.encodeStateVector(doc)).toEqual(before);
  return caught as E;
}

describe('text commands refuse a text longer than the schema allows', () => {
  it('updateCardText: a 5,001-character text is refused and the card stays visible with its text', () => {
    const doc = mapDoc();
    const live = createLiveMap(doc);
    const id = addCard(doc, { ...firstCell(doc), text: 'keep me' });
    expect(TEXT_LIMITS.cardText).toBe(5000);
    const err = expectRefused(doc, () => updateCardText(doc, id, tooLong(5000)), InvalidWriteError);
    expect(err.target).toBe('cards');
    expect(err.fields).toEqual(['text']);
    expect(err.issues[0]).toMatchObject({ code: 'too_big', path: ['text'] });
    expect(readEntity(doc, 'cards', id)?.text).toBe('keep me');
    expect(live.getSnapshot().cardById.get(id)?.text).toBe('keep me');
    expect(docToMapDocument(doc).cards[id]?.text).toBe('keep me');
    // exactly the limit is fine
    updateCardText(doc, id, 'y'.repeat(5000));
    expect(live.getSnapshot().cardById.get(id)?.text).toHaveLength(5000);
    live.destroy();
  });

  it.each([
    ['updateCard', (doc: Y.Doc, id: string) => updateCard(doc, id, { text: tooLong(TEXT_LIMITS.cardText) })],
    ['updateCard (metric)', (doc: Y.Doc, id: string) => updateCard(doc, id, { metric: tooLong(TEXT_LIMITS.cardMetric) })],
    ['updateCards (unit)', (doc: Y.Doc, id: string) => updateCards(doc, [id], { unit: tooLong(TEXT_LIMITS.cardUnit) })],
  ])('%s is refused and the card stays as it was', (_name, command) => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'keep me', fields: { metric: 'NPS', unit: '%' } });
    expectRefused(doc, () => command(doc, id), InvalidWriteError);
    expect(readEntity(doc, 'cards', id)).toMatchObject({ text: 'keep me', metric: 'NPS', unit: '%' });
  });

  it('addCard with a text too long creates nothing, and does not re-key the cell', () => {
    const doc = mapDoc();
    const cell = firstCell(doc);
    addCard(doc, { ...cell, text: 'a' });
    expectRefused(doc, () => addCard(doc, { ...cell, text: tooLong(TEXT_LIMITS.cardText), index: 0 }), InvalidWriteError);
    expect(listEntities(doc, 'cards').map((c) => c.text)).toEqual(['a']);
  });

  it('stage, lane and persona names and texts', () => {
    const doc = mapDoc();
    const stage = listEntities(doc, 'stages')[0]!;
    const lane = listEntities(doc, 'lanes')[0]!;
    const persona = addPersona(doc, { name: 'Mia' });
    expectRefused(doc, () => updateStage(doc, stage.id, { name: tooLong(TEXT_LIMITS.stageName) }), InvalidWriteError);
    expectRefused(doc, () => updateStage(doc, stage.id, { description: tooLong(TEXT_LIMITS.stageDescription) }), InvalidWriteError);
    expectRefused(doc, () => updateLane(doc, lane.id, { department: tooLong(TEXT_LIMITS.laneDepartment) }), InvalidWriteError);
    expectRefused(doc, () => updatePersona(doc, persona, { quote: tooLong(TEXT_LIMITS.personaQuote) }), InvalidWriteError);
    expectRefused(doc, () => updatePersona(doc, persona, { goals: ['ok', tooLong(TEXT_LIMITS.personaListItem)] }), InvalidWriteError);
    expectRefused(doc, () => addStage(doc, { name: tooLong(TEXT_LIMITS.stageName), index: 0 }), InvalidWriteError);
    expectRefused(doc, () => addLane(doc, { kind: 'notes', name: tooLong(TEXT_LIMITS.laneName) }), InvalidWriteError);
    expectRefused(doc, () => addPersona(doc, { name: tooLong(TEXT_LIMITS.personaName) }), InvalidWriteError);
    expect(readEntity(doc, 'stages', stage.id)).toEqual(stage);
    expect(readEntity(doc, 'lanes', lane.id)).toEqual(lane);
    expect(readEntity(doc, 'personas', persona)?.name).toBe('Mia');
  });

  it('renameMap and setMapDescription cut to the schema limit (never half an emoji) instead of writing an invalid meta', () => {
    const doc = mapDoc();
    renameMap(doc, `${'t'.repeat(TEXT_LIMITS.mapTitle - 1)}😀 and more`);
    expect(readMeta(doc)?.title).toBe('t'.repeat(TEXT_LIMITS.mapTitle - 1));
    setMapDescription(doc, 'd'.repeat(TEXT_LIMITS.mapDescription + 10));
    expect(readMeta(doc)?.description).toHaveLength(TEXT_LIMITS.mapDescription);
  });
});

describe('other writes the schema refuses', () => {
  it('values out of range, unknown options, bad ids and unknown fields', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'card', fields: { emotion: 1 } });
    const cases: (() => unknown)[] = [
      () => updateCard(doc, id, { emotion: 6 }),
      () => updateCard(doc, id, { importance: 2.5 }),
      () => updateCard(doc, id, { channel: 'telepathy' as never }),
      () => updateCard(doc, id, { value: Number.NaN }),
      () => updateCard(doc, id, { text: undefined as never }), // deleting a required field
      () => updateCard(doc, id, { colour: 'red' } as never),
      () => updateCard(doc, id, { laneId: 'not an id!' }),
      () => updateStage(doc, listEntities(doc, 'stages')[0]!.id, { color: 'red' }),
      () => updateLane(doc, listEntities(doc, 'lanes')[0]!.id, { kind: 'wishes' as never }),
      () => moveCard(doc, id, { laneId: '__proto__', stageId: firstCell(doc).stageId }),
      () => moveCards(doc, [id], { laneId: firstCell(doc).laneId, stageId: '' }),
      () => castVote(doc, id, 'not a participant id'),
      () => addCard(doc, { ...firstCell(doc), text: 'x', fields: { effort: 0 } }),
    ];
    for (const command of cases) expectRefused(doc, command, InvalidWriteError);
    expect(readEntity(doc, 'cards', id)).toMatchObject({ text: 'card', emotion: 1, laneId: firstCell(doc).laneId });
  });

  it('a bad field some other client wrote does not stop anyone from editing the good ones', () => {
    const doc = mapDoc();
    const stage = listEntities(doc, 'stages')[0]!;
    collection(doc, 'stages').get(stage.id)!.set('name', 'n'.repeat(300)); // as a foreign client might
    updateStage(doc, stage.id, { color: '#123456' });
    expect(readEntity(doc, 'stages', stage.id)?.color).toBe('#123456');
    // and writing the bad field anew writes a valid value
    updateStage(doc, stage.id, { name: 'Fixed' });
    expect(collection(doc, 'stages').get(stage.id)!.get('name')).toBe('Fixed');
  });

  it('setVotesPerParticipant clamps into the schema range; setTag writes only known tags', () => {
    const doc = mapDoc();
    setVotesPerParticipant(doc, 400);
    expect(readMeta(doc)?.votesPerParticipant).toBe(100);
    setVotesPerParticipant(doc, -3.6);
    expect(readMeta(doc)?.votesPerParticipant).toBe(0);
    const id = addCard(doc, { ...firstCell(doc), text: 'x' });
    setTag(doc, [id], 'rose', true);
    expect(readEntity(doc, 'cards', id)?.tags).toEqual(['rose']);
  });
});

describe('MAP_LIMITS: creating past the limit is refused', () => {
  /** Raw entries up to `count` (every entry counts, readable or not; strings are the quickest to write). */
  function fillTo(doc: Y.Doc, name: CollectionName, count: number): void {
    doc.transact(() => {
      const coll = collection(doc, name);
      for (let i = 0; coll.size < count; i++) coll.set(`filler${i}`, 'filler' as never);
    });
  }

  it.each([
    ['cards', (doc: Y.Doc) => addCard(doc, { ...firstCell(doc), text: 'one more' })],
    ['stages', (doc: Y.Doc) => addStage(doc, { name: 'one more' })],
    ['lanes', (doc: Y.Doc) => addLane(doc, { kind: 'notes', name: 'one more' })],
    ['personas', (doc: Y.Doc) => addPersona(doc, { name: 'one more' })],
  ] as const)('%s', (name, create) => {
    const doc = mapDoc();
    const card = addCard(doc, { ...firstCell(doc), text: 'original' });
    fillTo(doc, name, MAP_LIMITS[name] - 1);
    create(doc); // the limit is "at most": the last one there is room for is made
    expect(collection(doc, name).size).toBe(MAP_LIMITS[name]);
    const err = expectRefused(doc, () => create(doc), MapLimitError);
    expect(err).toMatchObject({ target: name, limit: MAP_LIMITS[name] });
    if (name === 'cards') expectRefused(doc, () => duplicateCard(doc, card), MapLimitError);
    expect(collection(doc, name).size).toBe(MAP_LIMITS[name]);
  });
});
