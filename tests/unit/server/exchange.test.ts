/**
 * Maps as JSON files over HTTP, against a real server: GET
 * /api/maps/:id/export.json (through the room, so unsaved edits are in it;
 * comments on request; a download name in any language) and POST
 * /api/maps/import (a new map, or every issue and nothing created).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCALES, MapListSchema, TEMPLATE_IDS, addCard, docToMapDocument, listEntities, type MapDocument } from '../../../src/model';
import { readComments, reply, startThread, cardTarget } from '../../../src/model/comments';
import type { MapFile } from '../../../src/model/exchange/mapFile';
import { DB_FILE } from '../../../server/store/sqlite';
import { serverHarness, type Server } from '../../fixtures/harness';
import { smallMapFile } from '../../fixtures/mapFile';
import { createMap, createMapWithLinks, jsonRequest, memoryLogger, tokenOf, waitFor } from '../../fixtures/server';

const { start, client } = serverHarness();
afterEach(() => vi.restoreAllMocks());

type Issue = { path: string; message: string };

const exportOf = (s: Server, id: string, query = '') => fetch(`${s.url}/api/maps/${id}/export.json${query}`);
async function exportJson(s: Server, id: string, query = ''): Promise<MapFile> {
  const res = await exportOf(s, id, query);
  expect(res.status).toBe(200);
  return (await res.json()) as MapFile;
}
const importFile = (s: Server, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/maps/import`, jsonRequest('POST', body, headers));
async function imported(s: Server, body: unknown): Promise<string> {
  const res = await importFile(s, body);
  const answer = (await res.json()) as { id: string; links: Record<string, string>; issues?: Issue[] };
  expect(answer.issues).toBeUndefined();
  expect(res.status).toBe(201);
  return answer.id;
}
async function listMaps(s: Server, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/api/maps`, { headers });
  expect(res.status).toBe(200);
  return MapListSchema.parse(await res.json()).maps;
}

/** Rows in every table that holds a map's data: what "nothing was written" means. */
function rowCounts(s: Server): Record<string, number> {
  const db = new Database(path.join(s.config.DATA_DIR, DB_FILE), { readonly: true });
  try {
    const tables = ['maps', 'snapshots', 'updates', 'subdoc_snapshots', 'subdoc_updates', 'versions'];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

/** Everything but the map's own timestamps. */
function content(map: MapDocument) {
  const { createdAt: _c, updatedAt: _u, ...meta } = map.meta;
  return { ...map, meta };
}

describe('GET /api/maps/:id/export.json', () => {
  it('exports what the room holds, an edit that is not stored yet included', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'backpack', locale: 'zh-CN' });
    const editor = await client(s, id);
    // Hold back every write to the store: the edit lives only in the room.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const append = s.store.appendUpdates.bind(s.store);
    vi.spyOn(s.store, 'appendUpdates').mockImplementation(async (...args) => {
      await gate;
      return append(...args);
    });
    const [lane] = listEntities(editor.doc, 'lanes');
    const [stage] = listEntities(editor.doc, 'stages');
    const cardId = addCard(editor.doc, { laneId: lane!.id, stageId: stage!.id, text: '刚刚加上的卡片' });
    await waitFor(async () => (await exportJson(s, id)).cards[cardId] !== undefined, 'the edit in the export');

    const stored = new Y.Doc();
    for (const update of await s.store.loadState(id)) Y.applyUpdate(stored, update);
    expect(docToMapDocument(stored).cards[cardId]).toBeUndefined();
    const file = await exportJson(s, id);
    expect(file.cards[cardId]).toMatchObject({ text: '刚刚加上的卡片', laneId: lane!.id, stageId: stage!.id });
    expect(content(file)).toEqual(content(docToMapDocument(editor.doc)));
    release();
  });

  it('names the download after the title, Chinese included, with an ASCII fallback', async () => {
    const s = await start();
    const cases: [string, string, string][] = [
      ['会员复购旅程', '', '会员复购旅程.json'],
      ['Checkout: "fast" / 快速', 'Checkout fast.json', 'Checkout fast 快速.json'],
      ['Café (v2)*', 'Cafe (v2).json', 'Café (v2).json'],
      ['../../etc/passwd', 'etc passwd.json', 'etc passwd.json'],
    ];
    for (const [title, ascii, utf8] of cases) {
      const id = await createMap(s.url, { title });
      const res = await exportOf(s, id);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/);
      const fallback = /filename="([^"]*)"/.exec(disposition)![1];
      expect(fallback).toBe(ascii || `journey-map-${id}.json`);
      expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(utf8);
      expect(((await res.json()) as MapFile).meta.title).toBe(title);
    }
  });

  it('answers 404 for an unknown map and 405 for anything but GET', async () => {
    const s = await start();
    expect((await exportOf(s, 'noSuchMap123')).status).toBe(404);
    const id = await createMap(s.url);
    const post = await fetch(`${s.url}/api/maps/${id}/export.json`, jsonRequest('POST', {}));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${s.url}/api/maps/import`)).status).toBe(405);
  });
});

describe('POST /api/maps/import', () => {
  it('imports every template, in both languages, exported over HTTP, as an identical new map', async () => {
    const s = await start();
    for (const template of TEMPLATE_IDS) {
      for (const locale of LOCALES) {
        const source = await createMap(s.url, { template, locale });
        const file = await exportJson(s, source);
        const before = Date.now();
        const id = await imported(s, JSON.stringify(file));
        expect(id).not.toBe(source);
        const copy = await exportJson(s, id);
        expect(content(copy)).toEqual(content(file));
        // The new map's own time: when it was imported.
        expect(copy.meta.createdAt).toBeGreaterThanOrEqual(before);
        expect(copy.meta.updatedAt).toBe(copy.meta.createdAt);
        const row = (await listMaps(s)).find((m) => m.id === id)!;
        expect(row).toMatchObject({ title: file.meta.title, createdAt: copy.meta.createdAt });
        expect(row.stats?.cards).toBe(Object.keys(file.cards).length);
      }
    }
  });

  it('answers like POST /api/maps: the id and the three share links', async () => {
    const s = await start();
    const res = await importFile(s, smallMapFile());
    expect(res.status).toBe(201);
    const { id, links } = (await res.json()) as { id: string; links: Record<string, string> };
    expect(Object.keys(links).sort()).toEqual(['comment', 'edit', 'view']);
    expect(links.edit).toContain(`/m/${id}?token=`);
    const editor = await client(s, id);
    expect(listEntities(editor.doc, 'cards').map((c) => c.text)).toEqual(['在小红书看到推荐', '转化率']);
  });

  it('carries the comments with ?comments=1, and only then', async () => {
    const s = await start();
    const source = await createMap(s.url, { template: 'subscription', locale: 'zh-CN' });
    const [card] = listEntities((await client(s, source)).doc, 'cards');
    const comments = await client(s, source, { doc: 'comments' });
    const alice = { id: 'alice', name: '爱丽丝', color: '#e5484d' };
    const thread = startThread(comments.doc, cardTarget(card!.id), alice, '@Bob 这里要改', [{ id: 'bob', name: 'Bob' }])!;
    reply(comments.doc, thread.threadId, { id: 'bob', name: 'Bob', color: '#30a46c' }, '好的');
    startThread(comments.doc, 'map', alice, 'Whole map');
    await waitFor(async () => Object.keys((await exportJson(s, source, '?comments=1')).comments?.comments ?? {}).length === 3, 'comments');

    expect(await exportJson(s, source)).not.toHaveProperty('comments');
    const file = await exportJson(s, source, '?comments=1');
    expect(Object.keys(file.comments!.threads)).toHaveLength(2);

    const id = await imported(s, file);
    const copy = await exportJson(s, id, '?comments=1');
    expect(copy.comments).toEqual(file.comments);
    const copyComments = await client(s, id, { doc: 'comments' });
    const shown = (doc: Y.Doc) => readComments(doc).threads;
    expect(shown(copyComments.doc)).toEqual(shown(comments.doc));
  });

  it('refuses an invalid file with every issue by path, and writes nothing', async () => {
    const s = await start();
    await createMap(s.url, { template: 'backpack' });
    const maps = await listMaps(s);
    const rows = rowCounts(s);

    const broken = smallMapFile() as unknown as Record<string, Record<string, Record<string, unknown>>>;
    broken.cards!.c1!.laneId = 'ghost';
    broken.cards!.c2!.text = 'x'.repeat(6000);
    broken.stages!.s1!.color = 5;
    delete broken.lanes!.l2!.id;
    (broken.comments as unknown as Record<string, Record<string, Record<string, unknown>>>).comments!.k3!.threadId = 'nope';
    const cases: [string, unknown, Issue[]][] = [
      [
        'content',
        broken,
        [
          { path: 'stages.s1.color', message: 'expected string, found a number' },
          { path: 'lanes.l2.id', message: 'missing (expected string)' },
          { path: 'cards.c2.text', message: 'too long: 6000 characters, at most 5000' },
          { path: 'cards.c1.laneId', message: 'unknown lane "ghost"' },
          { path: 'comments.comments.k3.threadId', message: 'unknown thread "nope"' },
        ],
      ],
      ['not JSON', '{"schemaVersion": 2,', [{ path: '', message: 'not valid JSON: the text ends too early at line 1, column 21' }]],
      ['empty', '', [{ path: '', message: 'not valid JSON: the file is empty' }]],
      ['an array', '[]', [{ path: '', message: 'expected object, found an array' }]],
      ['null', 'null', [{ path: '', message: 'expected object, found null' }]],
      [
        'a prototype key',
        JSON.stringify(smallMapFile()).replace('"cards":{', '"cards":{"__proto__":{"polluted":true},'),
        [{ path: 'cards.__proto__', message: 'the key "__proto__" is not allowed' }],
      ],
      [
        'a newer version',
        { ...smallMapFile(), schemaVersion: 99 },
        [{ path: 'schemaVersion', message: 'schemaVersion 99 was written by a newer Journeyboard (this one reads up to 4)' }],
      ],
    ];
    for (const [what, body, issues] of cases) {
      const res = await importFile(s, body);
      expect({ what, status: res.status, body: await res.json() }).toEqual({
        what,
        status: 400,
        body: { error: 'invalid map file', issues },
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await listMaps(s)).toEqual(maps);
    expect(rowCounts(s)).toEqual(rows);
  });

  it('has a size cap of its own: a file over MAX_BODY_BYTES imports, one over MAX_IMPORT_BYTES is 413 and writes nothing', async () => {
    const s = await start({ MAX_BODY_BYTES: 64 * 1024, MAX_IMPORT_BYTES: 512 * 1024 });
    const file = smallMapFile();
    // A persona photo as a data URL: what makes real files big.
    file.personas.p1!.avatar = `data:image/png;base64,${'A'.repeat(150_000)}`;
    const id = await imported(s, file);
    expect((await exportJson(s, id)).personas.p1!.avatar).toBe(file.personas.p1!.avatar);

    const maps = await listMaps(s);
    const rows = rowCounts(s);
    file.personas.p2 = { ...file.personas.p1!, id: 'p2' };
    file.personas.p3 = { ...file.personas.p1!, id: 'p3' };
    file.personas.p4 = { ...file.personas.p1!, id: 'p4' };
    const res = await importFile(s, file);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('request body larger than 524288 bytes');
    expect(await listMaps(s)).toEqual(maps);
    expect(rowCounts(s)).toEqual(rows);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });

  it('logs one line per import: the new map and how much it holds, never the content', async () => {
    const log = memoryLogger();
    const s = await start({}, log);
    const id = await imported(s, smallMapFile());
    const lines = log.records.filter((r) => r.msg === 'map imported');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', map: id, personas: 1, stages: 2, lanes: 2, cards: 2, threads: 2, comments: 3 }),
    ]);
    await importFile(s, { ...smallMapFile(), schemaVersion: 99 });
    const all = JSON.stringify(log.records);
    expect(all).not.toContain('小红书');
    expect(all).not.toContain('会员复购旅程');
    expect(log.records.filter((r) => r.msg === 'map imported')).toHaveLength(1);
  });

  it('is refused from another site', async () => {
    const s = await start();
    const before = rowCounts(s);
    const res = await importFile(s, smallMapFile(), { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(rowCounts(s)).toEqual(before);
  });
});

describe('with a workspace password', () => {
  const PASSWORD = 'correct horse battery';
  async function cookieFor(s: Server): Promise<string> {
    const res = await fetch(`${s.url}/api/session`, jsonRequest('POST', { password: PASSWORD }));
    expect(res.status).toBe(204);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('a share link of any role exports its own map, not another; no link imports', async () => {
    const s = await start({ JOURNEYBOARD_PASSWORD: PASSWORD });
    const cookie = await cookieFor(s);
    const { id, links } = await createMapWithLinks(s.url, { template: 'b2b', locale: 'zh-CN' }, { cookie });
    const other = await createMapWithLinks(s.url, {}, { cookie });
    for (const link of Object.values(links)) {
      const token = tokenOf(link);
      const res = await exportOf(s, id, `?token=${token}&comments=1`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as MapFile).meta.title).toBe('IT经理采购SaaS服务台之旅');
      expect((await exportOf(s, other.id, `?token=${token}`)).status).toBe(401);
      expect((await fetch(`${s.url}/api/maps/import?token=${token}`, jsonRequest('POST', smallMapFile()))).status).toBe(401);
    }
    expect((await exportOf(s, id)).status).toBe(401);
    expect((await importFile(s, smallMapFile())).status).toBe(401);
    expect((await listMaps(s, { cookie })).map((m) => m.id).sort()).toEqual([id, other.id].sort());
    // The workspace itself may.
    expect((await importFile(s, smallMapFile(), { cookie })).status).toBe(201);
  });
});
