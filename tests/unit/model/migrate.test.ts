/**
 * Migration of the open format from schema versions 1, 2 and 3 to 4: plain JSON maps
 * (import, API) and live Y.Docs (stored maps, migrated by the server).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  castVote,
  collection,
  docToMapDocument,
  listEntities,
  MapDocumentSchema,
  metaMap,
  migrateDoc,
  migrateMapJSON,
  readMeta,
  SCHEMA_VERSION,
  UnsupportedVersionError,
  updateCardText,
  voteTotal,
} from '../../../src/model';
import { mapDoc, v1Doc, v2Doc } from '../../fixtures/model';

/** A map as Journeyboard 1 exported it: no votesPerParticipant, no segment, no severity/direction. */
function v1MapJSON() {
  const meta = {
    schemaVersion: 1,
    title: 'Old trip',
    description: 'from v1',
    locale: 'en',
    createdAt: 1_600_000_000_000,
    updatedAt: 1_600_000_500_000,
  };
  return {
    schemaVersion: 1,
    meta,
    personas: {
      mia: {
        id: 'mia',
        order: 'a0',
        name: 'Mia',
        role: 'Backpacker',
        quote: 'Light is right',
        goals: ['travel light'],
        needs: [],
        frustrations: ['hidden fees'],
        archetype: 'explorer',
        avatar: '🎒',
      },
    },
    stages: {
      s1: { id: 's1', order: 'a0', name: 'Plan', description: '', color: '#336699' },
      s2: { id: 's2', order: 'a1', name: 'Go', description: '', color: '#996633' },
    },
    lanes: {
      tp: { id: 'tp', order: 'a0', kind: 'touchpoints', name: 'Touchpoints', department: '' },
      kpi: { id: 'kpi', order: 'a1', kind: 'kpis', name: 'KPIs', department: '' },
    },
    cards: {
      c1: { id: 'c1', order: 'a0', laneId: 'tp', stageId: 's1', text: 'Search', emotion: 2, personaId: 'mia', votes: { alice: 2, bob: 1 } },
      c2: { id: 'c2', order: 'a1', laneId: 'tp', stageId: 's1', text: 'Compare' },
      c3: { id: 'c3', order: 'a0', laneId: 'kpi', stageId: 's2', text: 'NPS', metric: 'NPS', value: 30, target: 40 },
    },
  };
}

describe('migrateMapJSON', () => {
  it('brings a v1 map to v4: valid, votesPerParticipant 5, personas get a segment, cards and votes kept', () => {
    const input = v1MapJSON();
    const original = structuredClone(input);
    const migrated = migrateMapJSON(input);
    const map = MapDocumentSchema.parse(migrated);
    expect(map.schemaVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(4);
    expect(map.meta).toEqual({ ...original.meta, schemaVersion: 4, votesPerParticipant: 5 });
    expect(map.meta.personaId).toBeUndefined();
    expect(map.personas.mia).toEqual({ ...original.personas.mia, segment: '' });
    expect(map.stages).toEqual(original.stages);
    expect(map.lanes).toEqual(original.lanes);
    expect(map.cards).toEqual(original.cards);
    expect(map.cards.c1!.votes).toEqual({ alice: 2, bob: 1 });
    expect(map.cards.c2!.votes).toBeUndefined();
    // the input is not modified
    expect(input).toEqual(original);
  });

  it('keeps a segment a v1 file already had', () => {
    const input = v1MapJSON();
    const withSegment = { ...input, personas: { mia: { ...input.personas.mia, segment: 'Gen Z' } } };
    const map = MapDocumentSchema.parse(migrateMapJSON(withSegment));
    expect(map.personas.mia!.segment).toBe('Gen Z');
  });

  it('passes a current map through unchanged', () => {
    const map = docToMapDocument(mapDoc('backpack'));
    const copy = structuredClone(map);
    const out = migrateMapJSON(map);
    expect(out).toBe(map);
    expect(out).toEqual(copy);
    MapDocumentSchema.parse(out);
  });

  it('refuses a map from a newer Journeyboard, saying so', () => {
    const map = { ...v1MapJSON(), schemaVersion: 5 };
    let error: unknown;
    try {
      migrateMapJSON(map);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnsupportedVersionError);
    expect((error as UnsupportedVersionError).version).toBe(5);
    expect((error as Error).message).toMatch(/newer Journeyboard/);
    expect((error as Error).message).toMatch(/4/);
  });

  it('refuses versions that are not format versions: "1", missing, null, 0, 1.5', () => {
    const base = v1MapJSON();
    const { schemaVersion: _drop, ...missing } = base;
    for (const input of [
      { ...base, schemaVersion: '1' },
      missing,
      { ...base, schemaVersion: null },
      { ...base, schemaVersion: 0 },
      { ...base, schemaVersion: 1.5 },
    ]) {
      expect(() => migrateMapJSON(input)).toThrow(UnsupportedVersionError);
      expect(() => migrateMapJSON(input)).toThrow(/is not a Journeyboard format version/);
    }
  });

  it('returns what is not an object as is, for validation to report', () => {
    for (const input of [null, undefined, 42, 'map', true]) expect(migrateMapJSON(input)).toBe(input);
    const list = [1, 2];
    expect(migrateMapJSON(list)).toBe(list);
  });
});

/** A map's Y.Doc as Journeyboard 1 stored it: cards made by v1 had no votes map unless voted on at creation. */
const v1Map = () =>
  v1Doc({ title: 'Old trip', description: '', locale: 'zh-CN', createdAt: 1_600_000_000_000, updatedAt: 1_600_000_500_000 }, [
    [
      'personas',
      'mia',
      { order: 'a0', name: 'Mia', role: '', quote: '', goals: [], needs: [], frustrations: [], archetype: '', avatar: '🎒' },
    ],
    ['stages', 's1', { order: 'a0', name: '计划', description: '', color: '#336699' }],
    ['lanes', 'tp', { order: 'a0', kind: 'touchpoints', name: '触点', department: '' }],
    ['cards', 'voted', { order: 'a0', laneId: 'tp', stageId: 's1', text: 'has votes', emotion: -1, personaId: 'mia', votes: { alice: 2 } }],
    ['cards', 'plain', { order: 'a1', laneId: 'tp', stageId: 's1', text: 'no votes map' }],
    ['cards', 'plain2', { order: 'a2', laneId: 'tp', stageId: 's1', text: 'no votes map either' }],
  ]);

const MIGRATION: unique symbol = Symbol('test.migration');

describe('migrateDoc', () => {
  it('brings a v1 doc to v4: valid meta, every card has a votes map, existing votes kept', () => {
    const doc = v1Map();
    expect(readMeta(doc)).toBeNull();
    const keptVotes = collection(doc, 'cards').get('voted')!.get('votes');
    expect(migrateDoc(doc, MIGRATION)).toBe(true);
    expect(readMeta(doc)).toEqual({
      schemaVersion: 4,
      title: 'Old trip',
      description: '',
      locale: 'zh-CN',
      createdAt: 1_600_000_000_000,
      updatedAt: 1_600_000_500_000,
      votesPerParticipant: 5,
    });
    collection(doc, 'cards').forEach((card) => expect(card.get('votes')).toBeInstanceOf(Y.Map));
    expect(collection(doc, 'cards').get('voted')!.get('votes')).toBe(keptVotes);
    expect(collection(doc, 'personas').get('mia')!.get('segment')).toBe('');
    const map = MapDocumentSchema.parse(docToMapDocument(doc));
    expect(map.cards.voted!.votes).toEqual({ alice: 2 });
    expect(map.cards.plain!.votes).toEqual({});
    expect(map.cards.voted!.personaId).toBe('mia');
    expect(Object.keys(map.cards).sort()).toEqual(['plain', 'plain2', 'voted']);
    expect(listEntities(doc, 'personas')).toHaveLength(1);
    // the new votes maps are the ones voting uses
    const plainVotes = collection(doc, 'cards').get('plain')!.get('votes');
    castVote(doc, 'plain', 'bob');
    expect(collection(doc, 'cards').get('plain')!.get('votes')).toBe(plainVotes);
    expect(voteTotal(docToMapDocument(doc).cards.plain!)).toBe(1);
  });

  it('runs as one transaction with the given origin', () => {
    const doc = v1Map();
    const transactions: { origin: unknown; local: boolean }[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size > 0) transactions.push({ origin: tr.origin, local: tr.local });
    });
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    migrateDoc(doc, MIGRATION);
    expect(transactions).toEqual([{ origin: MIGRATION, local: true }]);
    expect(updates).toHaveLength(1);
  });

  it('a second run returns false and produces no update', () => {
    const doc = v1Map();
    expect(migrateDoc(doc, MIGRATION)).toBe(true);
    const before = Y.encodeStateVector(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(migrateDoc(doc, MIGRATION)).toBe(false);
    expect(updates).toHaveLength(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('leaves a current doc and an empty doc alone', () => {
    for (const doc of [mapDoc('subscription'), new Y.Doc()]) {
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      expect(migrateDoc(doc, MIGRATION)).toBe(false);
      expect(updates).toHaveLength(0);
    }
  });

  it('keeps a votesPerParticipant or segment the doc already had', () => {
    const doc = v1Map();
    metaMap(doc).set('votesPerParticipant', 8);
    collection(doc, 'personas').get('mia')!.set('segment', 'SMB');
    migrateDoc(doc, MIGRATION);
    expect(readMeta(doc)!.votesPerParticipant).toBe(8);
    expect(collection(doc, 'personas').get('mia')!.get('segment')).toBe('SMB');
  });

  it('the migrated doc replicates: a replica that syncs from it sees the current version and its votes maps', () => {
    const server = v1Map();
    migrateDoc(server, MIGRATION);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(readMeta(client)!.schemaVersion).toBe(SCHEMA_VERSION);
    collection(client, 'cards').forEach((card) => expect(card.get('votes')).toBeInstanceOf(Y.Map));
    expect(docToMapDocument(client)).toEqual(docToMapDocument(server));
  });

  it('refuses a doc from a newer Journeyboard, or with a version that is not one, and changes nothing', () => {
    for (const version of [99, '1', null, 0]) {
      const doc = v1Map();
      metaMap(doc).set('schemaVersion', version);
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      expect(() => migrateDoc(doc, MIGRATION)).toThrow(UnsupportedVersionError);
      expect(updates).toHaveLength(0);
      expect(collection(doc, 'cards').get('plain')!.has('votes')).toBe(false);
    }
    const newer = v1Map();
    metaMap(newer).set('schemaVersion', 99);
    expect(() => migrateDoc(newer, MIGRATION)).toThrow(/newer Journeyboard/);
  });
});

/** A map as Journeyboard 2 stored it: every card's text a plain string field. */
const v2Map = () =>
  v2Doc({ title: 'Trip', description: '', locale: 'en', createdAt: 1, updatedAt: 2, votesPerParticipant: 5 }, [
    ['stages', 's1', { order: 'a0', name: 'Search', description: '', color: '#4f7cff' }],
    ['lanes', 'tp', { order: 'a0', kind: 'touchpoints', name: 'Touchpoints', department: '' }],
    ['cards', 'c1', { order: 'a0', laneId: 'tp', stageId: 's1', text: 'Compare prices 比价', emotion: 2, votes: { alice: 1 } }],
    ['cards', 'c2', { order: 'a1', laneId: 'tp', stageId: 's1', text: '', votes: {} }],
    ['cards', 'odd', { order: 'a2', laneId: 'tp', stageId: 's1', text: 42, votes: {} }],
  ]);

describe('v2 -> v3: card text becomes a Y.Text', () => {
  it('migrates a v2 doc: every string text becomes a Y.Text with the same characters, other fields and votes kept', () => {
    const doc = v2Map();
    const votes = collection(doc, 'cards').get('c1')!.get('votes');
    expect(migrateDoc(doc, MIGRATION)).toBe(true);
    expect(readMeta(doc)!.schemaVersion).toBe(4);
    const c1 = collection(doc, 'cards').get('c1')!;
    expect(c1.get('text')).toBeInstanceOf(Y.Text);
    expect(String(c1.get('text'))).toBe('Compare prices 比价');
    expect(c1.get('votes')).toBe(votes);
    expect(collection(doc, 'cards').get('c2')!.get('text')).toBeInstanceOf(Y.Text);
    // Not a string: left as it was, and read as readers repair it.
    expect(collection(doc, 'cards').get('odd')!.get('text')).toBe(42);
    const map = MapDocumentSchema.parse(docToMapDocument(doc));
    expect(map.cards.c1).toMatchObject({ text: 'Compare prices 比价', emotion: 2, votes: { alice: 1 } });
    expect(map.cards.odd!.text).toBe('');
  });

  it('is idempotent: a second run changes nothing, and a migrated doc merges with a copy of itself', () => {
    const doc = v2Map();
    migrateDoc(doc, MIGRATION);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(migrateDoc(doc, MIGRATION)).toBe(false);
    expect(updates).toHaveLength(0);
  });

  it('after the migration, typing in a migrated card edits it character by character from two replicas', () => {
    const server = v2Map();
    migrateDoc(server, MIGRATION);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(server));
    updateCardText(a, 'c1', 'Compare prices online 比价');
    updateCardText(b, 'c1', 'Compare prices 比价 twice');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(docToMapDocument(a).cards.c1!.text).toBe('Compare prices online 比价 twice');
    expect(docToMapDocument(b)).toEqual(docToMapDocument(a));
  });

  it('a v3 reader given a v2 doc not migrated yet does not crash: no meta, cards readable, a write makes the text shared', () => {
    const doc = v2Map();
    expect(readMeta(doc)).toBeNull();
    expect(listEntities(doc, 'cards').map((c) => c.text)).toEqual(['Compare prices 比价', '', '']);
    updateCardText(doc, 'c2', 'New');
    expect(collection(doc, 'cards').get('c2')!.get('text')).toBeInstanceOf(Y.Text);
    expect(listEntities(doc, 'cards')[1]!.text).toBe('New');
  });

  it('migrates a v2 JSON map: only the versions change', () => {
    const v2 = { ...docToMapDocument(mapDoc('subscription')), schemaVersion: 2 } as Record<string, unknown>;
    v2.meta = { ...(v2.meta as object), schemaVersion: 2 };
    const original = structuredClone(v2);
    const map = MapDocumentSchema.parse(migrateMapJSON(v2));
    expect(map.schemaVersion).toBe(4);
    expect(map.meta).toEqual({ ...(original.meta as object), schemaVersion: 4 });
    expect(map.cards).toEqual(original.cards);
    expect(v2).toEqual(original);
  });
});
