/**
 * MAP_LIMITS on the wire: an update that would give a map more entities
 * than the limits allow is refused whole (socket closed with 4413), whoever
 * wrote it; updates that add nothing new, or replace what was deleted, pass.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collection, listEntities } from '../../../src/model';
import { CLOSE } from '../../../src/model/closeCodes';
import { MAP_LIMITS } from '../../../src/model/schema';
import { collectionOverLimit } from '../../../server/ws/entityLimits';
import { serverHarness } from '../../fixtures/harness';
import { fillToCards } from '../../fixtures/large-map';
import { mapDoc } from '../../fixtures/model';
import { storeMapDoc, waitFor } from '../../fixtures/server';

const h = serverHarness();

/** The update a raw client makes by putting `count` new entries straight into a root map. */
function rawEntries(from: Y.Doc, name: string, count: number): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    for (let i = 0; i < count; i++) doc.getMap(name).set(`raw${i}`, new Y.Map());
  });
  return Y.encodeStateAsUpdate(doc, before);
}

describe('collectionOverLimit', () => {
  it('counts new keys of limited root maps only', () => {
    const doc = mapDoc('blank');
    const stages = collection(doc, 'stages').size;
    const update = rawEntries(doc, 'stages', 3);
    expect(collectionOverLimit(doc, Y.decodeUpdate(update), { stages: stages + 3 })).toBeNull();
    expect(collectionOverLimit(doc, Y.decodeUpdate(update), { stages: stages + 2 })).toBe('stages');
    expect(collectionOverLimit(doc, Y.decodeUpdate(update), { cards: 0 })).toBeNull();
  });

  it('an update the document already has, or a field change, adds nothing', () => {
    const doc = mapDoc('blank');
    const update = rawEntries(doc, 'stages', 2);
    Y.applyUpdate(doc, update);
    const size = collection(doc, 'stages').size;
    expect(collectionOverLimit(doc, Y.decodeUpdate(update), { stages: size })).toBeNull();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(copy);
    (collection(copy, 'stages').get('raw0') as Y.Map<unknown>).set('name', 'renamed');
    expect(collectionOverLimit(doc, Y.decodeUpdate(Y.encodeStateAsUpdate(copy, sv)), { stages: size })).toBeNull();
  });
});

describe('the server', () => {
  it(`refuses a card past ${MAP_LIMITS.cards}, closing that socket with 4413; others keep working`, async () => {
    const s = await h.start();
    const doc = mapDoc('backpack');
    fillToCards(doc, MAP_LIMITS.cards);
    const id = 'fullMapOfCards';
    await storeMapDoc(s.store, id, doc);
    const other = await h.client(s, id);
    const writer = await h.client(s, id);
    const closes: number[] = [];
    writer.provider.on('connection-close', (e) => closes.push(e?.code ?? -1));
    const extra = rawEntries(writer.doc, 'cards', 1);
    Y.applyUpdate(writer.doc, extra);
    await waitFor(() => closes.length > 0, 'socket closed');
    expect(closes[0]).toBe(CLOSE.mapFull);
    const room = await s.rooms.get(id);
    expect(collection(room.doc, 'cards').size).toBe(MAP_LIMITS.cards);
    // A change to an existing card still goes through for everyone else.
    const first = listEntities(other.doc, 'cards')[0]!.id;
    (collection(other.doc, 'cards').get(first) as Y.Map<unknown>).set('text', 'still editable');
    await waitFor(
      () => (collection(room.doc, 'cards').get(first) as Y.Map<unknown>).get('text')?.toString() === 'still editable',
      'edit stored',
    );
  }, 60_000);
});
