/**
 * SQLite store (better-sqlite3): synchronous, so an update is on disk (WAL)
 * before the next message is handled: write-through. A kill -9 loses nothing
 * that was applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MapRecord, Store } from './types';

const MIGRATIONS = [
  `CREATE TABLE maps (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE TABLE snapshots (map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE, state BLOB NOT NULL);
   CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE, data BLOB NOT NULL);
   CREATE INDEX updates_by_map ON updates(map_id, seq);`,
];

interface MapRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}
const toRecord = (r: MapRow): MapRecord => ({ id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at });

export function openSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'journeyboard.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  MIGRATIONS.forEach((sql, i) => {
    if (applied.has(i + 1)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(i + 1);
    })();
  });

  const q = {
    list: db.prepare('SELECT * FROM maps ORDER BY updated_at DESC, id'),
    get: db.prepare('SELECT * FROM maps WHERE id = ?'),
    insertMap: db.prepare('INSERT INTO maps (id, title, created_at, updated_at) VALUES (@id, @title, @createdAt, @updatedAt)'),
    setTitle: db.prepare('UPDATE maps SET title = ? WHERE id = ?'),
    setUpdated: db.prepare('UPDATE maps SET updated_at = ? WHERE id = ?'),
    del: db.prepare('DELETE FROM maps WHERE id = ?'),
    snapshot: db.prepare('SELECT state FROM snapshots WHERE map_id = ?'),
    log: db.prepare('SELECT data FROM updates WHERE map_id = ? ORDER BY seq'),
    append: db.prepare('INSERT INTO updates (map_id, data) VALUES (?, ?)'),
    count: db.prepare('SELECT COUNT(*) AS n FROM updates WHERE map_id = ?'),
    putSnapshot: db.prepare('INSERT INTO snapshots (map_id, state) VALUES (?, ?) ON CONFLICT(map_id) DO UPDATE SET state = excluded.state'),
    clearLog: db.prepare('DELETE FROM updates WHERE map_id = ?'),
  };
  const logCount = new Map<string, number>();
  const countLog = (id: string): number => (q.count.get(id) as { n: number }).n;

  const createMap = db.transaction((record: MapRecord, state: Uint8Array) => {
    q.insertMap.run(record);
    q.putSnapshot.run(record.id, Buffer.from(state));
  });
  const compact = db.transaction((id: string, snapshot: Uint8Array) => {
    q.putSnapshot.run(id, Buffer.from(snapshot));
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
      if (fields.title !== undefined) q.setTitle.run(fields.title, id);
      if (fields.updatedAt !== undefined) q.setUpdated.run(fields.updatedAt, id);
    },
    async deleteMap(id) {
      logCount.delete(id);
      return q.del.run(id).changes > 0;
    },
    async loadState(id) {
      const snap = q.snapshot.get(id) as { state: Buffer } | undefined;
      const log = (q.log.all(id) as { data: Buffer }[]).map((r) => new Uint8Array(r.data));
      logCount.set(id, log.length);
      return snap ? [new Uint8Array(snap.state), ...log] : log;
    },
    async appendUpdate(id, update) {
      q.append.run(id, Buffer.from(update));
      const n = (logCount.get(id) ?? countLog(id)) + 1;
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
