/**
 * Readers repair rather than hide: what another client writes into a map
 * (any y-websocket client can write anything) never makes an entity with a
 * readable identity vanish. Every reader (listEntities, the live view,
 * docToMapDocument) shows the same repaired entity, the live view says what
 * was repaired, and reading never writes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  collection,
  docToMapDocument,
  listEntities,
  MapDocumentSchema,
  metaMap,
  readEntity,
  readMeta,
  readMetaEntry,
  STAGE_COLORS,
  TEXT_LIMITS,
  updateStage,
  type CollectionName,
} from '../../../src/model';
import { createLiveMap } from '../../../src/model/live';
import { firstCell, mapDoc, prng, sync, twoReplicas } from '../../fixtures/model';

/** Writes fields into an existing entry from another replica, as a stock y-websocket client would, and syncs. */
function foreignWrite(doc: Y.Doc, name: CollectionName | 'meta', id: string, fields: Record<string, unknown>): void {
  const other = new Y.Doc();
  sync(doc, other);
  other.transact(() => {
    const target = name === 'meta' ? other.getMap('meta') : (other.getMap(name).get(id) as Y.Map<unknown>);
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) target.delete(key);
      else target.set(key, value);
    }
  });
  sync(other, doc);
  other.destroy();
}

describe('a stage name written too long by another client', () => {
  it('keeps the stage (name cut to 200) and its cards in every reader, and reports the repair', () => {
    const [a, b] = twoReplicas();
    const live = createLiveMap(a);
    const stage = listEntities(a, 'stages')[1]!;
    const cell = { laneId: listEntities(a, 'lanes')[0]!.id, stageId: stage.id };
    const card = addCard(a, { ...cell, text: 'under the long stage' });
    sync(a, b);
    const name = '阶'.repeat(300);
    (b.getMap('stages').get(stage.id) as Y.Map<unknown>).set('name', name);
    sync(a, b);

    const cut = name.slice(0, TEXT_LIMITS.stageName);
    expect(TEXT_LIMITS.stageName).toBe(200);
    expect(listEntities(a, 'stages').find((s) => s.id === stage.id)?.name).toBe(cut);
    const snapshot = live.getSnapshot();
    expect(snapshot.stages.find((s) => s.id === stage.id)).toEqual({ ...stage, name: cut });
    expect(snapshot.cardById.get(card)?.stageId).toBe(stage.id);
    const exported = docToMapDocument(a);
    expect(exported.stages[stage.id]?.name).toBe(cut);
    expect(exported.cards[card]?.text).toBe('under the long stage');
    expect(MapDocumentSchema.safeParse(exported).success).toBe(true);

    expect(snapshot.repairs).toEqual([{ target: 'stages', id: stage.id, fields: ['name'] }]);
    // Reading does not write: the document still holds what was written.
    expect(collection(a, 'stages').get(stage.id)!.get('name')).toBe(name);

    // An editor who renames the stage writes a valid name, and the notice goes.
    (a.getMap('stages').get(stage.id) as Y.Map<unknown>).set('name', 'Short again');
    expect(live.getSnapshot().repairs).toEqual([]);
    live.destroy();
  });

  it('the repairs list is the same array while nothing about repairs changes', () => {
    const doc = mapDoc();
    const live = createLiveMap(doc);
    const stage = listEntities(doc, 'stages')[0]!;
    foreignWrite(doc, 'stages', stage.id, { name: 'n'.repeat(201) });
    const first = live.getSnapshot().repairs;
    expect(first).toHaveLength(1);
    addCard(doc, { ...firstCell(doc), text: 'typing elsewhere' });
    expect(live.getSnapshot().repairs).toBe(first);
    updateStage(doc, stage.id, { description: 'typing into the repaired stage' });
    expect(live.getSnapshot().repairs).toBe(first);
    live.destroy();
  });
});

describe('field by field, driven by the schema', () => {
  it('cuts strings without splitting a surrogate pair', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'x' });
    foreignWrite(doc, 'cards', id, { text: `${'a'.repeat(TEXT_LIMITS.cardText - 1)}😀😀` });
    const text = readEntity(doc, 'cards', id)!.text;
    expect(text).toBe('a'.repeat(TEXT_LIMITS.cardText - 1));
    expect(text).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('clamps and rounds numbers, drops bad optional fields, replaces bad required ones with defaults', () => {
    const doc = mapDoc();
    const live = createLiveMap(doc);
    const cell = firstCell(doc);
    const id = addCard(doc, { ...cell, text: 'card', fields: { emotion: 1, channel: 'digital' } });
    foreignWrite(doc, 'cards', id, {
      text: 42,
      emotion: 9.7,
      importance: 2.4,
      impact: -3,
      value: Number.POSITIVE_INFINITY,
      channel: 'telepathy',
      momentOfTruth: 'yes',
      personaId: 'not an id!',
      tags: ['thorn', 'weed', 'rose', 'rose', 'bud'],
      order: 7,
    });
    const stage = listEntities(doc, 'stages')[0]!;
    const lane = listEntities(doc, 'lanes')[0]!;
    foreignWrite(doc, 'stages', stage.id, { color: 'red', description: { rich: 'text' } });
    foreignWrite(doc, 'lanes', lane.id, { kind: 'wishes', department: 'd'.repeat(150) });

    expect(readEntity(doc, 'cards', id)).toEqual({
      id,
      order: 'a0',
      laneId: cell.laneId,
      stageId: cell.stageId,
      text: '',
      emotion: 5,
      importance: 2,
      impact: 1,
      tags: ['thorn', 'rose', 'rose'],
      votes: {},
    });
    expect(readEntity(doc, 'stages', stage.id)).toMatchObject({ name: stage.name, color: STAGE_COLORS[0], description: '' });
    expect(readEntity(doc, 'lanes', lane.id)).toMatchObject({ name: lane.name, kind: 'notes', department: 'd'.repeat(100) });
    const repairs = live.getSnapshot().repairs;
    expect(repairs).toContainEqual({
      target: 'cards',
      id,
      fields: ['order', 'text', 'personaId', 'channel', 'emotion', 'importance', 'momentOfTruth', 'impact', 'value', 'tags'],
    });
    expect(repairs).toContainEqual({ target: 'stages', id: stage.id, fields: ['description', 'color'] });
    expect(repairs).toContainEqual({ target: 'lanes', id: lane.id, fields: ['kind', 'department'] });
    expect(MapDocumentSchema.safeParse(docToMapDocument(doc)).success).toBe(true);
    live.destroy();
  });

  it('mends votes entry by entry and persona lists item by item', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'voted' });
    const votes = collection(doc, 'cards').get(id)!.get('votes') as Y.Map<unknown>;
    votes.set('alice', 2);
    votes.set('bob', 250);
    votes.set('carol', 'many');
    votes.set('bad id!', 1);
    expect(readEntity(doc, 'cards', id)?.votes).toEqual({ alice: 2, bob: 100 });

    const persona = new Y.Map<unknown>();
    doc.transact(() => {
      collection(doc, 'personas').set('mia', persona);
      for (const [k, v] of Object.entries({ order: 'a0', name: 'Mia', role: '', segment: '', quote: '', archetype: '' })) persona.set(k, v);
      persona.set('goals', ['ok', 7, 'g'.repeat(600), ...Array.from({ length: 60 }, (_, i) => `goal ${i}`)]);
      persona.set('needs', 'not a list');
      persona.set('avatar', `data:image/png;base64,${'A'.repeat(200_001)}`);
    });
    const read = readEntity(doc, 'personas', 'mia')!;
    expect(read.goals).toHaveLength(50);
    expect(read.goals.slice(0, 3)).toEqual(['ok', 'g'.repeat(500), 'goal 0']);
    expect(read.needs).toEqual([]);
    expect(read.frustrations).toEqual([]);
    expect(read.avatar).toBe('🙂');
  });

  it('skips only what has no readable identity', () => {
    const doc = mapDoc();
    const cell = firstCell(doc);
    const id = addCard(doc, { ...cell, text: 'lost' });
    const other = addCard(doc, { ...cell, text: 'kept' });
    foreignWrite(doc, 'cards', id, { laneId: 'not an id!' });
    doc.transact(() => {
      collection(doc, 'cards').set('plain', 'not a map' as never);
      collection(doc, 'cards').set('bad key!', new Y.Map([['laneId', cell.laneId]]) as never);
    });
    expect(listEntities(doc, 'cards').map((c) => c.id)).toEqual([other]);
    // The existing rule stays: a card whose lane is gone is not shown, however readable.
    foreignWrite(doc, 'cards', other, { laneId: 'someOtherLane' });
    expect(readEntity(doc, 'cards', other)?.laneId).toBe('someOtherLane');
    expect(docToMapDocument(doc).cards[other]).toBeUndefined();
  });
});

describe('meta', () => {
  it('repairs each bad field instead of losing the whole map', () => {
    const doc = mapDoc();
    const live = createLiveMap(doc);
    const before = readMeta(doc)!;
    foreignWrite(doc, 'meta', '', {
      title: 'T'.repeat(500),
      locale: 'fr',
      votesPerParticipant: 1e9,
      updatedAt: -5,
      personaId: 42,
      description: null,
    });
    expect(readMeta(doc)).toEqual({
      ...before,
      title: 'T'.repeat(TEXT_LIMITS.mapTitle),
      locale: 'en',
      votesPerParticipant: 100,
      updatedAt: 0,
      description: '',
    });
    expect(readMetaEntry(doc)?.repaired).toEqual(['title', 'description', 'locale', 'updatedAt', 'personaId', 'votesPerParticipant']);
    expect(live.getSnapshot().repairs[0]).toEqual({
      target: 'meta',
      fields: ['title', 'description', 'locale', 'updatedAt', 'personaId', 'votesPerParticipant'],
    });
    expect(MapDocumentSchema.safeParse(docToMapDocument(doc)).success).toBe(true);
    live.destroy();
  });

  it('a missing votes budget reads as the default; a meta of another format version is not read', () => {
    const doc = mapDoc();
    foreignWrite(doc, 'meta', '', { votesPerParticipant: undefined });
    expect(readMeta(doc)?.votesPerParticipant).toBe(5);
    foreignWrite(doc, 'meta', '', { schemaVersion: 99 });
    expect(readMeta(doc)).toBeNull();
    expect(readMeta(new Y.Doc())).toBeNull();
    expect(metaMap(doc).get('schemaVersion')).toBe(99);
  });
});

describe('property: garbage in fields never hides an entity with a valid identity, and never throws', () => {
  const garbage = (rand: () => number): unknown => {
    const pick = Math.floor(rand() * 16);
    switch (pick) {
      case 0:
        return undefined;
      case 1:
        return null;
      case 2:
        return 'x'.repeat(Math.floor(rand() * 300_000));
      case 3:
        return (rand() - 0.5) * 1e12;
      case 4:
        return [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0][Math.floor(rand() * 4)];
      case 5:
        return rand() < 0.5;
      case 6:
        return Array.from({ length: Math.floor(rand() * 80) }, () => (rand() < 0.5 ? 'item' : { nested: rand() }));
      case 7:
        return { a: 1, b: 'two' };
      case 8:
        return '#zzzzzz';
      case 9:
        return '😀'.repeat(Math.floor(rand() * 3000));
      case 10:
        return new Y.Map([['k', rand()]]);
      case 11:
        return new Y.Array();
      case 12:
        return new Uint8Array([1, 2, 3]);
      case 13:
        return 'notes';
      case 14:
        return Math.floor(rand() * 10) - 3;
      default:
        return '';
    }
  };

  const FIELDS: Record<CollectionName, string[]> = {
    personas: ['order', 'name', 'role', 'segment', 'quote', 'goals', 'needs', 'frustrations', 'archetype', 'avatar', 'extra'],
    stages: ['order', 'name', 'description', 'color', 'extra'],
    lanes: ['order', 'kind', 'name', 'department', 'extra'],
    cards: [
      'order',
      'text',
      'personaId',
      'channel',
      'media',
      'emotion',
      'importance',
      'momentOfTruth',
      'severity',
      'type',
      'impact',
      'effort',
      'metric',
      'value',
      'target',
      'unit',
      'direction',
      'tags',
      'votes',
      'extra',
    ],
  };

  it('200 rounds of random field garbage from another client', () => {
    const rand = prng(20240611);
    const doc = mapDoc('backpack');
    const live = createLiveMap(doc);
    const ids = Object.fromEntries((Object.keys(FIELDS) as CollectionName[]).map((n) => [n, [...collection(doc, n).keys()]])) as Record<
      CollectionName,
      string[]
    >;
    for (let round = 0; round < 200; round++) {
      const name = (Object.keys(FIELDS) as CollectionName[])[Math.floor(rand() * 4)]!;
      const id = ids[name][Math.floor(rand() * ids[name].length)];
      if (!id) continue;
      const writes: Record<string, unknown> = {};
      for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) writes[FIELDS[name][Math.floor(rand() * FIELDS[name].length)]!] = garbage(rand);
      doc.transact(() => {
        const entry = collection(doc, name).get(id)!;
        for (const [k, v] of Object.entries(writes)) {
          if (v === undefined) entry.delete(k);
          else entry.set(k, v);
        }
      });
      if (round % 10 === 0) {
        const meta = metaMap(doc);
        const key = ['title', 'description', 'locale', 'createdAt', 'updatedAt', 'personaId', 'votesPerParticipant'][
          Math.floor(rand() * 7)
        ]!;
        const v = garbage(rand);
        if (v === undefined) meta.delete(key);
        else meta.set(key, v);
      }

      const snapshot = live.getSnapshot();
      for (const n of Object.keys(FIELDS) as CollectionName[]) {
        // Every entity keeps showing (the cards' lane and stage ids are never touched here).
        const expected = [...ids[n]].sort();
        expect(
          listEntities(doc, n)
            .map((e) => e.id)
            .sort(),
        ).toEqual(expected);
        expect(snapshot[n].map((e) => e.id).sort()).toEqual(expected);
      }
      expect(readMeta(doc)).not.toBeNull();
    }
    const exported = docToMapDocument(doc);
    expect(MapDocumentSchema.safeParse(exported).success).toBe(true);
    expect(Object.keys(exported.cards).sort()).toEqual([...ids.cards].sort());
    expect(live.getSnapshot().repairs.length).toBeGreaterThan(0);
    live.destroy();
  });
});
