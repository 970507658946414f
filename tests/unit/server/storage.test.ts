/**
 * Storage: the SQLite store on its own, and compaction as a running server
 * does it (storage stays bounded, content survives a restart).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, listEntities, updateCardText } from '../../../src/model';
import { DB_FILE, openSqliteStore } from '../../../server/store/sqlite';
import { serverHarness } from '../../fixtures/harness';
import { createMap, tempDir, waitFor } from '../../fixtures/server';

const { start, stop, client, openStore } = serverHarness();
/** A store opened straight on `dir` (closed after the test), and the directory. */
const open = (dir = tempDir()) => ({ store: openStore(dir), dir });
const texts = (doc: Y.Doc) =>
  listEntities(doc, 'cards')
    .map((c) => c.text)
    .sort();
const docFrom = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
};

describe('SQLite store', () => {
  it('migrates once, and refuses a database from a newer server', async () => {
    const { store, dir } = open();
    await store.close();
    open(dir); // reopening applies nothing twice
    const db = new Database(path.join(dir, DB_FILE));
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1, 2, 3, 4]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.prepare('INSERT INTO schema_migrations (version) VALUES (99)').run();
    db.close();
    expect(() => openSqliteStore(dir)).toThrow(/schema version 99 is newer/);
  });

  it('keeps the data private: a new DATA_DIR is 0700, the database, its WAL and the secret 0600; an old 0644 database is made 0600', async () => {
    const dir = path.join(tempDir(), 'fresh-data');
    const s = await start({ DATA_DIR: dir });
    await createMap(s.url); // something in the WAL
    const mode = (f: string) => fs.statSync(path.join(dir, f)).mode & 0o777;
    expect(mode('.')).toBe(0o700);
    for (const f of fs.readdirSync(dir)) expect([f, mode(f)]).toEqual([f, 0o600]);
    expect(fs.readdirSync(dir).sort()).toEqual(expect.arrayContaining([DB_FILE, `${DB_FILE}-wal`, 'secret.key']));
    await stop(s);

    // An installation from before: a world-readable database is tightened on the next start.
    fs.chmodSync(path.join(dir, DB_FILE), 0o644);
    const again = await start({ DATA_DIR: dir });
    expect(mode(DB_FILE)).toBe(0o600);
    expect(((await (await fetch(`${again.url}/api/maps`)).json()) as { total: number }).total).toBe(1);
  });

  it('stores maps, a snapshot plus a log, compacts atomically and deletes everything of a map', async () => {
    const { store } = open();
    const source = new Y.Doc();
    source.getMap('meta').set('title', 'one');
    await store.createMap({ id: 'm1', title: 'one', createdAt: 1, updatedAt: 1 }, Y.encodeStateAsUpdate(source));
    await store.createMap({ id: 'm2', title: 'two', createdAt: 2, updatedAt: 2 }, new Uint8Array([0, 0]));
    const index = async () => (await store.listMapIndex()).sort((a, b) => a.id.localeCompare(b.id));
    expect(await index()).toEqual([
      { id: 'm1', title: 'one', updatedAt: 1 },
      { id: 'm2', title: 'two', updatedAt: 2 },
    ]);

    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 5; i++) source.getMap('cards').set(`c${i}`, i);
    expect(await store.appendUpdates('m1', updates)).toBe(5);
    await store.updateMap('m1', { updatedAt: 10, title: 'renamed' });
    expect(await store.getMap('m1')).toEqual({ id: 'm1', title: 'renamed', createdAt: 1, updatedAt: 10 });
    expect(await index()).toEqual([
      { id: 'm1', title: 'renamed', updatedAt: 10 },
      { id: 'm2', title: 'two', updatedAt: 2 },
    ]);
    // Full records of the ids asked for, in that order; an unknown id is left out.
    expect((await store.getMaps(['m2', 'nope', 'm1'])).map((m) => [m.id, m.title])).toEqual([
      ['m2', 'two'],
      ['m1', 'renamed'],
    ]);
    expect(await store.getMaps([])).toEqual([]);
    expect(await store.logLength('m1')).toBe(5);
    expect(docFrom(await store.loadState('m1')).getMap('cards').size).toBe(5);

    // Compaction hands over what it read (snapshot, then the log) and stores what it is given back.
    let read: Uint8Array[] = [];
    expect(
      await store.compact('m1', (stored) => {
        read = stored();
        return Y.encodeStateAsUpdate(docFrom(read));
      }),
    ).toBe(true);
    expect(read).toHaveLength(6);
    expect(await store.logLength('m1')).toBe(0);
    const loaded = await store.loadState('m1');
    expect(loaded).toHaveLength(1);
    expect(docFrom(loaded).getMap('cards').toJSON()).toEqual({ c0: 0, c1: 1, c2: 2, c3: 3, c4: 4 });

    expect(await store.deleteMap('m1')).toBe(true);
    expect(await store.deleteMap('m1')).toBe(false);
    expect(await store.getMap('m1')).toBeNull();
    expect(await store.loadState('m1')).toEqual([]);
    // An append for a map that is gone fails as a whole instead of leaving orphans.
    await expect(store.appendUpdates('m1', updates)).rejects.toThrow(/FOREIGN KEY/);
    expect(await store.logLength('m1')).toBe(0);
  });

  it('closing stores the appends still waiting for their commit', async () => {
    const { store, dir } = open();
    await store.createMap({ id: 'm', title: 'm', createdAt: 1, updatedAt: 1 }, new Uint8Array([0, 0]));
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    source.getMap('cards').set('c', 'kept');
    const appended = store.appendUpdates('m', updates);
    await store.close();
    await appended;
    const again = openStore(dir);
    expect(
      docFrom(await again.loadState('m'))
        .getMap('cards')
        .get('c'),
    ).toBe('kept');
  });

  it('keeps the WAL file bounded while a server writes without pause (checkpoints run beside it)', async () => {
    const { store, dir } = open();
    await store.createMap({ id: 'm', title: 'm', createdAt: 1, updatedAt: 1 }, new Uint8Array([0, 0]));
    const source = new Y.Doc();
    const text = 'x'.repeat(4096);
    let written = 0;
    // About 48 MB in 4 KB edits, one commit after another: writes that never leave the WAL idle.
    for (let batch = 0; batch < 1200; batch++) {
      const updates: Uint8Array[] = [];
      const collect = (u: Uint8Array) => updates.push(u);
      source.on('update', collect);
      for (let k = 0; k < 10; k++) source.getMap('cards').set(`c${k}`, `${batch}${text}`);
      source.off('update', collect);
      written += updates.reduce((n, u) => n + u.length, 0);
      await store.appendUpdates('m', updates);
      // A room compacting meanwhile reads, then writes: it must wait for a checkpoint, never fail on one.
      if (batch % 100 === 99) await store.compact('m', (stored) => Y.encodeStateAsUpdate(docFrom(stored())));
    }
    const walBytes = fs.statSync(path.join(dir, `${DB_FILE}-wal`)).size;
    expect(written).toBeGreaterThan(48e6);
    // Without checkpoints, or with checkpoints that never catch up with the writes, the WAL holds all of it.
    expect(walBytes).toBeLessThan(written / 2);
    expect(await store.logLength('m')).toBe(0);
    expect(
      docFrom(await store.loadState('m'))
        .getMap('cards')
        .get('c0'),
    ).toBe(`1199${text}`);
  });
});

describe('compaction in a running server', () => {
  it('keeps the update log bounded while people edit, and loses nothing across a restart', async () => {
    const LIMIT = 25;
    const s1 = await start({ COMPACT_AFTER_UPDATES: LIMIT, ROOM_IDLE_MS: 0 });
    const id = await createMap(s1.url);
    const a = await client(s1, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    const cardIds: string[] = [];
    const seen: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 30; i++) {
        if (round === 0) cardIds.push(addCard(a.doc, { ...cell, text: `card ${i}` }));
        else updateCardText(a.doc, cardIds[i]!, `card ${i} v${round}`);
      }
      // A second client has everything, so the server has applied (and stored) it all.
      const b = await client(s1, id);
      const expected = cardIds.map((_, i) => (round === 0 ? `card ${i}` : `card ${i} v${round}`)).sort();
      await waitFor(() => JSON.stringify(texts(b.doc)) === JSON.stringify(expected), 'relayed');
      b.close();
      seen.push(await s1.store.logLength(id));
    }
    expect(Math.max(...seen)).toBeLessThan(LIMIT);

    a.close();
    // The room unloads once nobody is on it: flush + compaction leave no log at all.
    await waitFor(() => s1.rooms.size === 0, 'room unloaded');
    expect(await s1.store.logLength(id)).toBe(0);
    await stop(s1);

    const s2 = await start({ DATA_DIR: s1.config.DATA_DIR });
    const c = await client(s2, id);
    expect(texts(c.doc)).toEqual(cardIds.map((_, i) => `card ${i} v9`).sort());
  });

  it('folds a log left behind by a crash when the map is next unloaded, even without edits', async () => {
    const s = await start({ ROOM_IDLE_MS: 0 });
    const id = await createMap(s.url);
    // A log as a killed process leaves it: updates after the snapshot, never compacted.
    const doc = docFrom(await s.store.loadState(id));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 7; i++) doc.getMap('meta').set('description', `d${i}`);
    await s.store.appendUpdates(id, updates);
    expect(await s.store.logLength(id)).toBe(7);

    const reader = await client(s, id);
    expect(reader.doc.getMap('meta').get('description')).toBe('d6');
    reader.close();
    await waitFor(() => s.rooms.size === 0, 'room unloaded');
    expect(await s.store.logLength(id)).toBe(0);
    expect(
      docFrom(await s.store.loadState(id))
        .getMap('meta')
        .get('description'),
    ).toBe('d6');
    expect(fs.existsSync(path.join(s.config.DATA_DIR, DB_FILE))).toBe(true);
  });
});
