/**
 * Maps stored by Journeyboard 1, 2 and 3 (schema versions 1 to 3), served by
 * this server: migrated once when first loaded, before any client syncs, and
 * stored, so a restart does not migrate it again; voting works on the
 * migrated cards, and so does typing into one card from two clients at once,
 * and scoring two personas on one card from two clients at once.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  castVote,
  collection,
  docToMapDocument,
  MapDocumentSchema,
  readEntity,
  readMeta,
  setPersonaScore,
  updateCardText,
  voteTotal,
} from '../../../src/model';
import { EMPTY_PERSONA } from '../../../src/model/commands/personas';
import { serverHarness } from '../../fixtures/harness';
import { createMap, memoryLogger, tempDir, waitFor } from '../../fixtures/server';
import { v1Doc, v2Doc, v3Doc } from '../../fixtures/model';

const h = serverHarness();
const { stop, client, openStore } = h;

/** A server on `dataDir` whose log the tests read (to count migrations). */
async function start(dataDir: string) {
  const log = memoryLogger();
  const s = await h.start({ DATA_DIR: dataDir }, log);
  return { s, log };
}
const migrations = (log: ReturnType<typeof memoryLogger>, id: string) =>
  log.records.filter((r) => r.msg === 'map migrated' && r.map === id);
const docFrom = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
};

const V1_ID = 'legacyMapFromV1xxxxxx';

/** A map's doc as Journeyboard 1 stored it: v1 meta, personas without segment, cards without votes maps (but one). */
const v1Map = () =>
  v1Doc(
    {
      title: 'From version 1',
      description: 'stored before dot voting',
      locale: 'en',
      createdAt: 1_600_000_000_000,
      updatedAt: 1_600_000_000_000,
    },
    [
      [
        'personas',
        'mia',
        { order: 'a0', name: 'Mia', role: '', quote: '', goals: [], needs: [], frustrations: [], archetype: '', avatar: '🙂' },
      ],
      ['stages', 's1', { order: 'a0', name: 'Plan', description: '', color: '#336699' }],
      ['stages', 's2', { order: 'a1', name: 'Go', description: '', color: '#993366' }],
      ['lanes', 'tp', { order: 'a0', kind: 'touchpoints', name: 'Touchpoints', department: '' }],
      ['cards', 'voted', { order: 'a0', laneId: 'tp', stageId: 's1', text: 'voted in v1', emotion: 1, votes: { alice: 2 } }],
      ['cards', 'plain', { order: 'a1', laneId: 'tp', stageId: 's1', text: 'no votes map', personaId: 'mia' }],
      ['cards', 'plain2', { order: 'a0', laneId: 'tp', stageId: 's2', text: 'no votes map either' }],
    ],
  );

/** A DATA_DIR made by a real server, with a v1 map written into its store while no server runs. */
async function dataDirWithV1Map(): Promise<string> {
  const dir = tempDir();
  const { s } = await start(dir);
  await createMap(s.url, { title: 'made by this server' });
  await stop(s);
  const store = openStore(dir);
  await store.createMap(
    { id: V1_ID, title: 'From version 1', createdAt: 1_600_000_000_000, updatedAt: 1_600_000_000_000 },
    Y.encodeStateAsUpdate(v1Map()),
  );
  expect(await store.logLength(V1_ID)).toBe(0);
  await store.close();
  return dir;
}

describe('a map stored by Journeyboard 1', () => {
  it('is migrated when first loaded, before the client syncs, and not again after a restart', async () => {
    const dir = await dataDirWithV1Map();

    // First load: the client sees the current version at once.
    const first = await start(dir);
    const a = await client(first.s, V1_ID);
    const meta = readMeta(a.doc);
    expect(meta).not.toBeNull();
    expect(meta!.schemaVersion).toBe(4);
    expect(meta!.votesPerParticipant).toBe(5);
    expect(meta!.title).toBe('From version 1');
    collection(a.doc, 'cards').forEach((card) => expect(card.get('votes')).toBeInstanceOf(Y.Map));
    expect(collection(a.doc, 'cards').size).toBe(3);
    expect(collection(a.doc, 'personas').get('mia')!.get('segment')).toBe('');
    const map = MapDocumentSchema.parse(docToMapDocument(a.doc));
    expect(map.cards.voted!.votes).toEqual({ alice: 2 });
    expect(map.cards.plain!.votes).toEqual({});
    expect(map.cards.plain!.personaId).toBe('mia');
    expect(migrations(first.log, V1_ID)).toHaveLength(1);
    // The migration is stored like an edit: the log grew by it.
    await waitFor(async () => (await first.s.store.logLength(V1_ID)) === 1, 'migration stored');
    const migratedVector = Y.encodeStateVector(a.doc);
    await stop(first.s);

    // Second load, no edits: nothing is migrated, written or changed.
    const second = await start(dir);
    const storedVector = Y.encodeStateVector(docFrom(await second.s.store.loadState(V1_ID)));
    expect(storedVector).toEqual(migratedVector);
    const logBefore = await second.s.store.logLength(V1_ID);
    expect(logBefore).toBe(0); // folded into the snapshot when the first server closed
    const b = await client(second.s, V1_ID);
    const room = await second.s.rooms.get(V1_ID);
    expect(Y.encodeStateVector(room.doc)).toEqual(migratedVector);
    expect(Y.encodeStateVector(b.doc)).toEqual(migratedVector);
    expect(docToMapDocument(b.doc)).toEqual(map);
    expect(migrations(second.log, V1_ID)).toHaveLength(0);
    // A second client round-trips through the server, so anything the load wrote is in the store by now.
    const c = await client(second.s, V1_ID);
    expect(Y.encodeStateVector(c.doc)).toEqual(migratedVector);
    expect(await second.s.store.logLength(V1_ID)).toBe(logBefore);
    expect(second.log.records.filter((r) => r.level === 'error')).toEqual([]);
  });

  it('two clients voting on a migrated card at the same time both count, also after a restart', async () => {
    const dir = await dataDirWithV1Map();
    const { s } = await start(dir);
    const a = await client(s, V1_ID);
    const b = await client(s, V1_ID);
    // 'plain' had no votes map in v1: the server's migration made the one both clients write into.
    const votesA = collection(a.doc, 'cards').get('plain')!.get('votes');
    const votesB = collection(b.doc, 'cards').get('plain')!.get('votes');
    expect(votesA).toBeInstanceOf(Y.Map);
    expect(votesB).toBeInstanceOf(Y.Map);
    // Same event-loop turn: neither has seen the other's vote when casting.
    expect(castVote(a.doc, 'plain', 'A')).toBe('voted');
    expect(castVote(b.doc, 'plain', 'B')).toBe('voted');
    expect(castVote(b.doc, 'voted', 'B')).toBe('voted');
    const both = (doc: Y.Doc) => {
      const plain = readEntity(doc, 'cards', 'plain');
      const voted = readEntity(doc, 'cards', 'voted');
      return plain !== null && voted !== null && voteTotal(plain) === 2 && voteTotal(voted) === 3;
    };
    await waitFor(() => both(a.doc) && both(b.doc), 'both votes on both clients');
    expect(readEntity(a.doc, 'cards', 'plain')!.votes).toEqual({ A: 1, B: 1 });
    expect(readEntity(b.doc, 'cards', 'voted')!.votes).toEqual({ alice: 2, B: 1 });
    expect(collection(a.doc, 'cards').get('plain')!.get('votes')).toBe(votesA);
    expect(docToMapDocument(a.doc)).toEqual(docToMapDocument(b.doc));
    await stop(s);

    const again = await start(dir);
    const c = await client(again.s, V1_ID);
    expect(readEntity(c.doc, 'cards', 'plain')!.votes).toEqual({ A: 1, B: 1 });
    expect(readEntity(c.doc, 'cards', 'voted')!.votes).toEqual({ alice: 2, B: 1 });
    expect(migrations(again.log, V1_ID)).toHaveLength(0);
    MapDocumentSchema.parse(docToMapDocument(c.doc));
  });

  it('a map this server created is not migrated', async () => {
    const dir = tempDir();
    const { s, log } = await start(dir);
    const id = await createMap(s.url, { template: 'backpack' });
    const a = await client(s, id);
    expect(readMeta(a.doc)!.schemaVersion).toBe(4);
    const b = await client(s, id);
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
    expect(migrations(log, id)).toHaveLength(0);
    expect(await s.store.logLength(id)).toBe(0);
  });
});

/** A fresh DATA_DIR whose store holds one map, `doc`, written while no server runs. */
async function dataDirWithMap(id: string, title: string, doc: Y.Doc): Promise<string> {
  const dir = tempDir();
  const store = openStore(dir);
  await store.createMap({ id, title, createdAt: 1, updatedAt: 1 }, Y.encodeStateAsUpdate(doc));
  await store.close();
  return dir;
}

const V2_ID = 'legacyMapFromV2xxxxxx';

/** A DATA_DIR with a map as Journeyboard 2 stored it: card texts as plain strings. */
async function dataDirWithV2Map(): Promise<string> {
  const v2 = v2Doc({ title: 'From version 2', description: '', locale: 'zh-CN', createdAt: 1, updatedAt: 1, votesPerParticipant: 5 }, [
    ['stages', 's1', { order: 'a0', name: '到店', description: '', color: '#336699' }],
    ['lanes', 'tp', { order: 'a0', kind: 'touchpoints', name: '触点', department: '' }],
    ['cards', 'c1', { order: 'a0', laneId: 'tp', stageId: 's1', text: '排队点餐', emotion: -1, votes: { alice: 1 } }],
    ['cards', 'c2', { order: 'a1', laneId: 'tp', stageId: 's1', text: 'Pay', votes: {} }],
  ]);
  return dataDirWithMap(V2_ID, 'From version 2', v2);
}

describe('a map stored by Journeyboard 2', () => {
  it('is migrated once on first load: card texts arrive as Y.Text, two clients typing into one card both keep their words, also after a restart', async () => {
    const dir = await dataDirWithV2Map();
    const first = await start(dir);
    const a = await client(first.s, V2_ID);
    const b = await client(first.s, V2_ID);
    expect(readMeta(a.doc)!.schemaVersion).toBe(4);
    for (const id of ['c1', 'c2']) expect(collection(a.doc, 'cards').get(id)!.get('text')).toBeInstanceOf(Y.Text);
    expect(readEntity(a.doc, 'cards', 'c1')).toMatchObject({ text: '排队点餐', emotion: -1, votes: { alice: 1 } });
    expect(migrations(first.log, V2_ID)).toHaveLength(1);

    // Same event-loop turn: neither has seen the other's typing.
    updateCardText(a.doc, 'c1', '排队很久点餐');
    updateCardText(b.doc, 'c1', '排队点餐 with the app');
    const both = (doc: Y.Doc) => readEntity(doc, 'cards', 'c1')?.text === '排队很久点餐 with the app';
    await waitFor(() => both(a.doc) && both(b.doc), 'both edits in both clients');
    await stop(first.s);

    const second = await start(dir);
    const c = await client(second.s, V2_ID);
    expect(readEntity(c.doc, 'cards', 'c1')!.text).toBe('排队很久点餐 with the app');
    expect(migrations(second.log, V2_ID)).toHaveLength(0);
    MapDocumentSchema.parse(docToMapDocument(c.doc));
    expect(second.log.records.filter((r) => r.level === 'error')).toEqual([]);
  });
});

const V3_ID = 'legacyMapFromV3xxxxxx';

/** A DATA_DIR with a map as Journeyboard 3 stored it: three personas, Ana followed, cards without persona score maps. */
async function dataDirWithV3Map(): Promise<string> {
  const persona = (order: string, name: string) => ({ ...EMPTY_PERSONA, order, name });
  const v3 = v3Doc(
    { title: 'From version 3', description: '', locale: 'en', createdAt: 1, updatedAt: 1, votesPerParticipant: 5, personaId: 'ana' },
    [
      ['personas', 'ana', persona('a0', 'Ana')],
      ['personas', 'ben', persona('a1', 'Ben')],
      ['personas', 'carla', persona('a2', 'Carla')],
      ['stages', 's1', { order: 'a0', name: 'Search', description: '', color: '#336699' }],
      ['lanes', 'tp', { order: 'a0', kind: 'touchpoints', name: 'Touchpoints', department: '' }],
      ['cards', 'c1', { order: 'a0', laneId: 'tp', stageId: 's1', text: 'Compare prices', emotion: 2, votes: {} }],
    ],
  );
  return dataDirWithMap(V3_ID, 'From version 3', v3);
}

describe('a map stored by Journeyboard 3', () => {
  it('is migrated once on first load: two clients scoring two personas on one card at the same time both keep their score, also after a restart', async () => {
    const dir = await dataDirWithV3Map();
    const first = await start(dir);
    const a = await client(first.s, V3_ID);
    const b = await client(first.s, V3_ID);
    expect(readMeta(a.doc)!.schemaVersion).toBe(4);
    expect(collection(a.doc, 'cards').get('c1')!.get('personaEmotions')).toBeInstanceOf(Y.Map);
    expect(readEntity(a.doc, 'cards', 'c1')).toMatchObject({ text: 'Compare prices', emotion: 2 });
    expect(migrations(first.log, V3_ID)).toHaveLength(1);

    // Same event-loop turn: neither has seen the other's score.
    expect(setPersonaScore(a.doc, 'c1', 'ben', -2)).toBe(true);
    expect(setPersonaScore(b.doc, 'c1', 'carla', 4)).toBe(true);
    const both = (doc: Y.Doc) => {
      const scores = readEntity(doc, 'cards', 'c1')?.personaEmotions;
      return scores?.ben === -2 && scores.carla === 4;
    };
    await waitFor(() => both(a.doc) && both(b.doc), 'both scores on both clients');
    await stop(first.s);

    const second = await start(dir);
    const c = await client(second.s, V3_ID);
    expect(docToMapDocument(c.doc).cards.c1).toMatchObject({ emotion: 2, personaEmotions: { ben: -2, carla: 4 } });
    expect(migrations(second.log, V3_ID)).toHaveLength(0);
    expect(second.log.records.filter((r) => r.level === 'error')).toEqual([]);
  });
});
