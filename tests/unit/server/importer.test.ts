/**
 * Imports prepared in a worker thread (server/importer.ts): the same content
 * as reading the file on the main thread, every issue of a bad file, deep
 * nesting and entity limits refused, a worker that runs out of memory or
 * time costs one import an error and the next import still works, and the
 * main thread keeps turning while a big file is prepared.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToMapDocument, loadMapDocument, SERVER_ORIGIN } from '../../../src/model/doc';
import { mapFileFromDocs, parseMapFile } from '../../../src/model/exchange/mapFile';
import { MAP_LIMITS } from '../../../src/model/schema';
import { mapStats } from '../../../src/model/stats';
import { fileCounts, importedMap } from '../../../server/exchange';
import {
  DEFAULT_IMPORT_MEMORY_MB,
  MapImporter,
  importMemoryMb,
  type ImportPreparation,
  type PreparedImport,
} from '../../../server/importer';
import { TaskWorkerError, type TaskWorkerOptions } from '../../../server/taskWorker';
import { bigMapFile, smallMapFile, v1MapFile } from '../../fixtures/mapFile';

const NOW = 1_750_000_000_000;

const importers: MapImporter[] = [];
function importer(opts?: TaskWorkerOptions): MapImporter {
  const made = new MapImporter(opts);
  importers.push(made);
  return made;
}
afterAll(() => Promise.all(importers.map((i) => i.close())));

const shared = importer();
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A near-limit file: 10 000 cards, about 9.5 MB. Built once: it takes a moment. */
let bigText: string | undefined;
const big = () => (bigText ??= JSON.stringify(bigMapFile(MAP_LIMITS.cards, 600)));

function prepared(result: ImportPreparation): PreparedImport {
  if (!result.ok) throw new Error(`expected the file to be accepted: ${JSON.stringify(result.issues.slice(0, 5))}`);
  return result;
}
const docOf = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
};
async function failure(promise: Promise<unknown>): Promise<TaskWorkerError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TaskWorkerError);
  return err as TaskWorkerError;
}

describe('a valid file', () => {
  it('gives the content, comments, summary and counts that reading it on the main thread gives', async () => {
    const text = JSON.stringify(smallMapFile());
    const result = prepared(await shared.prepare(utf8(text), NOW));
    const parsed = parseMapFile(text);
    if (!parsed.ok) throw new Error('fixture must be valid');
    const expected = importedMap(parsed.map, NOW);

    const doc = docOf(result.state);
    expect(doc.store.pendingStructs).toBeNull();
    expect(docToMapDocument(doc)).toEqual(expected);
    expect(result.comments).toBeInstanceOf(Uint8Array);
    expect(mapFileFromDocs(doc, docOf(result.comments!)).comments).toEqual(parsed.comments);
    expect(result.title).toBe(expected.meta.title);
    expect(result.stats).toEqual(mapStats(doc));
    expect(result.counts).toEqual(fileCounts(parsed.map, parsed.comments));

    // What the route stored before the worker: a doc loaded on the main thread.
    const before = new Y.Doc();
    loadMapDocument(before, expected, SERVER_ORIGIN);
    expect(docToMapDocument(doc)).toEqual(docToMapDocument(before));
    expect(result.stats).toEqual(mapStats(before));
  });

  it('takes text as well as bytes, a byte order mark, and an older version (migrated)', async () => {
    const withBom = prepared(await shared.prepare(utf8('\uFEFF' + JSON.stringify(smallMapFile())), NOW));
    expect(docToMapDocument(docOf(withBom.state)).meta.title).toBe('会员复购旅程');
    const old = prepared(await shared.prepare(JSON.stringify(v1MapFile()), NOW));
    const map = docToMapDocument(docOf(old.state));
    expect(map.meta).toMatchObject({ title: 'Old trip', schemaVersion: 4, createdAt: NOW, updatedAt: NOW });
    expect(Object.keys(map.cards).sort()).toEqual(['c1', 'c2']);
    expect(old.comments).toBeUndefined();
  });

  it('leaves the caller its bytes', async () => {
    const bytes = utf8(JSON.stringify(smallMapFile()));
    const length = bytes.byteLength;
    prepared(await shared.prepare(bytes, NOW));
    expect(bytes.byteLength).toBe(length);
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(smallMapFile()));
  });
});

describe('a file that is refused', () => {
  it('gives every issue parseMapFile finds, by path', async () => {
    const file = JSON.parse(JSON.stringify(smallMapFile())) as Record<string, Record<string, Record<string, unknown>>>;
    file.cards!.c1!.laneId = 'nowhere';
    file.cards!.c2!.emotion = 99;
    file.stages!.s1!.color = 'red';
    const text = JSON.stringify(file);
    const result = await shared.prepare(text, NOW);
    const expected = parseMapFile(text);
    expect(expected.ok).toBe(false);
    expect(result).toEqual({ ok: false, issues: !expected.ok && expected.issues });
    expect(result.ok || result.issues.map((i) => i.path)).toEqual(['stages.s1.color', 'cards.c2.emotion', 'cards.c1.laneId']);
  });

  it('refuses 200 000 levels of nesting unparsed, and the worker carries on', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(await shared.prepare(utf8(deep), NOW)).toEqual({ ok: false, issues: [{ path: '', message: 'nested deeper than 64 levels' }] });
    prepared(await shared.prepare(JSON.stringify(smallMapFile()), NOW));
  });

  it('refuses more entities than a map may hold, one issue a collection', async () => {
    const file = bigMapFile(12_000, 10);
    for (let i = 0; i < MAP_LIMITS.personas; i++) file.personas[`q${i}`] = { ...file.personas.p1!, id: `q${i}` };
    expect(await shared.prepare(JSON.stringify(file), NOW)).toEqual({
      ok: false,
      issues: [
        { path: 'personas', message: `${MAP_LIMITS.personas + 1} personas, at most ${MAP_LIMITS.personas}` },
        { path: 'cards', message: `12000 cards, at most ${MAP_LIMITS.cards}` },
      ],
    });
  });
});

describe('the worker', () => {
  it('keeps the main thread turning while it prepares a big file', async () => {
    const bytes = utf8(big());
    expect(bytes.byteLength).toBeGreaterThan(8 * 1024 * 1024);
    prepared(await shared.prepare(JSON.stringify(smallMapFile()), NOW)); // loaded: the ticks below are the big file's alone
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const result = prepared(await shared.prepare(bytes, NOW));
      expect(result.counts.cards).toBe(MAP_LIMITS.cards);
      expect(result.stats.cards).toBe(MAP_LIMITS.cards);
    } finally {
      clearInterval(timer);
    }
    // On the main thread, as before, not one tick would happen until the file was done.
    expect(ticks).toBeGreaterThan(10);
  });

  it('fails the import that runs out of its memory, with a restart for the next', async () => {
    const small = importer({ maxMemoryMb: 32 });
    prepared(await small.prepare(JSON.stringify(smallMapFile()), NOW));
    const err = await failure(small.prepare(big(), NOW));
    expect(err.reason).toBe('memory');
    expect(err.message).toBe('the file needs more memory than an import may use');
    prepared(await small.prepare(JSON.stringify(smallMapFile()), NOW));
  });

  it('stops an import that takes too long, and starts a new worker for the next', async () => {
    const hasty = importer({ timeoutMs: 1 });
    const err = await failure(hasty.prepare(big(), NOW));
    expect(err.reason).toBe('timeout');
    // A fresh worker is loaded (loading is not on the import's clock) and stopped again: no hang, no crash.
    expect((await failure(hasty.prepare(big(), NOW))).reason).toBe('timeout');
  });

  it('takes imports one at a time, in order, and refuses more than its queue holds', async () => {
    const queued = importer({ maxQueued: 2 });
    const titles = ['one', 'two', 'three'].map((title) => JSON.stringify({ ...smallMapFile(), meta: { ...smallMapFile().meta, title } }));
    const running = titles.map((t) => queued.prepare(t, NOW));
    expect((await failure(queued.prepare(titles[0]!, NOW))).reason).toBe('busy');
    const results = await Promise.all(running);
    expect(results.map((r) => prepared(r).title)).toEqual(['one', 'two', 'three']);
  });

  it('gets more memory for a raised MAX_IMPORT_BYTES, never less than the default', () => {
    expect(importMemoryMb(10 * 2 ** 20)).toBe(DEFAULT_IMPORT_MEMORY_MB);
    expect(importMemoryMb(1024)).toBe(DEFAULT_IMPORT_MEMORY_MB);
    expect(importMemoryMb(100 * 2 ** 20)).toBeGreaterThan(DEFAULT_IMPORT_MEMORY_MB * 4);
  });

  it('starts again after stopping when idle', async () => {
    const brief = importer({ idleMs: 10 });
    prepared(await brief.prepare(JSON.stringify(smallMapFile()), NOW));
    await new Promise((resolve) => setTimeout(resolve, 100));
    prepared(await brief.prepare(JSON.stringify(smallMapFile()), NOW));
  });

  it('fails what is running and waiting when closed, and everything after', async () => {
    const closing = importer();
    const running = failure(closing.prepare(big(), NOW));
    const waiting = failure(closing.prepare(JSON.stringify(smallMapFile()), NOW));
    await closing.close();
    expect((await running).reason).toBe('closed');
    expect((await waiting).reason).toBe('closed');
    expect((await failure(closing.prepare(JSON.stringify(smallMapFile()), NOW))).reason).toBe('closed');
  });
});
