/**
 * What every store promises, run against SQLite and against the real
 * PostgreSQL of this machine (each test in a schema of its own): maps and
 * their documents, compaction that folds exactly what it read, an upgrade
 * that happens once, versions under their limits (one automatic version per
 * interval however many nodes try), link versions, sign-in tokens.
 * PostgreSQL's cluster-only promises (two nodes at once) come last.
 */
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { openPostgresStore } from '../../../server/store/postgres';
import { openSqliteStore } from '../../../server/store/sqlite';
import type { NewVersion, Store } from '../../../server/store/types';
import type { SearchCard } from '../../../src/model/cardSearch';
import { TEST_DATABASE_URL, dropSchema, needServices, uniqueName } from '../../fixtures/services';
import { tempDir } from '../../fixtures/server';

/** Everything an async iterable yields (Array.fromAsync is Node 22+). */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const opened: Store[] = [];
const schemas: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await Promise.all(schemas.splice(0).map(dropSchema));
});

type Backend = 'sqlite' | 'postgres';

/** A fresh store of `backend`; with `schema`, a second store on the same PostgreSQL schema (another node). */
async function open(ctx: TestContext, backend: Backend, schema?: string): Promise<{ store: Store; schema: string }> {
  if (backend === 'sqlite') {
    const store = openSqliteStore(tempDir());
    opened.push(store);
    return { store, schema: '' };
  }
  await needServices(ctx, 'postgres');
  const name = schema ?? uniqueName('_');
  if (!schema) schemas.push(name);
  const store = await openPostgresStore(TEST_DATABASE_URL, { schema: name, poolSize: 4 });
  opened.push(store);
  return { store, schema: name };
}

/** A doc's updates as another replica makes them. */
function edits(count: number, prefix = 'c'): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getMap('cards').set(`${prefix}${i}`, i);
  return { updates, doc };
}
const docFrom = (updates: readonly Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
};
const initial = () => Y.encodeStateAsUpdate(new Y.Doc());
const record = (id: string, at = 1) => ({ id, title: id, createdAt: at, updatedAt: at });

const version = (mapId: string, id: string, kind: 'named' | 'auto', createdAt: number): NewVersion => ({
  id,
  mapId,
  name: kind === 'named' ? id : '',
  kind,
  createdAt,
  createdBy: '',
  cards: 0,
  state: new Uint8Array([1, 2, 3]),
});

describe.each<Backend>(['sqlite', 'postgres'])('%s store', (backend) => {
  it('lists each map’s owner and review fields (the summary’s) in the light index, kept as the summary changes', async (ctx) => {
    const { store } = await open(ctx, backend);
    const stats = { stages: 1, cards: 0, persona: '', stageNames: ['s'] };
    const review = { owner: 'Ana', reviewEveryDays: 30, lastReviewedAt: 5, createdAt: 1 };
    await store.createMap({ ...record('r1'), stats: { ...stats, review } }, initial());
    await store.createMap({ ...record('r2'), stats }, initial());
    await store.createMap(record('r3'), initial());
    const index = async () => Object.fromEntries((await store.listMapIndex()).map((r) => [r.id, r.review]));
    expect(await index()).toEqual({ r1: review, r2: undefined, r3: undefined });
    expect((await store.getMap('r1'))?.stats?.review).toEqual(review);
    await store.updateMap('r2', { updatedAt: 2, stats: { ...stats, review: { owner: 'Mei', createdAt: 1 } } });
    await store.updateMap('r1', { updatedAt: 3, title: 'renamed' }); // no summary: the review stays
    expect(await index()).toEqual({ r1: review, r2: { owner: 'Mei', createdAt: 1 }, r3: undefined });
    await store.updateMap('r1', { updatedAt: 4, stats });
    expect((await index()).r1).toBeUndefined();
  });

  it('keeps each map’s searchable copy of its cards and finds maps by a folded substring of a card, any character as itself', async (ctx) => {
    const { store } = await open(ctx, backend);
    const card = (id: string, text: string, kind: SearchCard['kind'] = 'painPoints'): SearchCard => ({
      id,
      kind,
      lane: '痛点',
      stage: '配送',
      text,
    });
    await store.createMap(record('old', 1), initial());
    await store.createMap(record('new', 2), initial());
    await store.createMap(record('none', 3), initial());
    expect((await store.unsearchableMaps()).sort()).toEqual(['new', 'none', 'old']);
    await store.putSearchCards('old', [
      card('m', 'Multi\n  line'),
      card('a', '配送太慢'),
      card('b', 'Late DELIVERY'),
      card('c', '100% off_sale'),
    ]);
    await store.putSearchCards('new', [card('d', '顺丰配送', 'touchpoints')]);
    await store.putSearchCards('gone', [card('x', '配送')]); // no such map: nothing stored
    expect(await store.unsearchableMaps()).toEqual(['none']);

    const found = async (q: string) => (await collect(store.findCards(q))).map((m) => m.id);
    // Most recently edited first, each with its matching cards.
    expect(await collect(store.findCards('配送'))).toEqual([
      { id: 'new', title: 'new', updatedAt: 2, cards: [card('d', '顺丰配送', 'touchpoints')] },
      { id: 'old', title: 'old', updatedAt: 1, cards: [card('a', '配送太慢')] },
    ]);
    // Only the matching cards: a card of several lines is one card (the lines after it stay aligned).
    expect((await collect(store.findCards('a'))).map((m) => [m.id, m.cards.map((c) => c.id)])).toEqual([['old', ['b', 'c']]]);
    expect((await collect(store.findCards('multi line'))).map((m) => [m.id, m.cards.map((c) => c.text)])).toEqual([
      ['old', ['Multi\n  line']],
    ]);
    // The folded text is matched: a folded query finds any case; LIKE's wildcards are plain characters.
    expect(await found('delivery')).toEqual(['old']);
    expect(await found('% off_')).toEqual(['old']);
    expect(await found('0_o')).toEqual([]);
    // The stage and lane names are not searched, only card text.
    expect(await found('痛点')).toEqual([]);

    // Replaced on the next write; the row's edit time orders the maps.
    await store.putSearchCards('old', [card('a', '物流')]);
    await store.updateMap('old', { updatedAt: 9 });
    expect(await found('配送')).toEqual(['new']);
    expect(await found('物流')).toEqual(['old']);
    // Deleted with its map.
    await store.deleteMap('new');
    expect(await found('配送')).toEqual([]);
    expect(await store.unsearchableMaps()).toEqual(['none']);
  });

  it('keeps each map’s links to other maps: parents by title, the graph in one answer, a deleted map’s links gone', async (ctx) => {
    const { store } = await open(ctx, backend);
    await store.createMap({ ...record('a'), title: 'After purchase' }, initial());
    await store.createMap({ ...record('b'), title: 'Returns' }, initial());
    await store.createMap({ ...record('c'), title: 'Checkout' }, initial());
    const link = (carrier: 'stage' | 'card', carrierId: string, mapId: string) => ({ carrier, carrierId, mapId });
    await store.putJourneyLinks('a', [link('stage', 's1', 'b'), link('card', 'k1', 'b'), link('card', 'k2', 'elsewhere')]);
    await store.putJourneyLinks('c', [link('stage', 's1', 'b'), link('stage', 's2', 'c')]);
    await store.putJourneyLinks('gone', [link('stage', 's1', 'b')]); // no such map: nothing stored
    expect(await store.journeyParents('b')).toEqual([
      { id: 'a', title: 'After purchase' },
      { id: 'c', title: 'Checkout' },
    ]);
    // A map linking to itself is not its own parent; a link to a map not here is kept but answers nothing.
    expect(await store.journeyParents('c')).toEqual([]);
    expect(await store.journeyParents('elsewhere')).toEqual([{ id: 'a', title: 'After purchase' }]);
    const sorted = <T>(list: T[]) => [...list].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
    const graph = await store.journeyGraph();
    expect(sorted(graph.maps)).toEqual([
      { id: 'a', title: 'After purchase', updatedAt: 1 },
      { id: 'b', title: 'Returns', updatedAt: 1 },
      { id: 'c', title: 'Checkout', updatedAt: 1 },
    ]);
    expect(sorted(graph.links)).toEqual([
      ['a', 'b'],
      ['c', 'b'],
      ['c', 'c'],
    ]);
    // Replaced whole on the next write; gone with the map.
    await store.putJourneyLinks('a', [link('card', 'k3', 'c')]);
    expect(await store.journeyParents('b')).toEqual([{ id: 'c', title: 'Checkout' }]);
    await store.deleteMap('c');
    expect(await store.journeyParents('b')).toEqual([]);
    expect((await store.journeyGraph()).links).toEqual([]);
    await expect(store.putJourneyLinks('a', [link('card', 'bad id!', 'b')])).rejects.toThrow();
  });

  it('keeps maps, their documents and rows; deletes everything of a map', async (ctx) => {
    const { store } = await open(ctx, backend);
    await store.createMap({ ...record('m1'), stats: { stages: 1, cards: 2, persona: 'p', stageNames: ['s'] } }, initial(), {
      comments: initial(),
    });
    await store.createMap(record('m2', 2), initial());
    expect(await store.countMaps()).toBe(2);
    expect(await store.getMap('m1')).toEqual({ ...record('m1'), stats: { stages: 1, cards: 2, persona: 'p', stageNames: ['s'] } });
    expect((await store.getMaps(['m2', 'nope', 'm1'])).map((m) => m.id)).toEqual(['m2', 'm1']);
    await store.updateMap('m2', { title: 'renamed', updatedAt: 9 });
    // A node whose last stored batch is older writes its row later: the last edit stays the newest.
    await store.updateMap('m2', { updatedAt: 7 });
    expect((await store.listMapIndex()).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'm1', title: 'm1', updatedAt: 1 },
      { id: 'm2', title: 'renamed', updatedAt: 9 },
    ]);

    const { updates, doc } = edits(5);
    expect(await store.appendUpdates('m1', updates)).toBe(5);
    expect(await store.appendUpdates('m1/comments', [updates[0]!])).toBe(1);
    expect(await store.logLength('m1')).toBe(5);
    expect(
      docFrom(await store.loadState('m1'))
        .getMap('cards')
        .toJSON(),
    ).toEqual(doc.getMap('cards').toJSON());
    await store.createVersion(version('m1', 'v1', 'named', 5));
    expect(await store.storageBytes('m1')).toBeGreaterThan(0);

    expect(await store.deleteMap('m1')).toBe(true);
    expect(await store.deleteMap('m1')).toBe(false);
    expect(await store.loadState('m1')).toEqual([]);
    expect(await store.loadState('m1/comments')).toEqual([]);
    expect(await store.listVersions('m1')).toEqual([]);
    // An append for a map that is gone fails as a whole instead of leaving orphans.
    await expect(store.appendUpdates('m1', updates)).rejects.toThrow();
    expect(await store.logLength('m1')).toBe(0);
  });

  it('appends of many documents in the same moment are each stored with their own log length; one for a deleted map fails alone', async (ctx) => {
    const { store } = await open(ctx, backend);
    const ids = ['a', 'b', 'gone', 'c'];
    for (const id of ids) await store.createMap(record(id), initial());
    await store.deleteMap('gone');
    const made = ids.map((id, i) => edits(i + 1, id));
    // Not awaited one by one: they are made in one event-loop turn, as a busy server's rooms make them.
    const outcomes = await Promise.allSettled([
      ...ids.map((id, i) => store.appendUpdates(id, made[i]!.updates)),
      store.appendUpdates('a/comments', made[0]!.updates),
    ]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'failed'))).toEqual([1, 2, 'failed', 4, 1]);
    for (const [i, id] of ids.entries()) {
      if (id === 'gone') continue;
      expect(
        docFrom(await store.loadState(id))
          .getMap('cards')
          .toJSON(),
      ).toEqual(made[i]!.doc.getMap('cards').toJSON());
    }
    // And once more, all of them fine: one commit, the lengths counted after it.
    const again = await Promise.all(['a', 'c', 'a'].map((id) => store.appendUpdates(id, edits(1, `${id}-again`).updates)));
    expect(again).toEqual([3, 5, 3]);
  });

  it('compaction hands over the snapshot and log, keeps what it is given, empties the log', async (ctx) => {
    const { store } = await open(ctx, backend);
    await store.createMap(record('m'), initial());
    const { updates } = edits(4);
    await store.appendUpdates('m', updates);
    let read: Uint8Array[] = [];
    const done = await store.compact('m', (stored) => {
      read = stored();
      return Y.encodeStateAsUpdate(docFrom(read));
    });
    expect(done).toBe(true);
    expect(read).toHaveLength(5); // snapshot + 4
    expect(await store.logLength('m')).toBe(0);
    const state = await store.loadState('m');
    expect(state).toHaveLength(1);
    expect(docFrom(state).getMap('cards').size).toBe(4);
  });

  it('an upgrade runs on the stored state and appends what it returns; nothing when it returns null', async (ctx) => {
    const { store } = await open(ctx, backend);
    await store.createMap(record('m'), initial());
    const { updates } = edits(1);
    await store.upgradeDoc('m', (stored) => (stored.length === 1 ? updates[0]! : null));
    expect(await store.logLength('m')).toBe(1);
    await store.upgradeDoc('m', () => null);
    expect(await store.logLength('m')).toBe(1);
  });

  it('versions: newest first, named ones capped, storage capped, one automatic per interval', async (ctx) => {
    const { store } = await open(ctx, backend);
    await store.createMap(record('m'), initial());
    expect(await store.createVersion(version('m', 'n1', 'named', 10), { maxNamed: 1 })).toMatchObject({ ok: true });
    expect(await store.createVersion(version('m', 'n2', 'named', 11), { maxNamed: 1 })).toEqual({ ok: false, reason: 'too many versions' });
    expect(await store.createVersion(version('m', 'a1', 'auto', 12), { maxStorageBytes: 4 })).toEqual({
      ok: false,
      reason: 'storage limit',
    });
    expect(await store.createVersion(version('m', 'a1', 'auto', 20), { minIntervalMs: 15 })).toEqual({ ok: false, reason: 'too soon' });
    expect(await store.createVersion(version('m', 'a1', 'auto', 30), { minIntervalMs: 15 })).toMatchObject({ ok: true });
    expect(await store.createVersion(version('m', 'a2', 'auto', 30))).toMatchObject({ ok: true });
    expect(await store.createVersion(version('nope', 'x', 'auto', 1))).toEqual({ ok: false, reason: 'map not found' });
    // Same millisecond: the one saved later comes first.
    expect((await store.listVersions('m')).map((v) => v.id)).toEqual(['a2', 'a1', 'n1']);
    expect((await store.getVersion('m', 'a1'))?.state).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.getVersion('m', 'nope')).toBeNull();
    expect(await store.pruneAutoVersions('m', 1)).toBe(1);
    expect((await store.listVersions('m')).map((v) => v.id)).toEqual(['a2', 'n1']);
    expect(await store.deleteVersion('m', 'n1')).toBe(true);
    expect(await store.deleteVersion('m', 'n1')).toBe(false);
  });

  it('link versions rotate; sign-in tokens work once and not after they expire', async (ctx) => {
    const { store } = await open(ctx, backend);
    await store.createMap(record('m'), initial());
    expect(await store.linkVersion('m')).toBe(1);
    expect(await store.rotateLinks('m')).toBe(2);
    expect(await store.linkVersion('nope')).toBeNull();
    expect(await store.rotateLinks('nope')).toBeNull();
    const now = Date.now();
    await store.addSignInToken('a', now + 2000);
    await store.addSignInToken('b', now + 1000);
    expect(await store.useSignInToken('b', now + 1000)).toBe(false);
    expect(await store.useSignInToken('a', now + 1500)).toBe(true);
    expect(await store.useSignInToken('a', now + 1500)).toBe(false);
    expect(await store.useSignInToken('never', now)).toBe(false);
    await store.ping();
  });
});

describe('postgres store, several nodes at once', () => {
  it('an installation from before log lengths were kept gets them counted from its log when the node starts', async (ctx) => {
    const { store, schema } = await open(ctx, 'postgres');
    await store.createMap(record('m'), initial());
    await store.appendUpdates('m', edits(4).updates);
    await store.appendUpdates('m/comments', edits(2).updates);
    // Back to schema 2: no counter table, no triggers.
    const db = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await db.connect();
    await db.query(`DROP TABLE doc_log_lengths; DROP FUNCTION doc_log_added CASCADE; DROP FUNCTION doc_log_removed CASCADE;
                    DELETE FROM schema_migrations WHERE version = 3`);
    await db.end();
    const upgraded = (await open(ctx, 'postgres', schema)).store;
    expect([await upgraded.logLength('m'), await upgraded.logLength('m/comments'), await upgraded.logLength('none')]).toEqual([4, 2, 0]);
    expect(await upgraded.appendUpdates('m', edits(1, 'more').updates)).toBe(5);
  });

  it('compaction deletes exactly the rows it read: a row another node appends meanwhile stays', async (ctx) => {
    const { store, schema } = await open(ctx, 'postgres');
    const other = (await open(ctx, 'postgres', schema)).store;
    await store.createMap(record('m'), initial());
    const { updates } = edits(3);
    await store.appendUpdates('m', updates.slice(0, 2));
    let appended: Promise<number> | null = null;
    await store.compact('m', (stored) => {
      // Another node appends while this compaction holds its rows (its own connection, committed at once).
      appended = other.appendUpdates('m', [updates[2]!]);
      return Y.encodeStateAsUpdate(docFrom(stored()));
    });
    await appended;
    expect(await store.logLength('m')).toBe(1);
    expect(docFrom(await other.loadState('m')).getMap('cards').size).toBe(3);
  });

  it('a compaction another node is running makes this one skip, doing nothing', async (ctx) => {
    const { store, schema } = await open(ctx, 'postgres');
    await store.createMap(record('m'), initial());
    await store.appendUpdates('m', edits(2).updates);
    // Another node in the middle of compacting the document: its transaction holds the lock.
    const holder = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [0x4a42, 'compact:m']);
      let folded = false;
      expect(await store.compact('m', (s) => ((folded = true), s()[0]!))).toBe(false);
      expect(folded).toBe(false);
      expect(await store.logLength('m')).toBe(2);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await store.compact('m', (s) => Y.encodeStateAsUpdate(docFrom(s())))).toBe(true);
  });

  it('two nodes upgrading one document at once: the second sees the first one’s upgrade', async (ctx) => {
    const { store, schema } = await open(ctx, 'postgres');
    const other = (await open(ctx, 'postgres', schema)).store;
    await store.createMap(record('m'), initial());
    const { updates } = edits(1);
    const upgrade = (stored: Uint8Array[]) => (stored.length === 1 ? updates[0]! : null);
    await Promise.all([store.upgradeDoc('m', upgrade), other.upgradeDoc('m', upgrade)]);
    expect(await store.logLength('m')).toBe(1);
  });

  it('two nodes taking an automatic version at the same moment: one version', async (ctx) => {
    const { store, schema } = await open(ctx, 'postgres');
    const other = (await open(ctx, 'postgres', schema)).store;
    await store.createMap(record('m'), initial());
    const results = await Promise.all([
      store.createVersion(version('m', 'x', 'auto', 100), { minIntervalMs: 60_000 }),
      other.createVersion(version('m', 'y', 'auto', 101), { minIntervalMs: 60_000 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'too soon' }]);
    expect(await store.listVersions('m')).toHaveLength(1);
  });

  it('a DATABASE_URL that cannot be reached is a clear error naming it, without its password', async (ctx) => {
    await needServices(ctx, 'postgres');
    await expect(openPostgresStore('postgres://someone:secret@127.0.0.1:1/test', { schema: uniqueName('_') })).rejects.toThrow(
      /cannot use PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/test/,
    );
  });
});
