/**
 * What the dashboard needs from the server, over real HTTP and real sockets:
 * map summaries kept on the map row, `?q=` search, duplicating a map (live
 * edits included, in a fresh Yjs doc), and databases from before summaries.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCard,
  docToMapDocument,
  listEntities,
  loadMapDocument,
  MapListSchema,
  MapSummarySchema,
  readMeta,
  renameMap,
  SERVER_ORIGIN,
} from '../../../src/model';
import { addPersona } from '../../../src/model/commands/personas';
import { buildTemplate } from '../../../src/model/templates';
import { DB_FILE } from '../../../server/store/sqlite';
import { serverHarness, type Server } from '../../fixtures/harness';
import { createMap, tempDir, waitFor, type Client } from '../../fixtures/server';

const h = serverHarness();
const start = (dataDir?: string): Promise<Server> => h.start(dataDir ? { DATA_DIR: dataDir } : {});
const open = (server: Server, id: string): Promise<Client> => h.client(server, id);
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
async function list(server: Server, q?: string) {
  const res = await fetch(`${server.url}/api/maps${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`);
  expect(res.status).toBe(200);
  return MapListSchema.parse(await res.json()).maps;
}
async function summaryOf(server: Server, id: string) {
  return (await list(server)).find((m) => m.id === id);
}
async function duplicate(server: Server, id: string, body?: unknown) {
  return fetch(`${server.url}/api/maps/${id}/duplicate`, body === undefined ? { method: 'POST' } : post(body));
}
/** Adds a card in the first stage and lane of the client's map. */
function addFirstCellCard(client: Client, text: string): string {
  const [stage] = listEntities(client.doc, 'stages');
  const [lane] = listEntities(client.doc, 'lanes');
  return addCard(client.doc, { stageId: stage!.id, laneId: lane!.id, text });
}
const clientIds = (doc: Y.Doc) => new Set(Y.decodeStateVector(Y.encodeStateVector(doc)).keys());

describe('map summaries (stats)', () => {
  it('are stored at creation and kept current as people edit', async () => {
    const server = await start();
    const id = await createMap(server.url, { title: 'Stats' });
    const client = await open(server, id);
    const stageNames = listEntities(client.doc, 'stages').map((s) => s.name);
    expect(stageNames.length).toBeGreaterThan(0);
    expect((await summaryOf(server, id))?.stats).toEqual({
      stages: stageNames.length,
      cards: 0,
      persona: '',
      stageNames,
      review: { createdAt: expect.any(Number) as number },
    });

    addFirstCellCard(client, 'one');
    addFirstCellCard(client, 'two');
    addPersona(client.doc, { name: 'Lina, 34' }); // the first persona is the one the map follows
    await waitFor(async () => (await summaryOf(server, id))?.stats?.cards === 2, 'stats after edits');
    await waitFor(async () => (await summaryOf(server, id))?.stats?.persona === 'Lina, 34', 'persona in stats');
    expect((await summaryOf(server, id))?.stats).toMatchObject({ stages: stageNames.length, stageNames });

    // GET /api/maps/:id carries them too
    const one = MapSummarySchema.parse(await (await fetch(`${server.url}/api/maps/${id}`)).json());
    expect(one.stats?.cards).toBe(2);
  });

  it('name at most 20 stages but count them all', async () => {
    const server = await start();
    const id = await createMap(server.url);
    const client = await open(server, id);
    const stages = client.doc.getMap('stages');
    const existing = listEntities(client.doc, 'stages').length;
    client.doc.transact(() => {
      for (let i = 0; i < 25; i++) {
        const stage = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({ order: `z${String(i).padStart(2, '0')}`, name: `S${i}`, description: '', color: '#112233' }))
          stage.set(k, v);
        stages.set(`extra${i}`, stage);
      }
    });
    await waitFor(async () => (await summaryOf(server, id))?.stats?.stages === existing + 25, '25 more stages');
    const stats = (await summaryOf(server, id))!.stats!;
    expect(stats.stageNames).toHaveLength(20);
    expect(stats.stageNames).toEqual(
      listEntities(client.doc, 'stages')
        .slice(0, 20)
        .map((s) => s.name),
    );
  });
});

describe('last edited', () => {
  it('is when the edit was stored, not when the row caught up: maps edited one after the other list in that order', async () => {
    const server = await start();
    const first = await createMap(server.url, { title: 'Edited first' });
    const second = await createMap(server.url, { title: 'Edited second' });
    const a = await open(server, first);
    const b = await open(server, second);
    const firstEditAt = Date.now();
    addFirstCellCard(a, 'first');
    await new Promise((resolve) => setTimeout(resolve, 200));
    addFirstCellCard(b, 'second');
    const secondEditAt = Date.now();
    await waitFor(async () => {
      const maps = await list(server);
      return [first, second].every((id) => maps.find((m) => m.id === id)?.stats?.cards === 1);
    }, 'both rows written');
    const maps = await list(server);
    expect(maps.slice(0, 2).map((m) => m.title)).toEqual(['Edited second', 'Edited first']);
    // Within the moment of the edit (the stored batch), not the 1.5–2.5 s later the row is written.
    const firstAt = maps.find((m) => m.id === first)!.updatedAt;
    expect(firstAt).toBeGreaterThanOrEqual(firstEditAt);
    expect(firstAt).toBeLessThan(secondEditAt);
  });
});

describe('GET /api/maps?q=', () => {
  it('filters by title, case-insensitively and by Chinese substring', async () => {
    const server = await start();
    const checkout = await createMap(server.url, { title: 'Checkout Journey' });
    const chinese = await createMap(server.url, { title: '会员复购旅程', locale: 'zh-CN' });
    const onboarding = await createMap(server.url, { title: 'Onboarding' });
    const ids = async (q?: string) => (await list(server, q)).map((m) => m.id).sort();

    expect(await ids('checkout')).toEqual([checkout]);
    expect(await ids('JOURNEY')).toEqual([checkout]);
    expect(await ids('复购')).toEqual([chinese]);
    expect(await ids('旅程')).toEqual([chinese]);
    expect(await ids('ＣＨＥＣＫ')).toEqual([checkout]); // full-width, as a Chinese IME types it
    expect(await ids('in')).toEqual([onboarding]);
    expect(await ids('nothing like it')).toEqual([]);
    expect(await ids('  ')).toEqual([checkout, chinese, onboarding].sort());
    expect(await ids()).toEqual([checkout, chinese, onboarding].sort());
    // results keep the list's order (newest edit first) and carry summaries
    const found = await list(server, 'o');
    expect(found.map((m) => m.id)).toEqual([onboarding, checkout]);
    expect(found.every((m) => m.stats !== undefined)).toBe(true);
  });
});

describe('POST /api/maps/:id/duplicate', () => {
  it('copies the content as it is now, live edits included, into a fresh document', async () => {
    const server = await start();
    const source = await createMap(server.url, { title: 'Original' });
    const editor = await open(server, source);
    const watcher = await open(server, source);
    addFirstCellCard(editor, 'stored a while ago');
    addPersona(editor.doc, { name: 'Ana' });
    await waitFor(async () => (await summaryOf(server, source))?.stats?.cards === 1, 'first card stored');

    // An edit made just now: the server has it once another client has seen it.
    const liveCard = addFirstCellCard(editor, 'made just before duplicating');
    await waitFor(() => listEntities(watcher.doc, 'cards').some((c) => c.id === liveCard), 'live edit relayed');
    const before = Date.now();
    const res = await duplicate(server, source);
    expect(res.status).toBe(201);
    const { id: copy } = (await res.json()) as { id: string };
    expect(copy).not.toBe(source);

    const original = docToMapDocument(editor.doc);
    const copied = await open(server, copy);
    const copyMap = docToMapDocument(copied.doc);
    expect(Object.keys(copyMap.cards)).toContain(liveCard);
    expect(copyMap.cards).toEqual(original.cards);
    expect(copyMap.stages).toEqual(original.stages);
    expect(copyMap.lanes).toEqual(original.lanes);
    expect(copyMap.personas).toEqual(original.personas);
    const { title, createdAt, updatedAt, ...restMeta } = copyMap.meta;
    const { title: _t, createdAt: _c, updatedAt: _u, ...sourceRestMeta } = original.meta;
    expect(restMeta).toEqual(sourceRestMeta);
    expect(title).toBe('Original (copy)');
    expect(createdAt).toBeGreaterThanOrEqual(before);
    expect(updatedAt).toBe(createdAt);

    // A new document, not a fork of the original's history: no client id in common.
    const copyClients = clientIds(copied.doc);
    const sourceClients = clientIds(editor.doc);
    expect(copyClients.size).toBeGreaterThan(0);
    expect([...copyClients].filter((c) => sourceClients.has(c))).toEqual([]);

    // Listed at once with its summary; the original is untouched.
    const listed = await list(server);
    expect(listed[0]).toMatchObject({ id: copy, title: 'Original (copy)', stats: { cards: 2, persona: 'Ana' } });
    expect(listed.find((m) => m.id === source)?.title).toBe('Original');
    expect(readMeta(editor.doc)?.title).toBe('Original');

    // Editing the copy does not touch the original.
    addFirstCellCard(copied, 'only in the copy');
    await waitFor(async () => (await summaryOf(server, copy))?.stats?.cards === 3, 'copy edited');
    // Each map's row follows its own timer: the original's shows its live card, in its own time.
    await waitFor(async () => (await summaryOf(server, source))?.stats?.cards === 2, 'original summarised');
    expect(listEntities(editor.doc, 'cards')).toHaveLength(2);
  });

  it('duplicates a map nobody has open, names the copy in the map’s language or as asked', async () => {
    const server = await start();
    const zh = await createMap(server.url, { title: '会员复购旅程', locale: 'zh-CN' });
    const res = await duplicate(server, zh, {});
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await summaryOf(server, id))?.title).toBe('会员复购旅程（副本）');
    const copied = await open(server, id);
    expect(readMeta(copied.doc)?.title).toBe('会员复购旅程（副本）');

    const named = await duplicate(server, zh, { title: '  第二版 ' });
    expect(named.status).toBe(201);
    expect((await summaryOf(server, ((await named.json()) as { id: string }).id))?.title).toBe('第二版');

    // A title at the limit is shortened so the copy's still fits (200).
    const long = await createMap(server.url, { title: 'x'.repeat(200) });
    const longCopy = ((await (await duplicate(server, long)).json()) as { id: string }).id;
    const longTitle = (await summaryOf(server, longCopy))!.title;
    expect(longTitle).toHaveLength(200);
    expect(longTitle.endsWith('x (copy)')).toBe(true);
  });

  it('answers an unknown map with 404, a bad body with 400, another method with 405, all JSON', async () => {
    const server = await start();
    const before = (await list(server)).length;
    for (const res of [await duplicate(server, 'doesNotExist'), await duplicate(server, 'bad%20id', {})]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toEqual({ error: 'map not found' });
    }
    const id = await createMap(server.url);
    const notJson = await duplicate(server, id, '{nope');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/JSON/);
    for (const body of [{ title: '   ' }, { title: 7 }, { title: 'x'.repeat(201) }, []]) {
      const res = await duplicate(server, id, body);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
      expect(answer.error).toBe('invalid request body');
      expect(answer.issues.length).toBeGreaterThan(0);
    }
    const huge = await duplicate(server, id, { title: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const get = await fetch(`${server.url}/api/maps/${id}/duplicate`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await list(server)).length).toBe(before + 1); // nothing was copied
  });
});

describe('a database from before map summaries', () => {
  /** The maps table as the first release created it: no stats column. */
  function oldDatabase(dir: string, maps: { id: string; title: string }[]): void {
    const db = new Database(path.join(dir, DB_FILE));
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);
      INSERT INTO schema_migrations (version) VALUES (1);
      CREATE TABLE maps (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE snapshots (map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE, state BLOB NOT NULL);
      CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE, data BLOB NOT NULL);
      CREATE INDEX updates_by_map ON updates(map_id, seq);`);
    const now = Date.now();
    for (const { id, title } of maps) {
      const doc = new Y.Doc();
      loadMapDocument(doc, buildTemplate('blank', { locale: 'en', title, now }), SERVER_ORIGIN);
      db.prepare('INSERT INTO maps (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, title, now, now);
      db.prepare('INSERT INTO snapshots (map_id, state) VALUES (?, ?)').run(id, Buffer.from(Y.encodeStateAsUpdate(doc)));
      doc.destroy();
    }
    db.close();
  }
  const columns = (dir: string) => {
    const db = new Database(path.join(dir, DB_FILE), { readonly: true });
    try {
      return (db.prepare('PRAGMA table_info(maps)').all() as { name: string }[]).map((c) => c.name);
    } finally {
      db.close();
    }
  };

  it('gains the column, lists old maps without a summary until they are saved, and survives bad rows', async () => {
    const dir = tempDir();
    oldDatabase(dir, [
      { id: 'oldMapNumberOne', title: 'Old one' },
      { id: 'oldMapNumberTwo', title: 'Old two' },
    ]);
    expect(columns(dir)).not.toContain('stats');

    let server = await start(dir);
    expect(columns(dir)).toContain('stats');
    const listed = await list(server);
    expect(listed.map((m) => m.id).sort()).toEqual(['oldMapNumberOne', 'oldMapNumberTwo']);
    expect(listed.every((m) => m.stats === undefined && !('stats' in m))).toBe(true);
    expect((await list(server, 'TWO')).map((m) => m.id)).toEqual(['oldMapNumberTwo']);

    // Saving an old map gives it a summary; duplicating one works too.
    const client = await open(server, 'oldMapNumberOne');
    renameMap(client.doc, 'Old one, edited');
    await waitFor(async () => (await summaryOf(server, 'oldMapNumberOne'))?.stats !== undefined, 'stats after the first save');
    expect((await summaryOf(server, 'oldMapNumberOne'))?.stats).toMatchObject({
      stages: listEntities(client.doc, 'stages').length,
      cards: 0,
    });
    const dup = await duplicate(server, 'oldMapNumberTwo');
    expect(dup.status).toBe(201);
    expect((await summaryOf(server, ((await dup.json()) as { id: string }).id))?.title).toBe('Old two (copy)');
    await h.stop(server);

    // Rows whose summary does not validate are listed without one.
    const db = new Database(path.join(dir, DB_FILE));
    db.prepare('UPDATE maps SET stats = ? WHERE id = ?').run('{"stages":-1,"cards":"many"}', 'oldMapNumberOne');
    db.prepare('UPDATE maps SET stats = ? WHERE id = ?').run('not json at all', 'oldMapNumberTwo');
    db.close();
    server = await start(dir);
    const again = await list(server);
    expect(again).toHaveLength(3);
    expect(again.find((m) => m.id === 'oldMapNumberOne')).toMatchObject({ title: 'Old one, edited' });
    expect(again.find((m) => m.id === 'oldMapNumberOne')?.stats).toBeUndefined();
    expect(again.find((m) => m.id === 'oldMapNumberTwo')?.stats).toBeUndefined();
  });
});
