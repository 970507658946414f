/**
 * Automatic versions, as a running server takes them while real clients
 * edit: at most one per AUTO_VERSION_INTERVAL_MS of editing, none while
 * nobody edits, the oldest pruned past AUTO_VERSIONS_KEPT, and none for
 * changes the server makes itself (the format migration, a restore).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  collection,
  docToMapDocument,
  listEntities,
  metaMap,
  readEntity,
  readMeta,
  SCHEMA_VERSION,
  updateCardText,
} from '../../../src/model';
import { VersionListSchema, type VersionSummary } from '../../../src/model/versions';
import { createMap, jsonRequest, serverDoc, tempDir, waitFor } from '../../fixtures/server';
import { serverHarness, type Server } from '../../fixtures/harness';
import type { Client } from '../../fixtures/server';

const { start, stop, client, openStore } = serverHarness();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function versions(s: Server, id: string): Promise<VersionSummary[]> {
  const res = await fetch(`${s.url}/api/maps/${id}/versions`);
  expect(res.status).toBe(200);
  return VersionListSchema.parse(await res.json()).versions;
}
const autos = async (s: Server, id: string) => (await versions(s, id)).filter((v) => v.kind === 'auto');

/** Edits one card every `everyMs` for `forMs`, then waits until the server has the last edit. */
async function burst(s: Server, c: Client, id: string, forMs: number, everyMs = 20): Promise<void> {
  const card = listEntities(c.doc, 'cards')[0]!;
  const end = Date.now() + forMs;
  let text = '';
  do {
    text = `edit at ${Date.now()} ${Math.random()}`;
    updateCardText(c.doc, card.id, text);
    await sleep(everyMs);
  } while (Date.now() < end);
  const live = await serverDoc(s, id);
  await waitFor(() => readEntity(live, 'cards', card.id)?.text === text, 'the burst on the server');
}

describe('automatic versions', () => {
  it('takes at most one per interval of editing, none while nobody edits', async () => {
    const interval = 200;
    const s = await start({ AUTO_VERSION_INTERVAL_MS: interval });
    const id = await createMap(s.url, { template: 'backpack' });
    const c = await client(s, id);
    await sleep(2 * interval);
    expect(await versions(s, id)).toEqual([]); // connected, but nobody edits

    await burst(s, c, id, 1000);
    await sleep(50); // the last batch's write (and any version it takes) has finished
    const first = (await autos(s, id)).reverse(); // oldest first
    // 1 s of editing from a map created at least one interval ago: one version at the start, then one per interval at most.
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first.length).toBeLessThanOrEqual(1 + Math.ceil(1000 / interval));
    for (let i = 1; i < first.length; i++) expect(first[i]!.createdAt - first[i - 1]!.createdAt).toBeGreaterThanOrEqual(interval);
    expect(first.every((v) => v.name === '' && v.createdBy === '' && v.beforeRestoreOf === undefined)).toBe(true);

    // Nobody edits for several intervals: nothing new.
    await sleep(3 * interval);
    expect(await autos(s, id)).toHaveLength(first.length);

    // One edit after the quiet time: exactly one more, holding that edit.
    await burst(s, c, id, 0);
    await waitFor(async () => (await autos(s, id)).length === first.length + 1, 'a version for the new edit');
    const newest = (await autos(s, id))[0]!;
    const content = (await (await fetch(`${s.url}/api/maps/${id}/versions/${newest.id}`)).json()) as { map: unknown };
    expect(content.map).toEqual(docToMapDocument(c.doc));
    // ... and another edit within the interval does not make another. (The server
    // has stored the edit by the time burst() returns; on a machine so slow that
    // a whole interval passed, one more version is right, so only the spacing is checked.)
    await burst(s, c, id, 0);
    const stored = Date.now();
    await sleep(50);
    const all = (await autos(s, id)).reverse();
    if (stored - newest.createdAt < interval) expect(all).toHaveLength(first.length + 1);
    for (let i = 1; i < all.length; i++) expect(all[i]!.createdAt - all[i - 1]!.createdAt).toBeGreaterThanOrEqual(interval);
  });

  it('keeps AUTO_VERSIONS_KEPT automatic versions, dropping the oldest; named versions are never pruned', async () => {
    const s = await start({ AUTO_VERSION_INTERVAL_MS: 20, AUTO_VERSIONS_KEPT: 3 });
    const id = await createMap(s.url, { template: 'blank' });
    const named = await fetch(`${s.url}/api/maps/${id}/versions`, jsonRequest('POST', { name: 'keep me' }));
    expect(named.status).toBe(201);
    const c = await client(s, id);
    const meta = metaMap(c.doc);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await sleep(30);
      meta.set('description', `round ${i}`);
      await waitFor(async () => (await autos(s, id)).some((v) => !seen.includes(v.id)), `automatic version ${i}`);
      const fresh = (await autos(s, id)).filter((v) => !seen.includes(v.id));
      expect(fresh).toHaveLength(1);
      seen.push(fresh[0]!.id);
    }
    const all = await versions(s, id);
    expect(all.filter((v) => v.kind === 'auto').map((v) => v.id)).toEqual(seen.slice(-3).reverse());
    expect(all.filter((v) => v.kind === 'named').map((v) => v.name)).toEqual(['keep me']);
    expect(await s.store.listVersions(id)).toHaveLength(4);
  });

  it('remembers when the last version was taken across a restart', async () => {
    const s = await start({ AUTO_VERSION_INTERVAL_MS: 60_000 });
    const id = await createMap(s.url, { template: 'blank' });
    expect((await fetch(`${s.url}/api/maps/${id}/versions`, jsonRequest('POST', { name: 'just now' }))).status).toBe(201);
    await stop(s);
    const again = await start({ DATA_DIR: s.config.DATA_DIR, AUTO_VERSION_INTERVAL_MS: 60_000 });
    const c = await client(again, id);
    metaMap(c.doc).set('description', 'edited after the restart');
    const live = await serverDoc(again, id);
    await waitFor(() => metaMap(live).get('description') === 'edited after the restart', 'edit on the server');
    await sleep(50);
    expect(await versions(again, id)).toHaveLength(1); // the named one is a minute old at most: no automatic one yet
  });

  it('takes none for the format migration or a restore by themselves', async () => {
    // A map stored by Journeyboard 1: the server migrates it when it loads it.
    const dir = tempDir();
    const store = openStore(dir);
    const v1 = new Y.Doc();
    v1.transact(() => {
      const meta = metaMap(v1);
      for (const [k, v] of Object.entries({ schemaVersion: 1, title: 'v1', description: '', locale: 'en', createdAt: 1, updatedAt: 1 })) {
        meta.set(k, v);
      }
      const entity = (name: 'stages' | 'lanes' | 'cards', id: string, fields: Record<string, unknown>) => {
        const entry = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(fields)) entry.set(k, v);
        collection(v1, name).set(id, entry);
      };
      entity('stages', 's1', { order: 'a0', name: 'Plan', description: '', color: '#336699' });
      entity('lanes', 'l1', { order: 'a0', kind: 'actions', name: 'Doing', department: '' });
      entity('cards', 'c1', { order: 'a0', laneId: 'l1', stageId: 's1', text: 'old card' });
    });
    const mapId = 'legacyMapFromV1xxxxxx';
    await store.createMap({ id: mapId, title: 'v1', createdAt: 1, updatedAt: 1 }, Y.encodeStateAsUpdate(v1));
    await store.close();

    const s = await start({ DATA_DIR: dir, AUTO_VERSION_INTERVAL_MS: 10 });
    const c = await client(s, mapId);
    await waitFor(() => readMeta(c.doc)?.schemaVersion === SCHEMA_VERSION, 'migrated');
    await sleep(100);
    expect(await versions(s, mapId)).toEqual([]);

    // A restore: its backup is the only automatic version it makes.
    const named = (await (await fetch(`${s.url}/api/maps/${mapId}/versions`, jsonRequest('POST', { name: 'v' }))).json()) as {
      id: string;
    };
    await sleep(30);
    const restored = await fetch(`${s.url}/api/maps/${mapId}/versions/${named.id}/restore`, jsonRequest('POST', {}));
    expect(restored.status).toBe(200);
    await sleep(100);
    expect((await versions(s, mapId)).map((v) => v.kind)).toEqual(['auto', 'named']);

    // The next edit by a person does.
    updateCardText(c.doc, 'c1', 'edited');
    await waitFor(async () => (await versions(s, mapId)).length === 3, 'a version for the edit');
  });
});
