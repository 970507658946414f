/**
 * Current and future state (issue 16): the card field (validated on write,
 * repaired on read, kept by JSON export/import and duplicates), which cards
 * a view shows, an opportunity's `realisedBy` as readers read it, and where
 * a card goes in a cell part of which a view hides.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  docToMapDocument,
  duplicateCard,
  InvalidWriteError,
  listEntities,
  loadMapDocument,
  MapDocumentSchema,
  readEntity,
  updateCard,
  updateCards,
  type Card,
} from '../../../src/model';
import { CardSchema } from '../../../src/model/schema';
import { createLiveMap } from '../../../src/model/live';
import { futureCards, inState, indexAmongAll, realisedCards, shownInView, snapshotInView, statesOf } from '../../../src/model/cardState';
import { diffMaps, sideOfDocument } from '../../../src/model/compare/diff';
import { firstCell, mapDoc, sync } from '../../fixtures/model';

const card = (id: string, state?: Card['state'], extra: Partial<Card> = {}): Card => ({
  id,
  order: 'a0',
  laneId: 'l',
  stageId: 's',
  text: id,
  ...(state ? { state } : {}),
  ...extra,
});

describe('card state', () => {
  it('is optional, current or future; anything else is refused by the schema', () => {
    expect(CardSchema.safeParse(card('a')).success).toBe(true);
    expect(CardSchema.safeParse(card('a', 'current')).success).toBe(true);
    expect(CardSchema.safeParse(card('a', 'future')).success).toBe(true);
    expect(CardSchema.safeParse({ ...card('a'), state: 'past' }).success).toBe(false);
  });

  it('a card without a state is in both; the views show what their states hold', () => {
    const [both, today, planned] = [card('b'), card('t', 'current'), card('p', 'future')];
    expect([both, today, planned].map((c) => inState(c, 'current'))).toEqual([true, true, false]);
    expect([both, today, planned].map((c) => inState(c, 'future'))).toEqual([true, false, true]);
    expect([both, today, planned].map((c) => shownInView(c, 'current'))).toEqual([true, true, false]);
    expect([both, today, planned].map((c) => shownInView(c, 'future'))).toEqual([true, false, true]);
    expect([both, today, planned].map((c) => shownInView(c, 'both'))).toEqual([true, true, true]);
    expect(statesOf('both')).toEqual(['current', 'future']);
  });

  it('a view of the snapshot holds its cards only, and is the same snapshot when it hides nothing', () => {
    const cards = [card('b'), card('t', 'current'), card('p', 'future')];
    const snapshot = { cards, cardById: new Map(cards.map((c) => [c.id, c])) };
    expect(snapshotInView(snapshot, 'both')).toBe(snapshot);
    const future = snapshotInView(snapshot, 'future');
    expect(future.cards.map((c) => c.id)).toEqual(['b', 'p']);
    expect([...future.cardById.keys()]).toEqual(['b', 'p']);
    const plain = { cards: [card('b')], cardById: new Map() };
    expect(snapshotInView(plain, 'current')).toBe(plain);
  });

  it('is validated on write, removed to mean both, kept by duplicates', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'new kiosk', fields: { state: 'future' } });
    expect(readEntity(doc, 'cards', id)!.state).toBe('future');
    expect(() => updateCard(doc, id, { state: 'someday' as never })).toThrow(InvalidWriteError);
    expect(readEntity(doc, 'cards', id)!.state).toBe('future');
    const copy = duplicateCard(doc, id)!;
    expect(readEntity(doc, 'cards', copy)!.state).toBe('future');
    updateCards(doc, [id], { state: undefined });
    expect(readEntity(doc, 'cards', id)).not.toHaveProperty('state');
  });

  it('a bad state another program wrote is dropped on read (the card is in both)', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'x' });
    const other = new Y.Doc();
    sync(doc, other);
    (other.getMap('cards').get(id) as Y.Map<unknown>).set('state', 'tomorrow');
    sync(other, doc);
    const read = readEntity(doc, 'cards', id)!;
    expect(read).not.toHaveProperty('state');
    expect(read.text).toBe('x');
    const live = createLiveMap(doc);
    expect(live.getSnapshot().repairs.some((r) => r.target === 'cards' && r.id === id)).toBe(true);
    live.destroy();
  });

  it('survives JSON export and import, and the version compare names it', () => {
    const doc = mapDoc('backpack');
    const [first, second] = listEntities(doc, 'cards');
    updateCard(doc, first!.id, { state: 'current' });
    updateCard(doc, second!.id, { state: 'future' });
    const file = MapDocumentSchema.parse(JSON.parse(JSON.stringify(docToMapDocument(doc))));
    expect(file.cards[first!.id]!.state).toBe('current');
    const copy = new Y.Doc();
    loadMapDocument(copy, file);
    expect(readEntity(copy, 'cards', second!.id)!.state).toBe('future');

    const before = sideOfDocument(file);
    updateCard(doc, second!.id, { state: undefined });
    const diff = diffMaps(before, sideOfDocument(docToMapDocument(doc)));
    expect(diff.cards.find((c) => c.id === second!.id)!.fields).toEqual([{ field: 'state', before: 'future', after: null }]);
  });
});

describe('an opportunity realised by future cards', () => {
  it('reads the future cards it names, ignoring deleted cards, cards not in the future and repeats', () => {
    const cards = [card('kiosk', 'future'), card('desk', 'current'), card('app')];
    const byId = new Map(cards.map((c) => [c.id, c]));
    const opportunity = card('o', undefined, { realisedBy: ['kiosk', 'gone', 'desk', 'kiosk', 'app'] });
    expect(realisedCards(opportunity, byId).map((c) => c.id)).toEqual(['kiosk', 'app']);
    expect(realisedCards(card('none'), byId)).toEqual([]);
  });

  it('offers the planned cards: those marked future, not the opportunity itself', () => {
    const cards = [card('kiosk', 'future'), card('desk', 'current'), card('app'), card('o', 'future')];
    expect(futureCards(cards, 'o').map((c) => c.id)).toEqual(['kiosk']);
  });

  it('is validated on write; ids of deleted cards leave the JSON export', () => {
    const doc = mapDoc('backpack');
    const [a, b, c] = listEntities(doc, 'cards');
    expect(() => updateCard(doc, a!.id, { realisedBy: ['not an id!'] })).toThrow(InvalidWriteError);
    updateCard(doc, a!.id, { realisedBy: [b!.id, c!.id] });
    const other = new Y.Doc();
    sync(doc, other);
    other.getMap('cards').delete(c!.id);
    sync(other, doc);
    expect(readEntity(doc, 'cards', a!.id)!.realisedBy).toEqual([b!.id, c!.id]);
    const file = docToMapDocument(doc);
    expect(file.cards[a!.id]!.realisedBy).toEqual([b!.id]);
    expect(MapDocumentSchema.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
  });
});

describe('placing a card in a cell the view shows part of', () => {
  const cell = [card('t1', 'current'), card('f1', 'future'), card('b1'), card('f2', 'future')];
  it('goes right after the shown card before it, so hidden cards keep their places', () => {
    // Current shows t1, b1: shown index 1 is before b1, after f1 (which it hides).
    expect(indexAmongAll(cell, 'current', 0)).toBe(0);
    expect(indexAmongAll(cell, 'current', 1)).toBe(2);
    expect(indexAmongAll(cell, 'current', 2)).toBe(4);
    expect(indexAmongAll(cell, 'future', 0)).toBe(1);
    expect(indexAmongAll(cell, 'both', 3)).toBe(3);
  });
});
