/**
 * The version history's storage on its own (the SQLite store's version
 * methods, limits checked with the insert, pruning, storage accounting) and
 * its configuration.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ConfigError, loadConfig } from '../../../server/config';
import type { NewVersion, Store } from '../../../server/store/types';
import { compressState, decompressState } from '../../../server/versions';
import { serverHarness } from '../../fixtures/harness';

/** A store in a fresh DATA_DIR, closed after the test. */
const { openStore: open } = serverHarness();
async function withMap(store: Store, id = 'm1'): Promise<number> {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'x'.repeat(500));
  const state = Y.encodeStateAsUpdate(doc);
  await store.createMap({ id, title: 'x', createdAt: 1, updatedAt: 1 }, state);
  return state.byteLength;
}
let seq = 0;
const version = (fields: Partial<NewVersion> = {}): NewVersion => ({
  id: `v${++seq}`,
  mapId: 'm1',
  name: '',
  kind: 'auto',
  createdAt: 1000 + seq,
  createdBy: '',
  cards: 0,
  state: new Uint8Array(100),
  ...fields,
});

describe('SQLite store: versions', () => {
  it('creates, lists newest first, gets with state, deletes; only through the version’s own map', async () => {
    const store = open();
    await withMap(store);
    await withMap(store, 'm2');
    const a = await store.createVersion(version({ id: 'a', kind: 'named', name: 'one', createdBy: 'Ana', cards: 3, createdAt: 5 }));
    expect(a).toEqual({
      ok: true,
      version: { id: 'a', mapId: 'm1', name: 'one', kind: 'named', createdAt: 5, createdBy: 'Ana', cards: 3, bytes: 100 },
    });
    await store.createVersion(version({ id: 'b', createdAt: 5, beforeRestoreOf: 'a' })); // same millisecond: inserted later, listed first
    await store.createVersion(version({ id: 'c', createdAt: 4 }));
    expect((await store.listVersions('m1')).map((v) => v.id)).toEqual(['b', 'a', 'c']);
    expect((await store.listVersions('m1'))[0]!.beforeRestoreOf).toBe('a');
    expect((await store.getVersion('m1', 'a'))?.state).toEqual(new Uint8Array(100));
    expect(await store.getVersion('m2', 'a')).toBeNull();
    expect(await store.deleteVersion('m2', 'a')).toBe(false);
    expect(await store.deleteVersion('m1', 'a')).toBe(true);
    expect(await store.deleteVersion('m1', 'a')).toBe(false);
    expect(await store.createVersion(version({ mapId: 'nope' }))).toEqual({ ok: false, reason: 'map not found' });
  });

  it('checks the named limit and the storage limit with the insert', async () => {
    const store = open();
    const docBytes = await withMap(store);
    expect(await store.storageBytes('m1')).toBe(docBytes);
    await store.createVersion(version({ kind: 'named' }), { maxNamed: 2 });
    await store.createVersion(version({ kind: 'named' }), { maxNamed: 2 });
    expect(await store.createVersion(version({ kind: 'named' }), { maxNamed: 2 })).toEqual({ ok: false, reason: 'too many versions' });
    // automatic versions do not count against the named limit
    expect((await store.createVersion(version(), { maxNamed: 2 })).ok).toBe(true);
    expect(await store.storageBytes('m1')).toBe(docBytes + 300);
    const limit = docBytes + 350;
    expect(await store.createVersion(version({ state: new Uint8Array(51) }), { maxStorageBytes: limit })).toEqual({
      ok: false,
      reason: 'storage limit',
    });
    expect((await store.createVersion(version({ state: new Uint8Array(50) }), { maxStorageBytes: limit })).ok).toBe(true);
    expect(await store.storageBytes('m1')).toBe(limit);
    // the log and the comments count too
    await store.appendUpdates('m1', [new Uint8Array(7)]);
    await store.appendUpdates('m1/comments', [new Uint8Array(11)]);
    expect(await store.storageBytes('m1')).toBe(limit + 18);
    expect(await store.storageBytes('unknown')).toBe(0);
  });

  it('prunes the oldest automatic versions of one map only, never named ones', async () => {
    const store = open();
    await withMap(store);
    await withMap(store, 'm2');
    for (let i = 0; i < 5; i++) await store.createVersion(version({ id: `auto${i}`, createdAt: 100 + i }));
    await store.createVersion(version({ id: 'named', kind: 'named', name: 'n', createdAt: 50 }));
    await store.createVersion(version({ id: 'other', mapId: 'm2', createdAt: 1 }));
    expect(await store.pruneAutoVersions('m1', 2)).toBe(3);
    expect((await store.listVersions('m1')).map((v) => v.id)).toEqual(['auto4', 'auto3', 'named']);
    expect(await store.pruneAutoVersions('m1', 2)).toBe(0);
    expect((await store.listVersions('m2')).map((v) => v.id)).toEqual(['other']);
  });

  it('compresses losslessly', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('description', 'journey '.repeat(200));
    const state = Y.encodeStateAsUpdate(doc);
    const stored = compressState(state);
    expect(stored.byteLength).toBeLessThan(state.byteLength / 5);
    expect(decompressState(stored)).toEqual(state);
  });
});

describe('version history configuration', () => {
  it('reads the limits and refuses nonsense', () => {
    expect(
      loadConfig({ MAX_VERSIONS_PER_MAP: '5', AUTO_VERSION_INTERVAL_MS: '1000', AUTO_VERSIONS_KEPT: '7', MAX_MAP_STORAGE_BYTES: '2048' }),
    ).toMatchObject({ MAX_VERSIONS_PER_MAP: 5, AUTO_VERSION_INTERVAL_MS: 1000, AUTO_VERSIONS_KEPT: 7, MAX_MAP_STORAGE_BYTES: 2048 });
    for (const env of [
      { MAX_VERSIONS_PER_MAP: '0' },
      { AUTO_VERSION_INTERVAL_MS: '5' },
      { AUTO_VERSIONS_KEPT: 'many' },
      { MAX_MAP_STORAGE_BYTES: '10' },
    ]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(Object.keys(env)[0]);
    }
  });
});
