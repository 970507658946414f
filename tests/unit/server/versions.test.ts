/**
 * Version history over real HTTP, with real y-websocket clients: named
 * versions and their previews, a restore while someone keeps editing,
 * limits, compression, and versions going with their map.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  deleteCard,
  docToMapDocument,
  listEntities,
  readEntity,
  readMeta,
  renameMap,
  setEmotion,
  updateCardText,
  type MapDocument,
} from '../../../src/model';
import { RestoreResultSchema, VersionListSchema, VersionSummarySchema, type VersionSummary } from '../../../src/model/versions';
import { DB_FILE } from '../../../server/store/sqlite';
import { createMap, jsonRequest, memoryLogger, serverDoc, waitFor } from '../../fixtures/server';
import { serverHarness, type Server } from '../../fixtures/harness';

const { start, stop, client } = serverHarness();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const api = (s: Server, p: string, init?: RequestInit) => fetch(`${s.url}/api/maps/${p}`, init);
const sameContent = (a: Y.Doc, b: Y.Doc) => isDeepStrictEqual(docToMapDocument(a), docToMapDocument(b));
const textOf = (doc: Y.Doc, id: string) => readEntity(doc, 'cards', id)?.text;

async function listVersions(s: Server, id: string) {
  const res = await api(s, `${id}/versions`);
  expect(res.status).toBe(200);
  return VersionListSchema.parse(await res.json());
}
async function saveVersion(s: Server, id: string, name: string, createdBy?: string): Promise<VersionSummary> {
  const res = await api(s, `${id}/versions`, jsonRequest('POST', { name, ...(createdBy === undefined ? {} : { createdBy }) }));
  expect(res.status, await res.clone().text()).toBe(201);
  return VersionSummarySchema.parse(await res.json());
}
async function preview(s: Server, id: string, versionId: string): Promise<VersionSummary & { map: MapDocument }> {
  const res = await api(s, `${id}/versions/${versionId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as VersionSummary & { map: MapDocument };
}
async function restore(s: Server, id: string, versionId: string, createdBy?: string) {
  const res = await api(s, `${id}/versions/${versionId}/restore`, jsonRequest('POST', createdBy === undefined ? {} : { createdBy }));
  expect(res.status, await res.clone().text()).toBe(200);
  return RestoreResultSchema.parse(await res.json());
}
/** The map without meta.updatedAt and without the given cards: what a restore must make equal. */
function apartFrom(map: MapDocument, cardIds: string[]) {
  const { updatedAt: _updatedAt, ...meta } = map.meta;
  const cards = Object.fromEntries(Object.entries(map.cards).filter(([id]) => !cardIds.includes(id)));
  return { ...map, meta, cards };
}

describe('named versions', () => {
  it('saves the map as the server holds it, lists newest first, and previews each as the open format', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'backpack' });
    const a = await client(s, id);
    const empty = await listVersions(s, id);
    expect(empty.versions).toEqual([]);
    expect(empty.storage.limit).toBe(50 * 1024 * 1024);
    expect(empty.storage.bytes).toBeGreaterThan(0);

    // An edit made a moment ago is in the version.
    const card = listEntities(a.doc, 'cards')[0]!;
    updateCardText(a.doc, card.id, 'edited before the workshop');
    const live = await serverDoc(s, id);
    await waitFor(() => textOf(live, card.id) === 'edited before the workshop', 'the edit on the server');
    const atFirst = docToMapDocument(a.doc);
    const first = await saveVersion(s, id, '  before workshop ', 'Ana');
    expect(first).toMatchObject({ name: 'before workshop', kind: 'named', createdBy: 'Ana', cards: Object.keys(atFirst.cards).length });
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(first.beforeRestoreOf).toBeUndefined();

    deleteCard(a.doc, card.id);
    const added = addCard(a.doc, { laneId: card.laneId, stageId: card.stageId, text: 'added in the workshop' });
    renameMap(a.doc, 'After the workshop');
    await waitFor(() => sameContent(a.doc, live), 'the workshop on the server');
    const atSecond = docToMapDocument(a.doc);
    const second = await saveVersion(s, id, 'after workshop');
    expect(second).toMatchObject({ createdBy: '', cards: first.cards });

    const list = await listVersions(s, id);
    expect(list.versions).toEqual([second, first]);
    expect(list.storage.bytes).toBeGreaterThanOrEqual(empty.storage.bytes + first.bytes + second.bytes);

    const p1 = await preview(s, id, first.id);
    expect(p1).toMatchObject(first);
    expect(p1.map).toEqual(atFirst);
    expect(p1.map.cards[card.id]?.text).toBe('edited before the workshop');
    const p2 = await preview(s, id, second.id);
    expect(p2.map).toEqual(atSecond);
    expect(p2.map.cards[added]?.text).toBe('added in the workshop');
    // A preview is read-only: the live map is as it was.
    expect(readMeta(a.doc)?.title).toBe('After the workshop');
    expect(readMeta(live)?.title).toBe('After the workshop');
  });

  it('keeps versions across a restart', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'b2b' });
    const v = await saveVersion(s, id, 'kept');
    const content = (await preview(s, id, v.id)).map;
    await stop(s);
    const again = await start({ DATA_DIR: s.config.DATA_DIR });
    expect((await listVersions(again, id)).versions).toEqual([v]);
    expect((await preview(again, id, v.id)).map).toEqual(content);
  });

  it('answers unknown ids with 404, bad bodies with 400 and the issues, other methods with 405: always JSON, never a crash', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const v = await saveVersion(s, id, 'one');
    const nobody = 'x'.repeat(21);
    const cases: [string, RequestInit | undefined, number][] = [
      [`${id}/versions/${nobody}`, undefined, 404],
      [`${id}/versions/not.an.id`, undefined, 404],
      [`${id}/versions/${'y'.repeat(65)}`, undefined, 404],
      [`${id}/versions/${nobody}/restore`, jsonRequest('POST', {}), 404],
      [`${id}/versions/${nobody}`, { method: 'DELETE' }, 404],
      [`${nobody}/versions`, undefined, 404],
      [`${nobody}/versions`, jsonRequest('POST', { name: 'x' }), 404],
      [`${nobody}/versions/${v.id}`, undefined, 404],
      [`${nobody}/versions/${v.id}/restore`, jsonRequest('POST', {}), 404],
      [`${id}/versions`, jsonRequest('POST', {}), 400],
      [`${id}/versions`, jsonRequest('POST', { name: '   ' }), 400],
      [`${id}/versions`, jsonRequest('POST', { name: 'x'.repeat(101) }), 400],
      [`${id}/versions`, jsonRequest('POST', { name: 42 }), 400],
      [`${id}/versions`, jsonRequest('POST', { name: 'ok', createdBy: 'y'.repeat(61) }), 400],
      [`${id}/versions`, jsonRequest('POST', '{not json'), 400],
      [`${id}/versions`, jsonRequest('POST', '[1, 2]'), 400],
      [`${id}/versions/${v.id}/restore`, jsonRequest('POST', { createdBy: 5 }), 400],
      [`${id}/versions/${v.id}/restore`, jsonRequest('POST', 'null'), 400],
      [`${id}/versions`, { method: 'PUT' }, 405],
      [`${id}/versions/${v.id}`, jsonRequest('POST', {}), 405],
      [`${id}/versions/${v.id}/restore`, undefined, 405],
      [`${id}/versions/${v.id}/other`, jsonRequest('POST', {}), 404],
      [`${id}/versions/${v.id}/restore/again`, jsonRequest('POST', {}), 404],
    ];
    for (const [p, init, status] of cases) {
      const res = await api(s, p, init);
      expect(res.status, `${init?.method ?? 'GET'} ${p}`).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: string; issues?: { path: string; message: string }[] };
      expect(typeof body.error).toBe('string');
      if (status === 400) expect(body.issues?.length).toBeGreaterThan(0);
    }
    // A version is found through its own map only.
    const other = await createMap(s.url);
    expect((await api(s, `${other}/versions/${v.id}`)).status).toBe(404);
    expect((await api(s, `${other}/versions/${v.id}/restore`, jsonRequest('POST', {}))).status).toBe(404);
    expect((await api(s, `${other}/versions/${v.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await listVersions(s, id)).versions).toEqual([v]);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });

  it('limits named versions per map (409); deletes named versions, never automatic ones', async () => {
    const s = await start({ MAX_VERSIONS_PER_MAP: 2 });
    const id = await createMap(s.url, { template: 'backpack' });
    const one = await saveVersion(s, id, 'one');
    const two = await saveVersion(s, id, 'two');
    const third = await api(s, `${id}/versions`, jsonRequest('POST', { name: 'three' }));
    expect(third.status).toBe(409);
    expect(((await third.json()) as { error: string }).error).toMatch(/already has 2 named versions/);

    // The backup a restore takes is automatic: it does not count against the named limit.
    const { backup } = await restore(s, id, one.id);
    const auto = await api(s, `${id}/versions/${backup}`, { method: 'DELETE' });
    expect(auto.status).toBe(409);
    expect(((await auto.json()) as { error: string }).error).toMatch(/automatic versions cannot be deleted/);

    expect((await api(s, `${id}/versions/${two.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(s, `${id}/versions/${two.id}`)).status).toBe(404);
    expect((await api(s, `${id}/versions/${two.id}`, { method: 'DELETE' })).status).toBe(404);
    const three = await saveVersion(s, id, 'three');
    expect((await listVersions(s, id)).versions.map((v) => v.id)).toEqual([three.id, backup, one.id]);
  });

  it('stores versions deflated: fewer bytes than the raw state of a template map, which comes back whole', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'subscription', locale: 'zh-CN' });
    const v = await saveVersion(s, id, 'compact');
    const live = await serverDoc(s, id);
    const raw = Y.encodeStateAsUpdate(live);
    const stored = (await s.store.getVersion(id, v.id))!;
    expect(stored.bytes).toBe(v.bytes);
    expect(stored.state.byteLength).toBe(v.bytes);
    expect(v.bytes).toBeLessThan(raw.byteLength * 0.7);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, zlib.inflateRawSync(stored.state));
    expect(docToMapDocument(doc)).toEqual(docToMapDocument(live));
    // The database holds the deflated bytes.
    const db = new Database(path.join(s.config.DATA_DIR, DB_FILE), { readonly: true });
    try {
      const row = db.prepare('SELECT length(state) AS stored, bytes, card_count AS cards FROM versions WHERE id = ?').get(v.id);
      expect(row).toEqual({ stored: v.bytes, bytes: v.bytes, cards: v.cards });
    } finally {
      db.close();
    }
  });

  it('deletes a map’s versions with the map', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'backpack' });
    const keep = await createMap(s.url);
    await saveVersion(s, id, 'one');
    await saveVersion(s, id, 'two');
    const kept = await saveVersion(s, keep, 'other map');
    expect((await api(s, id, { method: 'DELETE' })).status).toBe(204);
    expect(await s.store.listVersions(id)).toEqual([]);
    expect(await s.store.storageBytes(id)).toBe(0);
    expect((await api(s, `${id}/versions`)).status).toBe(404);
    const db = new Database(path.join(s.config.DATA_DIR, DB_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) FROM versions WHERE map_id = ?').pluck().get(id)).toBe(0);
    } finally {
      db.close();
    }
    expect((await listVersions(s, keep)).versions).toEqual([kept]);
  });
});

describe('restoring a version', () => {
  it('restores while a second user keeps editing: everyone converges on the version plus the edits made after it', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'backpack' });
    const a = await client(s, id);
    const b = await client(s, id);
    const cards = listEntities(a.doc, 'cards');
    const gone = cards[0]!;
    const rewritten = cards[1]!;
    const bCard = cards[2]!;
    const emotional = cards.find((c) => c.emotion !== undefined && ![gone.id, rewritten.id, bCard.id].includes(c.id))!;
    const version = await saveVersion(s, id, 'before workshop', 'Ana');
    const atVersion = docToMapDocument(a.doc);

    // The workshop: A deletes a card, rewrites one, adds one, renames the map.
    deleteCard(a.doc, gone.id);
    updateCardText(a.doc, rewritten.id, 'rewritten in the workshop');
    const added = addCard(a.doc, { laneId: gone.laneId, stageId: gone.stageId, text: 'added in the workshop' });
    renameMap(a.doc, 'Workshop result');
    await waitFor(() => sameContent(a.doc, b.doc), 'B sees the workshop');
    const beforeRestore = docToMapDocument(a.doc);

    // B keeps editing its card (and another card's emotion) before, during and after the restore.
    let n = 0;
    let restored = false;
    let afterRestore = 0;
    let stopped = false;
    const editing = (async () => {
      while (!stopped) {
        n++;
        updateCardText(b.doc, bCard.id, `B's edit ${n}`);
        if (n % 5 === 0) setEmotion(b.doc, emotional.id, (n / 5) % 2 ? -3 : 3);
        if (restored) afterRestore++;
        await sleep(5);
      }
    })();
    await sleep(60);
    const result = await restore(s, id, version.id, 'Ana');
    restored = true;
    await waitFor(() => afterRestore >= 10, 'B edits after the restore');
    stopped = true;
    await editing;
    const lastText = `B's edit ${n}`;
    const lastEmotion = readEntity(b.doc, 'cards', emotional.id)!.emotion;
    const live = await serverDoc(s, id);
    await waitFor(() => textOf(a.doc, bCard.id) === lastText && sameContent(a.doc, b.doc) && sameContent(a.doc, live), 'convergence');

    // The version's content is back...
    expect(readEntity(a.doc, 'cards', gone.id)).toEqual(atVersion.cards[gone.id]);
    expect(textOf(a.doc, rewritten.id)).toBe(rewritten.text);
    expect(readEntity(a.doc, 'cards', added)).toBeNull();
    expect(readMeta(a.doc)?.title).toBe(atVersion.meta.title);
    const now = docToMapDocument(a.doc);
    expect(apartFrom(now, [bCard.id, emotional.id])).toEqual(apartFrom(atVersion, [bCard.id, emotional.id]));
    // ...with B's edits made after the restore on top.
    expect(now.cards[bCard.id]).toEqual({ ...atVersion.cards[bCard.id], text: lastText });
    expect(now.cards[emotional.id]).toEqual({ ...atVersion.cards[emotional.id], emotion: lastEmotion });

    // Someone who connects afterwards sees the same, and so does the map's row.
    const c = await client(s, id);
    expect(docToMapDocument(c.doc)).toEqual(now);
    await waitFor(async () => ((await (await api(s, id)).json()) as { title: string }).title === atVersion.meta.title, 'title row');

    // What was there before is kept as an automatic version.
    const list = await listVersions(s, id);
    expect(list.versions.map((v) => v.id)).toEqual([result.backup, version.id]);
    expect(list.versions[0]).toMatchObject({ kind: 'auto', name: '', createdBy: 'Ana', beforeRestoreOf: version.id });
    const backup = (await preview(s, id, result.backup)).map;
    expect(backup.meta.title).toBe('Workshop result');
    expect(backup.cards[added]?.text).toBe('added in the workshop');
    expect(backup.cards[gone.id]).toBeUndefined();
    expect(apartFrom(backup, [bCard.id, emotional.id])).toEqual(apartFrom(beforeRestore, [bCard.id, emotional.id]));
    expect(result.restored).toBe(version.id);

    // And the restore is stored: after a restart the map is the same.
    await stop(s);
    const again = await start({ DATA_DIR: s.config.DATA_DIR });
    const d = await client(again, id);
    expect(docToMapDocument(d.doc)).toEqual(now);
  });

  it('restoring the backup undoes the restore, as one more change on top', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'subscription' });
    const a = await client(s, id);
    const v = await saveVersion(s, id, 'start');
    const card = listEntities(a.doc, 'cards')[0]!;
    updateCardText(a.doc, card.id, 'changed after the version');
    const live = await serverDoc(s, id);
    await waitFor(() => textOf(live, card.id) === 'changed after the version', 'edit on the server');
    const { backup } = await restore(s, id, v.id);
    await waitFor(() => textOf(a.doc, card.id) === card.text, 'restored');
    const second = await restore(s, id, backup);
    await waitFor(() => textOf(a.doc, card.id) === 'changed after the version', 'restore undone');
    expect((await listVersions(s, id)).versions.map((x) => x.id)).toEqual([second.backup, backup, v.id]);
  });
});

describe('storage limits', () => {
  it('counts versions toward the map’s storage: past the limit a named version gets 413, automatic ones are skipped and logged', async () => {
    const first = await start();
    const id = await createMap(first.url, { template: 'backpack' });
    const s0 = (await listVersions(first, id)).storage.bytes;
    const v1 = await saveVersion(first, id, 'fits');
    const s1 = (await listVersions(first, id)).storage.bytes;
    expect(s1).toBe(s0 + v1.bytes);
    const v2 = await saveVersion(first, id, 'fits too');
    expect((await listVersions(first, id)).storage.bytes).toBe(s1 + v2.bytes);
    await api(first, `${id}/versions/${v2.id}`, { method: 'DELETE' });
    await stop(first);

    // Room for the map and one version, not two.
    const limit = s1 + Math.floor(v1.bytes / 2);
    const log = memoryLogger();
    const s = await start({ DATA_DIR: first.config.DATA_DIR, MAX_MAP_STORAGE_BYTES: limit, AUTO_VERSION_INTERVAL_MS: 10 }, log);
    expect((await listVersions(s, id)).storage).toEqual({ bytes: s1, limit });
    const refused = await api(s, `${id}/versions`, jsonRequest('POST', { name: 'too much' }));
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: string }).error).toMatch(/storage limit.*delete named versions/);

    // An edit would call for an automatic version: skipped, logged, the edit itself stored.
    const a = await client(s, id);
    const card = listEntities(a.doc, 'cards')[0]!;
    await sleep(20);
    updateCardText(a.doc, card.id, 'edited at the limit');
    await waitFor(() => log.records.some((r) => r.msg === 'automatic version skipped: storage limit' && r.map === id), 'skip logged');
    expect((await listVersions(s, id)).versions.map((v) => v.id)).toEqual([v1.id]);
    await waitFor(async () => (await s.store.storageBytes(id)) > s1, 'the edit stored');

    // A restore needs room for its backup first.
    const noRoom = await api(s, `${id}/versions/${v1.id}/restore`, jsonRequest('POST', {}));
    expect(noRoom.status).toBe(413);
    expect(textOf(a.doc, card.id)).toBe('edited at the limit');

    // Deleting the named version makes room again.
    expect((await api(s, `${id}/versions/${v1.id}`, { method: 'DELETE' })).status).toBe(204);
    await saveVersion(s, id, 'fits again');
  });
});
