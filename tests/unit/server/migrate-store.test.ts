/**
 * Moving a single-node installation into PostgreSQL (`npm run migrate-store`).
 * A real SQLite server makes maps with comments, edits, named and automatic
 * versions, a restore and rotated links, and stops (one map is left with
 * updates in its log, as a kill -9 leaves it). The migration moves it into a
 * schema of its own on this machine's PostgreSQL, and a cluster node then
 * serves every map, comment, version and share link as the old server did.
 * A second run moves nothing; a map changed in the target is reported and
 * left alone unless --overwrite; a dry run writes nothing; a target with a
 * secret of its own stops the move; a map that fails moves not at all and a
 * rerun finishes the job; the source is never written.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, docToMapDocument, listEntities, updateCardText, type MapDocument } from '../../../src/model';
import { readComments, startThread, type CommentsSnapshot } from '../../../src/model/comments';
import { VersionListSchema, type VersionSummary } from '../../../src/model/versions';
import { runMigrateStore, type Output } from '../../../server/migrateStore';
import { foldState, migrateInstallation, sameDocState } from '../../../server/storeMigration';
import { openPostgresStore } from '../../../server/store/postgres';
import { DB_FILE, openSqliteStore } from '../../../server/store/sqlite';
import { SQLITE_SCHEMA_READ, openSqliteSource, readSecretFile } from '../../../server/store/sqliteSource';
import { serverHarness, type Server } from '../../fixtures/harness';
import {
  connectSynced,
  createMapWithLinks,
  jsonRequest,
  serverDoc,
  startServer,
  tempDir,
  tokenOf,
  waitFor,
  type ShareLinks,
} from '../../fixtures/server';

const h = serverHarness();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ADA = { id: 'ada', name: 'Ada', color: '#336699' };

/** What the old server holds of one map, read before the move: the cluster must show the same. */
interface SourceMap {
  id: string;
  title: string;
  /** its share links now (after a rotation, for the map that had one) */
  links: ShareLinks;
  /** links revoked by a rotation before the move: they must stay revoked */
  revoked: ShareLinks | null;
  map: MapDocument;
  comments: CommentsSnapshot | null;
  versions: VersionSummary[];
  previews: Record<string, unknown>;
}

interface Source {
  dataDir: string;
  maps: SourceMap[];
  /** GET /api/maps on the old server */
  list: unknown;
  /** journeyboard.sqlite's bytes and mtime: the move must not change them */
  fingerprint: string;
}

const fingerprint = (dataDir: string): string => {
  const file = path.join(dataDir, DB_FILE);
  return `${crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')} ${fs.statSync(file).mtimeMs}`;
};

const getJson = async (url: string): Promise<unknown> => {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return res.json();
};

const versionsOf = async (base: string, id: string): Promise<VersionSummary[]> =>
  VersionListSchema.parse(await getJson(`${base}/api/maps/${id}/versions`)).versions;

/** The role a share link's token gets on a server, or its HTTP status if none. */
async function roleOf(base: string, id: string, link: string): Promise<string | number> {
  const res = await fetch(`${base}/api/access?map=${id}&token=${encodeURIComponent(tokenOf(link))}`);
  return res.status === 200 ? ((await res.json()) as { role: string }).role : res.status;
}

/**
 * An installation as people leave it: three maps, one with comments, edits,
 * named and automatic versions, a restore and rotated links; one with a
 * Chinese title and nothing else; one with comments, a named version, and
 * an update still in its log (its last edits came in after the last
 * compaction: the server was killed).
 */
async function buildSource(): Promise<Source> {
  const s1 = await startServer({ AUTO_VERSION_INTERVAL_MS: 10 });
  const dataDir = s1.config.DATA_DIR;
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${s1.url}${url}`, jsonRequest('POST', body));
    expect(res.status, url).toBeLessThan(300);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const a = await createMapWithLinks(s1.url, { template: 'backpack', title: 'Backpack trip' });
  const b = await createMapWithLinks(s1.url, { template: 'blank', title: '空白的旅程' });
  const c = await createMapWithLinks(s1.url, { template: 'b2b', title: 'B2B onboarding' });

  const editor = await connectSynced(s1.url, a.id);
  const comments = await connectSynced(s1.url, a.id, { doc: 'comments' });
  const commentsC = await connectSynced(s1.url, c.id, { doc: 'comments' });
  try {
    const card = listEntities(editor.doc, 'cards')[0]!;
    await sleep(20);
    updateCardText(editor.doc, card.id, 'edited before the move'); // an automatic version (the map is older than the interval)
    await waitFor(async () => (await versionsOf(s1.url, a.id)).length === 1, 'an automatic version');
    const named = await post(`/api/maps/${a.id}/versions`, { name: 'Before the workshop', createdBy: 'Ada' });
    await sleep(20);
    updateCardText(editor.doc, card.id, 'edited after the named version'); // another automatic version
    await waitFor(async () => (await versionsOf(s1.url, a.id)).length === 3, 'a second automatic version');
    await post(`/api/maps/${a.id}/versions/${named.id as string}/restore`, { createdBy: 'Ada' }); // an automatic backup first
    startThread(comments.doc, 'map', ADA, 'Moving day — 搬家 🎒');
    startThread(commentsC.doc, 'map', ADA, 'Who owns the kickoff?');
    await post(`/api/maps/${c.id}/versions`, { name: 'v1', createdBy: '' });
    await waitFor(async () => readComments(await serverDoc(s1, `${a.id}/comments`)).threads.length === 1, 'comment on the server');
    await waitFor(async () => readComments(await serverDoc(s1, `${c.id}/comments`)).threads.length === 1, 'comment on the server');
  } finally {
    [editor, comments, commentsC].forEach((x) => x.close());
  }
  const rotated = (await post(`/api/maps/${a.id}/links/rotate`, {})) as unknown as ShareLinks;
  expect(await roleOf(s1.url, a.id, a.links.view)).toBe(401);
  const previews: Record<string, Record<string, unknown>> = {};
  for (const { id } of [a, b, c]) {
    previews[id] = {};
    for (const v of await versionsOf(s1.url, id)) previews[id]![v.id] = await getJson(`${s1.url}/api/maps/${id}/versions/${v.id}`);
  }
  await s1.close();

  // C's last edit is in its log only, as a kill -9 after the store leaves it.
  const store = openSqliteStore(dataDir);
  try {
    const doc = new Y.Doc();
    (await store.loadState(c.id)).forEach((u) => Y.applyUpdate(doc, u));
    const before = Y.encodeStateVector(doc);
    addCard(doc, {
      laneId: listEntities(doc, 'lanes')[0]!.id,
      stageId: listEntities(doc, 'stages')[0]!.id,
      text: 'written just before the crash',
    });
    await store.appendUpdates(c.id, [Y.encodeStateAsUpdate(doc, before)]);
    expect(await store.logLength(c.id)).toBe(1);
  } finally {
    await store.close();
  }

  // What the old server shows, read again by a server (which opens no map, so C's log stays as it is).
  const s2 = await startServer({ DATA_DIR: dataDir });
  const list = await getJson(`${s2.url}/api/maps?limit=100`);
  const versions = Object.fromEntries(await Promise.all([a, b, c].map(async ({ id }) => [id, await versionsOf(s2.url, id)] as const)));
  await s2.close();
  const content = openSqliteStore(dataDir);
  const docOf = async (id: string) => {
    const doc = new Y.Doc();
    (await content.loadState(id)).forEach((u) => Y.applyUpdate(doc, u));
    return doc;
  };
  const maps: SourceMap[] = [];
  for (const [{ id, links }, title, revoked] of [
    [a, 'Backpack trip', a.links],
    [b, '空白的旅程', null],
    [c, 'B2B onboarding', null],
  ] as const) {
    const commentsState = await content.loadState(`${id}/comments`);
    maps.push({
      id,
      title,
      links: revoked ? rotated : links,
      revoked,
      map: docToMapDocument(await docOf(id)),
      comments: commentsState.length > 0 ? readComments(await docOf(`${id}/comments`)) : null,
      versions: versions[id]!,
      previews: previews[id]!,
    });
  }
  expect(await content.logLength(c.id)).toBe(1);
  await content.close();
  return { dataDir, maps, list, fingerprint: fingerprint(dataDir) };
}

let source: Source;
beforeAll(async () => {
  source = await buildSource();
}, 60_000);

const mapOf = (title: string): SourceMap => source.maps.find((m) => m.title === title)!;
const allVersions = () => source.maps.reduce((n, m) => n + m.versions.length, 0);
const versions = (n: number) => `${n} version${n === 1 ? '' : 's'}`;

/** The output of an in-process run. */
function capture(): { io: Output; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

async function migrate(to: string, ...flags: string[]) {
  const c = capture();
  const code = await runMigrateStore(['--from', 'sqlite', '--data-dir', source.dataDir, '--to', to, ...flags], c.io, {});
  return { code, out: c.out, err: c.err, text: c.out.join('\n') };
}

const { DATA_DIR: _, ...withoutDataDir } = process.env;

/** The real command in a child process, as `npm run migrate-store` runs it. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = h.trackChild(
    spawn(process.execPath, ['--import', 'tsx', 'server/migrateStore.ts', ...args], {
      env: withoutDataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs `sql` on the test's schema. */
async function query<R extends pg.QueryResultRow>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Every map, comment, version and link of the source, as a cluster node serves them. */
async function expectServedAsBefore(node: Server): Promise<void> {
  const list = (await getJson(`${node.url}/api/maps?limit=100`)) as { maps: unknown[] };
  expect(list).toEqual(source.list);
  for (const m of source.maps) {
    const map = await h.client(node, m.id);
    expect(docToMapDocument(map.doc)).toEqual(m.map);
    const comments = await h.client(node, m.id, { doc: 'comments' });
    expect(readComments(comments.doc)).toEqual(m.comments ?? readComments(new Y.Doc()));
    expect(await versionsOf(node.url, m.id)).toEqual(m.versions);
    for (const v of m.versions) expect(await getJson(`${node.url}/api/maps/${m.id}/versions/${v.id}`)).toEqual(m.previews[v.id]);
    expect(await roleOf(node.url, m.id, m.links.edit)).toBe('editor');
    expect(await roleOf(node.url, m.id, m.links.comment)).toBe('commenter');
    expect(await roleOf(node.url, m.id, m.links.view)).toBe('viewer');
    if (m.revoked) expect(await roleOf(node.url, m.id, m.revoked.edit)).toBe(401);
  }
}

describe('the installation the tests move', () => {
  it('has what the migration must carry: comments, named, automatic and backup versions, a rotated link, a log', () => {
    const a = mapOf('Backpack trip');
    expect(a.versions.map((v) => v.kind).sort()).toEqual(['auto', 'auto', 'auto', 'named']);
    expect(a.versions.filter((v) => v.beforeRestoreOf !== undefined)).toHaveLength(1);
    expect(a.comments?.threads).toHaveLength(1);
    expect(Object.values(mapOf('B2B onboarding').map.cards).some((card) => card.text === 'written just before the crash')).toBe(true);
    expect(mapOf('空白的旅程').versions).toEqual([]);
  });
});

describe('npm run migrate-store', () => {
  it('moves every map, document, comment, version and link version, and the secret; a cluster node serves them as the old server did', async (ctx) => {
    const { services, add } = await h.cluster(ctx, 0);
    const run = await migrate(services.DATABASE_URL);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    for (const m of source.maps) {
      const line = run.out.find((l) => l.includes(m.id))!;
      expect(line).toMatch(/^moved /);
      expect(line).toContain(JSON.stringify(m.title));
      expect(line).toContain(m.comments ? 'map + comments' : 'map,');
      expect(line).toContain(m.versions.length === 0 ? 'no versions' : `${m.versions.length} version`);
    }
    expect(run.out).toContain(`moved 3 maps (2 comments docs, ${allVersions()} versions), 0 already there, 0 different; secret moved`);
    expect(run.text).toMatch(/sign-in links: not moved \(they are one-time and short-lived\)/);
    expect(fingerprint(source.dataDir)).toBe(source.fingerprint);

    // Compact: one snapshot per document, no log (C's logged update is folded in).
    expect(await query(services.DATABASE_URL, 'SELECT doc_id FROM doc_updates')).toEqual([]);
    expect(
      (await query<{ doc_id: string }>(services.DATABASE_URL, 'SELECT doc_id FROM doc_snapshots')).map((r) => r.doc_id).sort(),
    ).toEqual(source.maps.flatMap((m) => (m.comments ? [m.id, `${m.id}/comments`] : [m.id])).sort());
    expect(await query(services.DATABASE_URL, "SELECT value FROM settings WHERE key = 'secret'")).toEqual([
      { value: readSecretFile(source.dataDir) },
    ]);

    const node = await add();
    await expectServedAsBefore(node);

    // Again, with the node serving the maps it has opened: nothing moves.
    const again = await migrate(services.DATABASE_URL);
    expect(again.code).toBe(0);
    for (const m of source.maps) expect(again.out.find((l) => l.includes(m.id))).toMatch(/^already there /);
    expect(again.out).toContain('moved 0 maps (0 comments docs, 0 versions), 3 already there, 0 different; secret already there');
    expect((await query<{ n: string }>(services.DATABASE_URL, 'SELECT count(*) AS n FROM versions'))[0]!.n).toBe(String(allVersions()));
  });

  it('runs as a command: --help, strict arguments, exit codes, and a target it cannot reach named without its password', async (ctx) => {
    const { services, add } = await h.cluster(ctx, 0);
    const base = ['--from', 'sqlite', '--data-dir', source.dataDir];
    const [help, unknown, noTo, noDatabase, unreachable] = await Promise.all([
      cli(['--help']),
      cli([...base, '--to', services.DATABASE_URL, '--dry-rnu']),
      cli(base),
      cli(['--data-dir', tempDir(), '--to', services.DATABASE_URL]),
      cli([...base, '--to', 'postgres://journeyboard:Tr0ub4dor-and-3@127.0.0.1:1/journeyboard']),
    ]);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: npm run migrate-store -- --from sqlite --data-dir DIR --to POSTGRES_URL/);
    expect(help.stdout).toContain('--keep-target-secret');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('migrate-store: unknown option --dry-rnu');
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toContain('--to is required');
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toMatch(/holds no Journeyboard database \(no journeyboard\.sqlite\)/);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot use PostgreSQL at postgres://journeyboard:***@127.0.0.1:1/journeyboard: ');
    expect(unreachable.stderr).toMatch(/ECONNREFUSED/);
    expect(unreachable.stdout + unreachable.stderr).not.toContain('Tr0ub4dor');

    // The real thing, end to end.
    const real = await cli([...base, '--to', services.DATABASE_URL]);
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(real.stdout).toContain(`moved 3 maps (2 comments docs, ${allVersions()} versions), 0 already there, 0 different; secret moved`);
    const node = await add();
    expect(await roleOf(node.url, source.maps[0]!.id, source.maps[0]!.links.comment)).toBe('commenter');
    expect(fingerprint(source.dataDir)).toBe(source.fingerprint);
  }, 60_000);

  it('reports a map changed in the target as different and leaves it alone; --overwrite replaces it', async (ctx) => {
    const { services, add } = await h.cluster(ctx, 0);
    expect((await migrate(services.DATABASE_URL)).code).toBe(0);
    const blank = mapOf('空白的旅程');
    const node = await add();
    const c = await h.client(node, blank.id);
    addCard(c.doc, {
      laneId: listEntities(c.doc, 'lanes')[0]!.id,
      stageId: listEntities(c.doc, 'stages')[0]!.id,
      text: 'made on the cluster',
    });
    await waitFor(
      async () => (await query(services.DATABASE_URL, 'SELECT 1 FROM doc_updates WHERE doc_id = $1', [blank.id])).length > 0,
      'stored',
    );
    await h.stop(node);

    const run = await migrate(services.DATABASE_URL);
    expect(run.code).toBe(1);
    expect(run.out.find((l) => l.includes(blank.id))).toMatch(
      /^different .*the target's copy differs, left alone \(--overwrite replaces it\)$/,
    );
    expect(run.out).toContain('moved 0 maps (0 comments docs, 0 versions), 2 already there, 1 different; secret already there');
    expect(run.text).toContain('1 map in the target differs from this installation and was left alone');
    const kept = await add();
    expect(listEntities((await h.client(kept, blank.id)).doc, 'cards').map((card) => card.text)).toEqual(['made on the cluster']);
    await h.stop(kept);

    const overwrite = await migrate(services.DATABASE_URL, '--overwrite');
    expect(overwrite.code).toBe(0);
    expect(overwrite.out.find((l) => l.includes(blank.id))).toMatch(/^replaced /);
    expect(overwrite.out).toContain(
      'moved 1 map (0 comments docs, 0 versions, 1 replacing a different copy), 2 already there, 0 different; secret already there',
    );
    const replaced = await add();
    expect(docToMapDocument((await h.client(replaced, blank.id)).doc)).toEqual(blank.map);
  });

  it('--dry-run reports what would move and writes nothing, not even tables', async (ctx) => {
    const { services } = await h.cluster(ctx, 0);
    const dry = await migrate(services.DATABASE_URL, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out[0]).toMatch(/^dry run, nothing is written: /);
    for (const m of source.maps) expect(dry.out.find((l) => l.includes(m.id))).toMatch(/^would move /);
    expect(dry.out).toContain(
      `would move 3 maps (2 comments docs, ${allVersions()} versions), 0 already there, 0 different; secret would be moved`,
    );
    expect(await query(services.DATABASE_URL, "SELECT to_regclass('schema_migrations') AS t")).toEqual([{ t: null }]);

    expect((await migrate(services.DATABASE_URL)).code).toBe(0);
    const counts =
      'SELECT (SELECT count(*) FROM maps) AS maps, (SELECT count(*) FROM doc_snapshots) AS docs, (SELECT count(*) FROM versions) AS versions';
    const before = await query(services.DATABASE_URL, counts);
    const dryAgain = await migrate(services.DATABASE_URL, '--dry-run', '--overwrite');
    expect(dryAgain.code).toBe(0);
    expect(dryAgain.out).toContain('would move 0 maps (0 comments docs, 0 versions), 3 already there, 0 different; secret already there');
    expect(await query(services.DATABASE_URL, counts)).toEqual(before);
  });

  it('stops before moving anything when the target has a secret of its own, unless --keep-target-secret (then old links stop working)', async (ctx) => {
    const { services, add } = await h.cluster(ctx, 0);
    await h.stop(await add()); // a node started on the empty target made a secret of its own

    const refused = await migrate(services.DATABASE_URL);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('the target already has a secret of its own');
    expect(refused.err.join('\n')).toContain('--keep-target-secret');
    expect(await query(services.DATABASE_URL, 'SELECT id FROM maps')).toEqual([]);

    const kept = await migrate(services.DATABASE_URL, '--keep-target-secret');
    expect(kept.code).toBe(0);
    expect(kept.out).toContain(
      `moved 3 maps (2 comments docs, ${allVersions()} versions), 0 already there, 0 different; target secret kept`,
    );
    expect(kept.text).toContain('share links and sessions of the old server no longer work');
    const node = await add();
    const a = mapOf('Backpack trip');
    expect(await roleOf(node.url, a.id, a.links.edit)).toBe(401);
    expect(docToMapDocument((await h.client(node, a.id)).doc)).toEqual(a.map);
  });

  it('moves a map in one transaction: one that fails leaves nothing behind, the others move, and a rerun finishes the job', async (ctx) => {
    const { services } = await h.cluster(ctx, 0);
    const a = mapOf('Backpack trip');
    // The target holds a version with the id of one of A's: A's insert fails half way through its transaction.
    const target = await openPostgresStore(services.DATABASE_URL, { poolSize: 2 });
    try {
      await target.createMap({ id: 'blocker', title: 'blocker', createdAt: 1, updatedAt: 1 }, Y.encodeStateAsUpdate(new Y.Doc()));
      const clash = await target.createVersion({
        id: a.versions[0]!.id,
        mapId: 'blocker',
        name: '',
        kind: 'auto',
        createdAt: 1,
        createdBy: '',
        cards: 0,
        state: new Uint8Array([1, 2, 3]),
      });
      expect(clash.ok).toBe(true);

      const run = await migrate(services.DATABASE_URL);
      expect(run.code).toBe(1);
      expect(run.err.find((l) => l.includes(a.id))).toMatch(/^FAILED .*duplicate key/);
      expect(run.err.at(-1)).toMatch(/1 map failed \(above\)\. Run again to move them/);
      expect(run.out).toContain(
        `moved 2 maps (1 comments doc, ${versions(allVersions() - a.versions.length)}), 0 already there, 0 different, 1 failed; secret moved`,
      );
      expect(await target.getMap(a.id)).toBeNull();
      expect(await query(services.DATABASE_URL, 'SELECT doc_id FROM doc_snapshots WHERE map_id = $1', [a.id])).toEqual([]);
      expect(await target.listVersions(a.id)).toEqual([]);

      await target.deleteMap('blocker');
      const rerun = await migrate(services.DATABASE_URL);
      expect(rerun.code).toBe(0);
      expect(rerun.out).toContain(
        `moved 1 map (1 comments doc, ${versions(a.versions.length)}), 2 already there, 0 different; secret already there`,
      );
    } finally {
      await target.close();
    }
  });

  it('stops at once when the target stops answering, and says what to do', async (ctx) => {
    const { services } = await h.cluster(ctx, 0);
    const target = await openPostgresStore(services.DATABASE_URL, { poolSize: 1 });
    const maps = openSqliteSource(source.dataDir);
    try {
      let calls = 0;
      const failing = {
        ...target,
        async importMap(...args: Parameters<typeof target.importMap>) {
          if (++calls === 2) throw new Error('connection terminated unexpectedly');
          return target.importMap(...args);
        },
        async ping() {
          if (calls >= 2) throw new Error('connection refused');
        },
      };
      const summary = await migrateInstallation({ maps, secret: readSecretFile(source.dataDir) }, failing);
      expect(summary.maps.map((m) => m.status)).toEqual(['created', 'failed']);
      expect(summary.stopped).toBe('the target stopped answering: connection refused');
    } finally {
      await maps.close();
      await target.close();
    }
  });
});

describe('what the migration is made of', () => {
  it('reads every table of the newest SQLite schema (a database from a newer server is refused, not half moved)', async () => {
    const dir = tempDir();
    await openSqliteStore(dir).close();
    const db = openSqliteSource(dir);
    await db.close();
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(path.join(dir, DB_FILE), { readonly: true });
    expect(raw.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(SQLITE_SCHEMA_READ);
    raw.close();
  });

  it('folds a document into one update and compares states by content, not by bytes', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getMap('m').set('a', 1);
    doc.getMap('m').set('b', 2);
    doc.getMap('m').delete('a');
    const { state, droppedPending } = foldState(updates);
    expect(droppedPending).toBe(false);
    expect(sameDocState(updates, state)).toBe(true);
    // Re-encoded by another replica (as a node's compaction does): still the same.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, state);
    expect(sameDocState([Y.encodeStateAsUpdate(replica)], state)).toBe(true);
    doc.getMap('m').set('c', 3);
    expect(sameDocState(updates, state)).toBe(false);
    // An update whose predecessor never arrived is left out.
    const pending = foldState([updates.at(-1)!]);
    expect(pending.droppedPending).toBe(true);
    expect(sameDocState([pending.state], Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
  });
});
