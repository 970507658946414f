/**
 * SQLite store (better-sqlite3) in DATA_DIR/journeyboard.sqlite.
 *
 * Durability: WAL with synchronous=NORMAL. A committed transaction is in the
 * WAL file (the OS page cache) when the call returns, so it survives the
 * process being killed (kill -9, OOM, crash); only an OS crash or power cut
 * can lose the last few commits. better-sqlite3 is synchronous, so a room's
 * append commits in the same event-loop turn as the messages it carries.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureDataDir, makePrivate } from '../dataDir';
import type { Logger } from '../log';
import {
  VERSION_COLUMNS,
  journeyLinkRows,
  reviewColumn,
  toJourneyGraph,
  toLinkedMaps,
  type GraphRow,
  searchColumns,
  toIndexRow,
  toRecord,
  toSearchedMap,
  toVersion,
  type IndexRow,
  type MapRow,
  type SearchRow,
  type VersionRow,
} from './rows';
import {
  PRIVATE_PREFIX,
  SUBDOCS,
  docId,
  parseDocId,
  type CreateVersionResult,
  type DocId,
  type DocName,
  type MapRecord,
  type MapTouch,
  type NewVersion,
  type Store,
  type SubDoc,
  type VersionLimits,
} from './types';
import { checkpointOffThread } from './walCheckpoints';
import { appendBatcher } from './appendBatcher';

export const DB_FILE = 'journeyboard.sqlite';

/**
 * Schema migrations, applied in order, each exactly once (recorded in
 * schema_migrations). Never edit a shipped entry: append a new one.
 */
const MIGRATIONS: readonly string[] = [
  // 1: maps, their snapshot and their update log
  `CREATE TABLE maps (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE TABLE snapshots (map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE, state BLOB NOT NULL);
   CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE, data BLOB NOT NULL);
   CREATE INDEX updates_by_map ON updates(map_id, seq);`,
  // 2: a map's other documents (the comments doc), snapshot plus log like the map's
  // own, keyed by map and document name, deleted with the map
  `CREATE TABLE subdoc_snapshots (map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE, doc TEXT NOT NULL, state BLOB NOT NULL,
     PRIMARY KEY (map_id, doc));
   CREATE TABLE subdoc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
     doc TEXT NOT NULL, data BLOB NOT NULL);
   CREATE INDEX subdoc_updates_by_doc ON subdoc_updates(map_id, doc, seq);`,
  // 3: version history: named and automatic versions of a map's document, its
  // full Yjs state compressed (server/versions.ts), deleted with the map
  `CREATE TABLE versions (id TEXT PRIMARY KEY, map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
     name TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('named', 'auto')), created_at INTEGER NOT NULL,
     created_by TEXT NOT NULL DEFAULT '', state BLOB NOT NULL, bytes INTEGER NOT NULL, card_count INTEGER NOT NULL,
     before_restore_of TEXT);
   CREATE INDEX versions_by_map ON versions(map_id, created_at);`,
  // 4: one-time sign-in links to the workspace (their tokens' hashes), until used or expired
  `CREATE TABLE signin_tokens (hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);`,
];

/**
 * Columns added to existing tables, ensured on every open (PRAGMA
 * table_info) rather than as numbered migrations: each is nullable or has a
 * default, so an older server can still open the database and insert rows,
 * because it never names them.
 */
const ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  // the dashboard's summary of a map (JSON, MapStats), written when the map is saved
  { table: 'maps', column: 'stats', type: 'TEXT' },
  // the version share links must carry; rotating the links bumps it (revokes every older link)
  { table: 'maps', column: 'link_version', type: 'INTEGER NOT NULL DEFAULT 1' },
  // the owner and review fields of the summary (JSON, MapReview), copied out of `stats` so the
  // map list filters and orders by freshness reading only the light index (reviewColumn, rows.ts)
  { table: 'maps', column: 'review', type: 'TEXT' },
];

/**
 * Tables added beside the numbered migrations, ensured on every open, for
 * the reason ADDED_COLUMNS are: an older server (or `migrate-store`, which
 * reads schema versions it knows) still opens the database; it never names
 * them, and a map it deletes takes its rows along (ON DELETE CASCADE).
 */
const ADDED_TABLES: readonly string[] = [
  // each map's searchable copy of its cards (a line of JSON per card) and their folded text,
  // which a card search matches with instr() (src/model/cardSearch.ts); a table of its own so
  // reading map rows never reads it
  `CREATE TABLE IF NOT EXISTS map_search (map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE, cards TEXT NOT NULL, folded TEXT NOT NULL)`,
  // linked journeys: each map's links to other maps (the stage or card carrying each), kept from its
  // document (server/journeyIndex.ts); linked_id has no foreign key: a link may name a map that is
  // gone or was never here (an imported file), and readers join it with maps
  `CREATE TABLE IF NOT EXISTS map_links (map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE, carrier TEXT NOT NULL,
     carrier_id TEXT NOT NULL, linked_id TEXT NOT NULL, PRIMARY KEY (map_id, carrier, carrier_id))`,
  `CREATE INDEX IF NOT EXISTS map_links_by_linked ON map_links(linked_id)`,
];

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const newest = Math.max(0, ...applied);
  if (newest > MIGRATIONS.length) {
    // Written by a newer Journeyboard: running old code on it could corrupt it.
    throw new Error(`database schema version ${newest} is newer than this server understands (${MIGRATIONS.length})`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version) VALUES (?)');
  MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    if (applied.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      record.run(version);
    })();
  });
  for (const sql of ADDED_TABLES) db.exec(sql);
  for (const { table, column, type } of ADDED_COLUMNS) {
    // IMMEDIATE: two servers opening the database at once do not both add it.
    db.transaction(() => {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }).immediate();
  }
}

export function openSqliteStore(dataDir: string, opts: { log?: Logger } = {}): Store {
  ensureDataDir(dataDir);
  const file = path.join(dataDir, DB_FILE);
  // Created 0600 before SQLite opens it, so its WAL and shared-memory files are 0600 too.
  makePrivate(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Another process (a backup, sqlite3 CLI) may hold a lock briefly: wait rather than fail.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const checkpoints = checkpointOffThread(db, file, (err) =>
    opts.log?.warn('WAL checkpoints are back on the server thread: the checkpoint worker failed', { err }),
  );

  const q = {
    index: db.prepare('SELECT id, title, updated_at, review FROM maps'),
    get: db.prepare('SELECT * FROM maps WHERE id = ?'),
    // One statement for any number of ids: they travel as a JSON array.
    getMany: db.prepare('SELECT * FROM maps WHERE id IN (SELECT value FROM json_each(?))'),
    insertMap: db.prepare(
      'INSERT INTO maps (id, title, created_at, updated_at, stats, review) VALUES (@id, @title, @createdAt, @updatedAt, @stats, @review)',
    ),
    setTitle: db.prepare('UPDATE maps SET title = ? WHERE id = ?'),
    setStats: db.prepare('UPDATE maps SET stats = ?, review = ? WHERE id = ?'),
    setUpdated: db.prepare('UPDATE maps SET updated_at = MAX(updated_at, ?) WHERE id = ?'),
    del: db.prepare('DELETE FROM maps WHERE id = ?'),
    linkVersion: db.prepare('SELECT link_version FROM maps WHERE id = ?').pluck(),
    count: db.prepare('SELECT COUNT(*) FROM maps').pluck(),
    rotateLinks: db.prepare('UPDATE maps SET link_version = link_version + 1 WHERE id = ? RETURNING link_version').pluck(),
  };
  // instr() is an exact substring test: both sides are folded already (foldText), so case and
  // width do not matter, and any character (Chinese, %, _) is matched as itself.
  const search = {
    put: db.prepare(
      `INSERT INTO map_search (map_id, cards, folded) SELECT id, @cards, @folded FROM maps WHERE id = @id
       ON CONFLICT(map_id) DO UPDATE SET cards = excluded.cards, folded = excluded.folded`,
    ),
    findIds: db
      .prepare(
        `SELECT s.map_id FROM map_search s JOIN maps m ON m.id = s.map_id
         WHERE instr(s.folded, ?) > 0 ORDER BY m.updated_at DESC, m.id`,
      )
      .pluck(),
    one: db.prepare(
      `SELECT m.id, m.title, m.updated_at, s.cards, s.folded FROM map_search s JOIN maps m ON m.id = s.map_id WHERE s.map_id = ?`,
    ),
    missing: db.prepare('SELECT id FROM maps WHERE id NOT IN (SELECT map_id FROM map_search)').pluck(),
  };
  const journeyLinks = {
    exists: db.prepare('SELECT 1 FROM maps WHERE id = ?').pluck(),
    clear: db.prepare('DELETE FROM map_links WHERE map_id = ?'),
    insert: db.prepare('INSERT INTO map_links (map_id, carrier, carrier_id, linked_id) VALUES (@mapId, @carrier, @carrierId, @linkedId)'),
    parents: db.prepare(
      `SELECT DISTINCT m.id, m.title FROM map_links l JOIN maps m ON m.id = l.map_id WHERE l.linked_id = ? AND l.map_id <> l.linked_id`,
    ),
    // Titles and edges in one statement: a row per map and distinct link to an existing map.
    graph: db.prepare(
      `SELECT m.id, m.title, m.updated_at, l.linked_id FROM maps m
       LEFT JOIN (SELECT DISTINCT k.map_id, k.linked_id FROM map_links k JOIN maps t ON t.id = k.linked_id) l ON l.map_id = m.id`,
    ),
  };
  const putJourneyLinks = db.transaction((mapId: string, rows: ReturnType<typeof journeyLinkRows>) => {
    if (journeyLinks.exists.get(mapId) === undefined) return;
    journeyLinks.clear.run(mapId);
    for (const row of rows) journeyLinks.insert.run({ mapId, ...row });
  });
  // Newest first; rowid breaks ties within one millisecond (insertion order).
  const v = {
    list: db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE map_id = ? ORDER BY created_at DESC, rowid DESC`),
    get: db.prepare(`SELECT ${VERSION_COLUMNS}, state FROM versions WHERE map_id = ? AND id = ?`),
    insert: db.prepare(
      `INSERT INTO versions (${VERSION_COLUMNS}, state)
       VALUES (@id, @mapId, @name, @kind, @createdAt, @createdBy, @bytes, @cards, @beforeRestoreOf, @state)`,
    ),
    del: db.prepare('DELETE FROM versions WHERE map_id = ? AND id = ?'),
    countNamed: db.prepare("SELECT COUNT(*) FROM versions WHERE map_id = ? AND kind = 'named'").pluck(),
    newest: db.prepare('SELECT MAX(created_at) FROM versions WHERE map_id = ?').pluck(),
    prune: db.prepare(
      `DELETE FROM versions WHERE rowid IN (SELECT rowid FROM versions WHERE map_id = ? AND kind = 'auto'
         ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
    ),
    // length() of a BLOB is its size in bytes
    storage: db
      .prepare(
        `SELECT (SELECT COALESCE(SUM(length(state)), 0) FROM snapshots WHERE map_id = @id)
              + (SELECT COALESCE(SUM(length(data)), 0) FROM updates WHERE map_id = @id)
              + (SELECT COALESCE(SUM(length(state)), 0) FROM subdoc_snapshots WHERE map_id = @id)
              + (SELECT COALESCE(SUM(length(data)), 0) FROM subdoc_updates WHERE map_id = @id)
              + (SELECT COALESCE(SUM(bytes), 0) FROM versions WHERE map_id = @id)`,
      )
      .pluck(),
  };
  // The statements of one kind of document: the map's own (keyed by map id)
  // or a subdoc (keyed by map id and name). Every statement takes the same
  // leading key parameters, so callers pass `...key`.
  const mapDoc = {
    snapshot: db.prepare('SELECT state FROM snapshots WHERE map_id = ?').pluck(),
    log: db.prepare('SELECT data FROM updates WHERE map_id = ? ORDER BY seq').pluck(),
    append: db.prepare('INSERT INTO updates (map_id, data) VALUES (?, ?)'),
    count: db.prepare('SELECT COUNT(*) FROM updates WHERE map_id = ?').pluck(),
    putSnapshot: db.prepare('INSERT INTO snapshots (map_id, state) VALUES (?, ?) ON CONFLICT(map_id) DO UPDATE SET state = excluded.state'),
    clearLog: db.prepare('DELETE FROM updates WHERE map_id = ?'),
  };
  const subDoc: typeof mapDoc = {
    snapshot: db.prepare('SELECT state FROM subdoc_snapshots WHERE map_id = ? AND doc = ?').pluck(),
    log: db.prepare('SELECT data FROM subdoc_updates WHERE map_id = ? AND doc = ? ORDER BY seq').pluck(),
    append: db.prepare('INSERT INTO subdoc_updates (map_id, doc, data) VALUES (?, ?, ?)'),
    count: db.prepare('SELECT COUNT(*) FROM subdoc_updates WHERE map_id = ? AND doc = ?').pluck(),
    putSnapshot: db.prepare(
      'INSERT INTO subdoc_snapshots (map_id, doc, state) VALUES (?, ?, ?) ON CONFLICT(map_id, doc) DO UPDATE SET state = excluded.state',
    ),
    clearLog: db.prepare('DELETE FROM subdoc_updates WHERE map_id = ? AND doc = ?'),
  };
  const privateDocNames = db
    .prepare(
      `SELECT doc FROM subdoc_snapshots WHERE map_id = ? AND doc LIKE ?
       UNION SELECT doc FROM subdoc_updates WHERE map_id = ? AND doc LIKE ? ORDER BY doc`,
    )
    .pluck();
  const statementsFor = (id: DocId): { s: typeof mapDoc; key: string[]; isMap: boolean } => {
    const { mapId, sub } = parseDocId(id);
    return sub === null ? { s: mapDoc, key: [mapId], isMap: true } : { s: subDoc, key: [mapId, sub], isMap: false };
  };
  // Log length per document, so an append need not COUNT(*) the log every time.
  const logCount = new Map<DocId, number>();
  const countLog = (id: DocId): number => {
    const { s, key } = statementsFor(id);
    return s.count.get(...key) as number;
  };
  const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

  // One transaction: a row written with its title, last edit and summary is one commit, not three.
  const updateMap = db.transaction((id: string, fields: Partial<MapTouch>) => {
    if (fields.title !== undefined) q.setTitle.run(fields.title, id);
    if (fields.updatedAt !== undefined) q.setUpdated.run(fields.updatedAt, id);
    if (fields.stats !== undefined) q.setStats.run(JSON.stringify(fields.stats), reviewColumn(fields.stats), id);
  });
  const createMap = db.transaction((record: MapRecord, state: Uint8Array, subdocs: Partial<Record<SubDoc, Uint8Array>>) => {
    const { id, title, createdAt, updatedAt, stats } = record;
    q.insertMap.run({ id, title, createdAt, updatedAt, stats: stats ? JSON.stringify(stats) : null, review: reviewColumn(stats) });
    mapDoc.putSnapshot.run(record.id, toBuffer(state));
    for (const sub of SUBDOCS) {
      const subState = subdocs[sub];
      if (subState) subDoc.putSnapshot.run(record.id, sub, toBuffer(subState));
    }
  });
  const appendUpdates = db.transaction((id: DocId, updates: Uint8Array[]): void => {
    const { s, key } = statementsFor(id);
    const before = logCount.get(id) ?? countLog(id);
    for (const u of updates) s.append.run(...key, toBuffer(u));
    logCount.set(id, before + updates.length);
  });
  /**
   * The appends of all rooms commit together (appendBatcher.ts): one
   * transaction, each append in a savepoint of its own so that one for a map
   * deleted meanwhile fails alone.
   */
  const appends = appendBatcher((batch) => {
    let errors: unknown[];
    try {
      errors = db
        .transaction(() =>
          batch.map(({ doc, updates }) => {
            try {
              appendUpdates(doc, updates);
              return null;
            } catch (err) {
              return err;
            }
          }),
        )
        .immediate();
    } catch (err) {
      // Nothing of the batch was kept: the cached lengths of its documents are counted again when next needed.
      for (const item of batch) logCount.delete(item.doc);
      throw err;
    }
    // Every append of a document settles with its length after the whole batch, as PostgreSQL's do.
    batch.forEach((item, i) => (errors[i] ? item.failed(errors[i]) : item.done(logCount.get(item.doc)!)));
  });
  const storedState = (id: DocId): Uint8Array[] => {
    const { s, key } = statementsFor(id);
    const snap = s.snapshot.get(...key) as Buffer | undefined;
    const log = (s.log.all(...key) as Buffer[]).map((b) => new Uint8Array(b));
    return snap ? [new Uint8Array(snap), ...log] : log;
  };
  const storageBytes = (mapId: string): number => v.storage.get({ id: mapId }) as number;
  // IMMEDIATE: the limits are checked and the row inserted under one write lock.
  const createVersion = (version: NewVersion, limits: VersionLimits): CreateVersionResult =>
    db
      .transaction((): CreateVersionResult => {
        if (q.get.get(version.mapId) === undefined) return { ok: false, reason: 'map not found' };
        const bytes = version.state.byteLength;
        if (version.kind === 'named' && limits.maxNamed !== undefined && (v.countNamed.get(version.mapId) as number) >= limits.maxNamed) {
          return { ok: false, reason: 'too many versions' };
        }
        if (limits.maxStorageBytes !== undefined && storageBytes(version.mapId) + bytes > limits.maxStorageBytes) {
          return { ok: false, reason: 'storage limit' };
        }
        if (
          limits.minIntervalMs !== undefined &&
          ((v.newest.get(version.mapId) as number | null) ?? -Infinity) > version.createdAt - limits.minIntervalMs
        ) {
          return { ok: false, reason: 'too soon' };
        }
        const { state, ...record } = version;
        v.insert.run({ ...record, bytes, beforeRestoreOf: record.beforeRestoreOf ?? null, state: toBuffer(state) });
        return { ok: true, version: { ...record, bytes } };
      })
      .immediate();
  const signIn = {
    add: db.prepare('INSERT INTO signin_tokens (hash, expires_at) VALUES (?, ?)'),
    use: db.prepare('DELETE FROM signin_tokens WHERE hash = ? RETURNING expires_at').pluck(),
    prune: db.prepare('DELETE FROM signin_tokens WHERE expires_at <= ?'),
  };
  // Transactions that read before they write begin IMMEDIATE (taking the write lock first,
  // waiting for it under busy_timeout): a deferred one whose snapshot a checkpoint restarted
  // meanwhile (walCheckpoints.ts) fails with SQLITE_BUSY at its first write, without waiting.
  // One process writes a SQLite database, synchronously: nothing can be appended between
  // the read and the delete of a transaction, so the rows read are the whole log.
  const compact = db.transaction((id: DocId, fold: (stored: () => Uint8Array[]) => Uint8Array) => {
    const { s, key } = statementsFor(id);
    s.putSnapshot.run(...key, toBuffer(fold(() => storedState(id))));
    s.clearLog.run(...key);
  });
  const upgradeDoc = db.transaction((id: DocId, upgrade: (stored: Uint8Array[]) => Uint8Array | null) => {
    const update = upgrade(storedState(id));
    if (update) appendUpdates(id, [update]);
  });

  return {
    sharedByNodes: false,
    async listMapIndex() {
      return (q.index.all() as IndexRow[]).map(toIndexRow);
    },
    async getMaps(ids) {
      if (ids.length === 0) return [];
      const byId = new Map((q.getMany.all(JSON.stringify(ids)) as MapRow[]).map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toRecord(row)] : [];
      });
    },
    async getMap(id) {
      const row = q.get.get(id) as MapRow | undefined;
      return row ? toRecord(row) : null;
    },
    async createMap(record, initialState, subdocs = {}) {
      createMap(record, initialState, subdocs);
    },
    async updateMap(id, fields) {
      updateMap.immediate(id, fields);
    },
    async putSearchCards(id, cards) {
      search.put.run({ id, ...searchColumns(cards) });
    },
    async *findCards(folded) {
      // The ids first (the substring scan, in SQLite), then each map's copy on its own turn of the event loop.
      const ids = search.findIds.all(folded) as string[];
      for (const [i, id] of ids.entries()) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        const row = search.one.get(id) as SearchRow | undefined;
        if (row) yield toSearchedMap(row, folded);
      }
    },
    async unsearchableMaps() {
      return search.missing.all() as string[];
    },
    async putJourneyLinks(id, links) {
      putJourneyLinks.immediate(id, journeyLinkRows(links));
    },
    async journeyParents(id) {
      return toLinkedMaps(journeyLinks.parents.all(id) as { id: string; title: string }[]);
    },
    async journeyGraph() {
      return toJourneyGraph(journeyLinks.graph.all() as GraphRow[]);
    },
    async deleteMap(id) {
      logCount.delete(id);
      for (const sub of SUBDOCS) logCount.delete(docId(id, sub));
      // snapshots and updates, the subdocs' too, and its versions go with it (ON DELETE CASCADE)
      return q.del.run(id).changes > 0;
    },
    async linkVersion(id) {
      return (q.linkVersion.get(id) as number | undefined) ?? null;
    },
    async rotateLinks(id) {
      return (q.rotateLinks.get(id) as number | undefined) ?? null;
    },
    async loadState(id) {
      return storedState(id);
    },
    appendUpdates(id, updates) {
      return appends.append(id, updates);
    },
    async compact(id, fold) {
      compact.immediate(id, fold);
      logCount.set(id, 0);
      return true;
    },
    async upgradeDoc(id, upgrade) {
      upgradeDoc.immediate(id, upgrade);
      logCount.delete(id);
    },
    async logLength(id) {
      return countLog(id);
    },
    async privateDocs(mapId) {
      return (privateDocNames.all(mapId, `${PRIVATE_PREFIX}%`, mapId, `${PRIVATE_PREFIX}%`) as string[]).map((doc) =>
        docId(mapId, doc as DocName),
      );
    },
    async listVersions(mapId) {
      return (v.list.all(mapId) as VersionRow[]).map(toVersion);
    },
    async getVersion(mapId, versionId) {
      const row = v.get.get(mapId, versionId) as (VersionRow & { state: Buffer }) | undefined;
      return row ? { ...toVersion(row), state: new Uint8Array(row.state) } : null;
    },
    async createVersion(version, limits = {}) {
      return createVersion(version, limits);
    },
    async deleteVersion(mapId, versionId) {
      return v.del.run(mapId, versionId).changes > 0;
    },
    async pruneAutoVersions(mapId, keep) {
      return v.prune.run(mapId, Math.max(0, keep)).changes;
    },
    async storageBytes(mapId) {
      return storageBytes(mapId);
    },
    async countMaps() {
      return q.count.get() as number;
    },
    async addSignInToken(hash, expiresAt) {
      signIn.prune.run(Date.now());
      signIn.add.run(hash, expiresAt);
    },
    async useSignInToken(hash, now) {
      const expiresAt = signIn.use.get(hash) as number | undefined;
      return expiresAt !== undefined && expiresAt > now;
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (!db.open) return;
      // Appends waiting for this turn's commit are still stored.
      await appends.flush();
      await checkpoints.stop();
      db.close();
    },
  };
}
