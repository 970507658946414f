/**
 * Format v4's per-persona emotion scores (`personaEmotions`): the schema
 * field, the v3 -> v4 migration of JSON maps and stored docs, and how
 * readers show the scores (docs/FORMAT.md, "Per-persona emotion").
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CardSchema,
  collection,
  docFromMapDocument,
  docToMapDocument,
  listEntities,
  MapDocumentSchema,
  migrateDoc,
  migrateMapJSON,
  readMeta,
  SCHEMA_VERSION,
  type MapDocument,
} from '../../../src/model';
import { parseMapFile } from '../../../src/model/exchange/mapFile';
import { EMPTY_PERSONA } from '../../../src/model/commands/personas';
import { smallMapFile } from '../../fixtures/mapFile';
import { sync, v3Doc } from '../../fixtures/model';

const MIGRATION: unique symbol = Symbol('test.migration');

/** A v3 map as Journeyboard 3 stored it: two personas, the map following Ana, two touchpoints scored on its one curve. */
const v3Map = () =>
  v3Doc({ title: 'Trip', description: '', locale: 'en', createdAt: 1, updatedAt: 2, votesPerParticipant: 5, personaId: 'ana' }, [
    [
      'personas',
      'ana',
      { order: 'a0', name: 'Ana', role: '', segment: '', quote: '', goals: [], needs: [], frustrations: [], archetype: '', avatar: '🙂' },
    ],
    [
      'personas',
      'ben',
      { order: 'a1', name: 'Ben', role: '', segment: '', quote: '', goals: [], needs: [], frustrations: [], archetype: '', avatar: '🙂' },
    ],
    ['stages', 's1', { order: 'a0', name: 'Search', description: '', color: '#4f7cff' }],
    ['lanes', 'tp', { order: 'a0', kind: 'touchpoints', name: 'Touchpoints', department: '' }],
    ['cards', 'c1', { order: 'a0', laneId: 'tp', stageId: 's1', text: 'Compare prices', emotion: 2, votes: { alice: 1 } }],
    ['cards', 'c2', { order: 'a1', laneId: 'tp', stageId: 's1', text: 'Checkout', emotion: -3, votes: {} }],
  ]);

/** The small map file's map part with a second persona, p2, and `personaEmotions` on card c1. */
function twoPersonaMap(scores: Record<string, number> = { p2: -4 }): MapDocument {
  const { comments: _comments, ...file } = smallMapFile();
  const p2 = { ...file.personas.p1!, id: 'p2', order: 'a1', name: 'Ben' };
  return {
    ...file,
    personas: { ...file.personas, p2 },
    cards: { ...file.cards, c1: { ...file.cards.c1!, personaEmotions: scores } },
  };
}

const scoresOf = (doc: Y.Doc, cardId: string) => collection(doc, 'cards').get(cardId)!.get('personaEmotions');

describe('personaEmotions in the schema', () => {
  it('takes persona id -> whole score -5..5, and nothing else', () => {
    expect(CardSchema.shape.personaEmotions.safeParse({ p2: -5, p3: 5, p4: 0 }).success).toBe(true);
    expect(CardSchema.shape.personaEmotions.safeParse(undefined).success).toBe(true);
    for (const bad of [{ p2: 6 }, { p2: -6 }, { p2: 1.5 }, { p2: '3' }, { 'not an id!': 1 }, [3]]) {
      expect(CardSchema.shape.personaEmotions.safeParse(bad).success).toBe(false);
    }
  });

  it('a map must score personas it has, and not the followed one (its score is `emotion`)', () => {
    expect(MapDocumentSchema.safeParse(twoPersonaMap()).success).toBe(true);
    const ghost = MapDocumentSchema.safeParse(twoPersonaMap({ ghost: 1 }));
    expect(ghost.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['cards.c1.personaEmotions.ghost', 'unknown persona "ghost"'],
    ]);
    const followed = MapDocumentSchema.safeParse(twoPersonaMap({ p1: 1 }));
    expect(followed.error?.issues.map((i) => i.path.join('.'))).toEqual(['cards.c1.personaEmotions.p1']);
  });

  it('an imported file is refused for a score of a persona it does not have, and kept whole otherwise', () => {
    const refused = parseMapFile({
      ...smallMapFile(),
      cards: { ...smallMapFile().cards, c1: { ...smallMapFile().cards.c1!, personaEmotions: { ghost: 2 } } },
    });
    expect(refused.ok ? [] : refused.issues).toEqual([{ path: 'cards.c1.personaEmotions.ghost', message: 'unknown persona "ghost"' }]);
    const accepted = parseMapFile({ ...twoPersonaMap(), comments: smallMapFile().comments });
    expect(accepted.ok && accepted.map.cards.c1!.personaEmotions).toEqual({ p2: -4 });
  });
});

describe('v3 -> v4', () => {
  it('a v3 JSON map: only the versions change', () => {
    const v3 = { ...docToMapDocument(docFromMapDocument(twoPersonaMap({}))), schemaVersion: 3 } as Record<string, unknown>;
    v3.meta = { ...(v3.meta as object), schemaVersion: 3 };
    const original = structuredClone(v3);
    const map = MapDocumentSchema.parse(migrateMapJSON(v3));
    expect(map.schemaVersion).toBe(4);
    expect(map.meta).toEqual({ ...(original.meta as object), schemaVersion: 4 });
    expect(map.cards).toEqual(original.cards);
  });

  it('a v3 doc: every card gets its persona score map, everything else is kept', () => {
    const doc = v3Map();
    expect(readMeta(doc)).toBeNull();
    const text = collection(doc, 'cards').get('c1')!.get('text');
    const before = docToMapDocumentOf(doc, 3);
    expect(migrateDoc(doc, MIGRATION)).toBe(true);
    expect(readMeta(doc)!.schemaVersion).toBe(SCHEMA_VERSION);
    collection(doc, 'cards').forEach((card) => expect(card.get('personaEmotions')).toBeInstanceOf(Y.Map));
    expect(collection(doc, 'cards').get('c1')!.get('text')).toBe(text);
    const after = MapDocumentSchema.parse(docToMapDocument(doc));
    expect({ ...after, schemaVersion: 3, meta: { ...after.meta, schemaVersion: 3 } }).toEqual(before);
    expect(after.cards.c1).toMatchObject({ emotion: 2, votes: { alice: 1 } });
    expect(after.cards.c1!.personaEmotions).toBeUndefined();
  });

  it('is idempotent: a second run writes nothing', () => {
    const doc = v3Map();
    migrateDoc(doc, MIGRATION);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(migrateDoc(doc, MIGRATION)).toBe(false);
    expect(updates).toHaveLength(0);
  });

  it('keeps a score map a v3 card already had (written by some other program)', () => {
    const doc = v3Map();
    const own = new Y.Map<number>([['ben', 4]]);
    collection(doc, 'cards').get('c1')!.set('personaEmotions', own);
    migrateDoc(doc, MIGRATION);
    expect(scoresOf(doc, 'c1')).toBe(own);
    expect(docToMapDocument(doc).cards.c1!.personaEmotions).toEqual({ ben: 4 });
  });

  it('after the migration, two first scores for two personas on the same card, at the same moment, both survive', () => {
    const server = v3Map();
    migrateDoc(server, MIGRATION);
    const a = new Y.Doc();
    const b = new Y.Doc();
    sync(server, a, b);
    (scoresOf(a, 'c2') as Y.Map<number>).set('ben', -1);
    // b scores a third persona it added meanwhile, on the same card, before either sees the other
    b.transact(() => {
      const carla = new Y.Map<unknown>(Object.entries(PERSONA_FIELDS));
      carla.set('order', 'a2');
      collection(b, 'personas').set('carla', carla);
      (scoresOf(b, 'c2') as Y.Map<number>).set('carla', 5);
    });
    sync(a, b, server);
    for (const doc of [a, b, server]) expect(docToMapDocument(doc).cards.c2!.personaEmotions).toEqual({ ben: -1, carla: 5 });
  });
});

describe('reading persona scores', () => {
  it('a new card has an empty score map, which reads as no field; scores round-trip through JSON', () => {
    const doc = docFromMapDocument(twoPersonaMap());
    expect(scoresOf(doc, 'c2')).toBeInstanceOf(Y.Map);
    expect(docToMapDocument(doc).cards.c2).not.toHaveProperty('personaEmotions');
    expect(docToMapDocument(doc).cards.c1!.personaEmotions).toEqual({ p2: -4 });
    expect(docToMapDocument(docFromMapDocument(docToMapDocument(doc)))).toEqual(docToMapDocument(doc));
  });

  it('repairs a bad score like any number, drops what cannot be mended', () => {
    const doc = docFromMapDocument(twoPersonaMap());
    const scores = scoresOf(doc, 'c1') as Y.Map<unknown>;
    scores.set('p2', 9.7);
    scores.set('bad key!', 1);
    expect(listEntities(doc, 'cards').find((c) => c.id === 'c1')!.personaEmotions).toEqual({ p2: 5 });
    scores.set('p2', 'very happy');
    expect(docToMapDocument(doc).cards.c1).not.toHaveProperty('personaEmotions');
  });

  it('an export leaves out scores of a deleted persona and of the followed one', () => {
    const doc = docFromMapDocument(twoPersonaMap());
    const scores = scoresOf(doc, 'c1') as Y.Map<number>;
    scores.set('gone', 1);
    scores.set('p1', 2);
    const exported = docToMapDocument(doc);
    expect(exported.cards.c1!.personaEmotions).toEqual({ p2: -4 });
    expect(MapDocumentSchema.safeParse(exported).success).toBe(true);
  });
});

const PERSONA_FIELDS = { ...EMPTY_PERSONA, name: 'Carla' };
const metaOf = (doc: Y.Doc) => doc.getMap('meta');

/** A doc's JSON form as a reader of `version` would see it (read with this version's rules, labelled with the old version). */
function docToMapDocumentOf(doc: Y.Doc, version: number): unknown {
  const meta = metaOf(doc);
  meta.set('schemaVersion', SCHEMA_VERSION);
  const map = docToMapDocument(doc);
  meta.set('schemaVersion', version);
  return { ...map, schemaVersion: version, meta: { ...map.meta, schemaVersion: version } };
}
