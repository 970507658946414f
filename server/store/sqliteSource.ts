/**
 * A single-node installation (DATA_DIR: journeyboard.sqlite and secret.key)
 * opened read-only, as the source of a move to PostgreSQL
 * (server/migrateStore.ts): its maps through the read methods of a Store,
 * and its secret. Nothing here writes: the database is opened with
 * `readonly` and no migration runs (openSqliteStore would bring an older
 * database up to date, and tighten its mode), so the installation can keep
 * running, or be started again, exactly as it was.
 *
 * A database from an older server may lack later tables and columns: they
 * read as empty (no comments, no versions, link version 1, no summary).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SECRET_FILE } from '../secret';
import { VERSION_COLUMNS, toRecord, toVersion, type MapRow, type VersionRow } from './rows';
import { DB_FILE } from './sqlite';
import { parseDocId, type MapIndexRow, type MapSource } from './types';

/**
 * The newest schema (sqlite.ts MIGRATIONS) this reader knows every table of.
 * A newer database may keep something it would not move, so it is refused;
 * tests/unit/server/migrate-store.test.ts checks this against a fresh database.
 */
export const SQLITE_SCHEMA_READ = 4;

/** A DATA_DIR that holds no readable installation: the message says which and why. */
export class SourceUnavailableError extends Error {
  override name = 'SourceUnavailableError';
}

/**
 * SQLite keeps a WAL database's -wal and -shm files beside it and creates
 * them when they are missing, even for a read-only connection. If this runs
 * as root (sudo) on a server's files, give what it created to the database's
 * owner, or the server could not open its own database again.
 */
function handBackSidecars(file: string, existedBefore: ReadonlySet<string>): void {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return;
  const { uid, gid } = fs.statSync(file);
  for (const sidecar of [`${file}-wal`, `${file}-shm`]) {
    if (!existedBefore.has(sidecar) && fs.existsSync(sidecar)) fs.chownSync(sidecar, uid, gid);
  }
}

/** Throws unless `db` is a Journeyboard database this reader knows every table of. */
function checkSchema(db: Database.Database, file: string): void {
  const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const version = hasMigrations ? ((db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0) : 0;
  if (version === 0) throw new SourceUnavailableError(`${file} is not a Journeyboard database (it has no schema version)`);
  if (version > SQLITE_SCHEMA_READ) {
    throw new SourceUnavailableError(
      `${file} was written by a newer Journeyboard (schema version ${version}; this one reads up to ${SQLITE_SCHEMA_READ}): move it with that version`,
    );
  }
}

/** Opens DATA_DIR's database read-only. Throws SourceUnavailableError if there is none, or it cannot be read. */
export function openSqliteSource(dataDir: string): MapSource {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) {
    throw new SourceUnavailableError(
      fs.existsSync(dataDir)
        ? `${dataDir} holds no Journeyboard database (no ${DB_FILE}): is it the DATA_DIR the server ran with?`
        : `${dataDir} does not exist: give the DATA_DIR the server ran with`,
    );
  }
  const existedBefore = new Set([`${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f)));
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new SourceUnavailableError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    handBackSidecars(file, existedBefore);
    // A server still running may hold a write lock for a moment: wait rather than fail.
    db.pragma('busy_timeout = 5000');
    checkSchema(db, file);
  } catch (err) {
    db.close();
    if (err instanceof SourceUnavailableError) throw err;
    throw new SourceUnavailableError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }

  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const mapColumns = new Set((db.prepare('PRAGMA table_info(maps)').all() as { name: string }[]).map((c) => c.name));
  const stats = mapColumns.has('stats') ? 'stats' : 'NULL AS stats';
  const q = {
    index: db.prepare('SELECT id, title, updated_at AS updatedAt FROM maps'),
    get: db.prepare(`SELECT id, title, created_at, updated_at, ${stats} FROM maps WHERE id = ?`),
    linkVersion: db.prepare(`SELECT ${mapColumns.has('link_version') ? 'link_version' : '1'} FROM maps WHERE id = ?`).pluck(),
    snapshot: db.prepare('SELECT state FROM snapshots WHERE map_id = ?').pluck(),
    log: db.prepare('SELECT data FROM updates WHERE map_id = ? ORDER BY seq').pluck(),
  };
  const subdocs = tables.has('subdoc_snapshots')
    ? {
        snapshot: db.prepare('SELECT state FROM subdoc_snapshots WHERE map_id = ? AND doc = ?').pluck(),
        log: db.prepare('SELECT data FROM subdoc_updates WHERE map_id = ? AND doc = ? ORDER BY seq').pluck(),
      }
    : null;
  const versions = tables.has('versions')
    ? {
        list: db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE map_id = ? ORDER BY created_at DESC, rowid DESC`),
        get: db.prepare(`SELECT ${VERSION_COLUMNS}, state FROM versions WHERE map_id = ? AND id = ?`),
      }
    : null;

  // Snapshot and log in one read transaction: a server still running cannot compact in between.
  const storedState = db.transaction((id: string): Uint8Array[] => {
    const { mapId, sub } = parseDocId(id);
    const read = sub === null ? { s: q, key: [mapId] } : subdocs ? { s: subdocs, key: [mapId, sub] } : null;
    if (read === null) return [];
    const snap = read.s.snapshot.get(...read.key) as Buffer | undefined;
    const log = (read.s.log.all(...read.key) as Buffer[]).map((b) => new Uint8Array(b));
    return snap ? [new Uint8Array(snap), ...log] : log;
  });

  return {
    async listMapIndex() {
      return q.index.all() as MapIndexRow[];
    },
    async getMap(id) {
      const row = q.get.get(id) as MapRow | undefined;
      return row ? toRecord(row) : null;
    },
    async linkVersion(id) {
      return (q.linkVersion.get(id) as number | undefined) ?? null;
    },
    async loadState(id) {
      return storedState(id);
    },
    async listVersions(mapId) {
      return versions ? (versions.list.all(mapId) as VersionRow[]).map(toVersion) : [];
    },
    async getVersion(mapId, versionId) {
      const row = versions?.get.get(mapId, versionId) as (VersionRow & { state: Buffer }) | undefined;
      return row ? { ...toVersion(row), state: new Uint8Array(row.state) } : null;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * The installation's secret as DATA_DIR/secret.key holds it (the text used
 * as the key: server/secret.ts), or null if there is none (a server that ran
 * with JOURNEYBOARD_SECRET has no file). Throws if the file is unusable, as
 * the server would.
 */
export function readSecretFile(dataDir: string): string | null {
  const file = path.join(dataDir, SECRET_FILE);
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new SourceUnavailableError(`${file} holds no valid secret (fewer than 32 characters)`);
  return text;
}
