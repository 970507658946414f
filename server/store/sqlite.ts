/**
 * SQLite store (better-sqlite3) in DATA_DIR/journeyboard.sqlite.
 *
 * Durability: WAL with synchronous=NORMAL. A committed transaction is in the
 * WAL file (the OS page cache) when the call returns, so it survives the
 * process being killed (kill -9, OOM, crash); only an OS crash or power cut
 * can lose the last few commits. better-sqlite3 is synchronous, so a room's
 * append commits in the same event-loop turn as the messages it carries.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MapSummarySchema } from '../../src/model/schema';
import type { MapRecord, MapStats, MapTouch, Store } from './types';

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
];

/**
 * Nullable columns added to existing tables, ensured on every open (PRAGMA
 * table_info) rather than as numbered migrations: they are derived data
 * (recomputed from the document), and an older server can still open the
 * database, because it never names them.
 */
const ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  // the dashboard's summary of a map (JSON, MapStats), written when the map is saved
  { table: 'maps', column: 'stats', type: 'TEXT' },
];

interface MapRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  stats: string | null;
}

const StatsSchema = MapSummarySchema.shape.stats.unwrap();

/** The stored summary, or undefined if there is none or it does not validate: a bad row must not break the list. */
function parseStats(text: string | null): MapStats | undefined {
  if (text === null) return undefined;
  try {
    const parsed = StatsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const toRecord = (r: MapRow): MapRecord => {
  const record: MapRecord = { id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at };
  const stats = parseStats(r.stats);
  if (stats) record.stats = stats;
  return record;
};

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
  for (const { table, column, type } of ADDED_COLUMNS) {
    // IMMEDIATE: two servers opening the database at once do not both add it.
    db.transaction(() => {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }).immediate();
  }
}

export function openSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Another process (a backup, sqlite3 CLI) may hold a lock briefly: wait rather than fail.
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    list: db.prepare('SELECT * FROM maps ORDER BY updated_at DESC, id'),
    get: db.prepare('SELECT * FROM maps WHERE id = ?'),
    insertMap: db.prepare(
      'INSERT INTO maps (id, title, created_at, updated_at, stats) VALUES (@id, @title, @createdAt, @updatedAt, @stats)',
    ),
    setTitle: db.prepare('UPDATE maps SET title = ? WHERE id = ?'),
    setStats: db.prepare('UPDATE maps SET stats = ? WHERE id = ?'),
    setUpdated: db.prepare('UPDATE maps SET updated_at = ? WHERE id = ?'),
    del: db.prepare('DELETE FROM maps WHERE id = ?'),
    snapshot: db.prepare('SELECT state FROM snapshots WHERE map_id = ?').pluck(),
    log: db.prepare('SELECT data FROM updates WHERE map_id = ? ORDER BY seq').pluck(),
    append: db.prepare('INSERT INTO updates (map_id, data) VALUES (?, ?)'),
    count: db.prepare('SELECT COUNT(*) FROM updates WHERE map_id = ?').pluck(),
    putSnapshot: db.prepare('INSERT INTO snapshots (map_id, state) VALUES (?, ?) ON CONFLICT(map_id) DO UPDATE SET state = excluded.state'),
    clearLog: db.prepare('DELETE FROM updates WHERE map_id = ?'),
  };
  // Log length per map, so an append need not COUNT(*) the log every time.
  const logCount = new Map<string, number>();
  const countLog = (id: string): number => q.count.get(id) as number;
  const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

  const updateMap = (id: string, fields: Partial<MapTouch>) => {
    if (fields.title !== undefined) q.setTitle.run(fields.title, id);
    if (fields.updatedAt !== undefined) q.setUpdated.run(fields.updatedAt, id);
    if (fields.stats !== undefined) q.setStats.run(JSON.stringify(fields.stats), id);
  };
  const createMap = db.transaction((record: MapRecord, state: Uint8Array) => {
    const { id, title, createdAt, updatedAt, stats } = record;
    q.insertMap.run({ id, title, createdAt, updatedAt, stats: stats ? JSON.stringify(stats) : null });
    q.putSnapshot.run(record.id, toBuffer(state));
  });
  const appendUpdates = db.transaction((id: string, updates: Uint8Array[], touch: MapTouch): number => {
    const before = logCount.get(id) ?? countLog(id);
    for (const u of updates) q.append.run(id, toBuffer(u));
    updateMap(id, touch);
    return before + updates.length;
  });
  const compact = db.transaction((id: string, snapshot: Uint8Array) => {
    q.putSnapshot.run(id, toBuffer(snapshot));
    q.clearLog.run(id);
  });

  return {
    async listMaps() {
      return (q.list.all() as MapRow[]).map(toRecord);
    },
    async getMap(id) {
      const row = q.get.get(id) as MapRow | undefined;
      return row ? toRecord(row) : null;
    },
    async createMap(record, initialState) {
      createMap(record, initialState);
    },
    async updateMap(id, fields) {
      updateMap(id, fields);
    },
    async deleteMap(id) {
      logCount.delete(id);
      // snapshots and updates go with it (ON DELETE CASCADE)
      return q.del.run(id).changes > 0;
    },
    async loadState(id) {
      const snap = q.snapshot.get(id) as Buffer | undefined;
      const log = (q.log.all(id) as Buffer[]).map((b) => new Uint8Array(b));
      logCount.set(id, log.length);
      return snap ? [new Uint8Array(snap), ...log] : log;
    },
    async appendUpdates(id, updates, touch) {
      const n = appendUpdates(id, updates, touch);
      logCount.set(id, n);
      return n;
    },
    async compact(id, snapshot) {
      compact(id, snapshot);
      logCount.set(id, 0);
    },
    async logLength(id) {
      return countLog(id);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
