/**
 * PostgreSQL store (the `pg` package): the source of truth when several
 * server processes serve the same maps. Maps, versions, link versions and
 * sign-in tokens as in SQLite; each document a snapshot plus an append-only
 * log of updates, which every node appends to.
 *
 * - A document's state is read in ONE statement (snapshot and log together),
 *   so a compaction committing in between cannot make a read miss rows.
 * - Compaction is fenced by PostgreSQL itself: one transaction that takes
 *   `pg_try_advisory_xact_lock` on the document (another node compacting it
 *   means this one skips), reads the snapshot and the log, writes the folded
 *   snapshot and deletes exactly the rows it read, by id (sequence values are
 *   not committed in order, so "up to id N" could delete a row committed
 *   after the read). A kill -9 in the middle rolls it all back. No leases.
 * - The format migration and automatic versions take a transaction-scoped
 *   advisory lock too, so two nodes never both do them.
 * - A whole map can come in from another store (MapImporter: moving a single
 *   node in, server/migrateStore.ts) with its ids and link version, compared
 *   with what is there and written in one transaction.
 *
 * `schema` puts every table in a schema of its own (tests run one each).
 */
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { Logger } from '../log';
import { appendBatcher } from './appendBatcher';
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
  type MapBundle,
  type MapComparison,
  type MapImporter,
  type MapRecord,
  type MapIndexRow,
  type SameDocState,
  type SecretStore,
  type Store,
} from './types';

/**
 * Schema migrations, applied in order, each exactly once (recorded in
 * schema_migrations), under an advisory lock so nodes starting together do
 * not race. Never edit a shipped entry: append a new one.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE maps (
     id text PRIMARY KEY, title text NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL,
     stats text, link_version integer NOT NULL DEFAULT 1);
   CREATE TABLE doc_snapshots (
     doc_id text PRIMARY KEY, map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE, state bytea NOT NULL);
   CREATE INDEX doc_snapshots_by_map ON doc_snapshots(map_id);
   CREATE TABLE doc_updates (
     id bigserial PRIMARY KEY, doc_id text NOT NULL, map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE, data bytea NOT NULL);
   CREATE INDEX doc_updates_by_doc ON doc_updates(doc_id, id);
   CREATE INDEX doc_updates_by_map ON doc_updates(map_id);
   CREATE TABLE versions (
     seq bigserial, id text PRIMARY KEY, map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
     name text NOT NULL, kind text NOT NULL CHECK (kind IN ('named', 'auto')), created_at bigint NOT NULL,
     created_by text NOT NULL DEFAULT '', state bytea NOT NULL, bytes integer NOT NULL, card_count integer NOT NULL,
     before_restore_of text);
   CREATE INDEX versions_by_map ON versions(map_id, created_at);
   CREATE TABLE signin_tokens (hash text PRIMARY KEY, expires_at bigint NOT NULL);`,
  // 2: settings the nodes share (the server secret)
  `CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);`,
  // 3: each document's log length, kept by the log's own triggers: counting a document's rows
  // on every append (up to COMPACT_AFTER_UPDATES of them, for every room) was most of a busy
  // node's database time. Counter rows are locked in doc_id order, so concurrent appends of
  // several nodes cannot deadlock.
  `CREATE TABLE doc_log_lengths (doc_id text PRIMARY KEY, n bigint NOT NULL);
   INSERT INTO doc_log_lengths (doc_id, n) SELECT doc_id, count(*) FROM doc_updates GROUP BY doc_id;
   CREATE FUNCTION doc_log_added() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO doc_log_lengths AS l (doc_id, n)
       SELECT doc_id, count(*) FROM added GROUP BY doc_id ORDER BY doc_id
       ON CONFLICT (doc_id) DO UPDATE SET n = l.n + excluded.n;
     RETURN NULL;
   END $$;
   CREATE FUNCTION doc_log_removed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM 1 FROM doc_log_lengths WHERE doc_id IN (SELECT doc_id FROM removed) ORDER BY doc_id FOR UPDATE;
     UPDATE doc_log_lengths l SET n = l.n - r.k
       FROM (SELECT doc_id, count(*) AS k FROM removed GROUP BY doc_id) r WHERE l.doc_id = r.doc_id;
     DELETE FROM doc_log_lengths WHERE doc_id IN (SELECT doc_id FROM removed) AND n <= 0;
     RETURN NULL;
   END $$;
   CREATE TRIGGER doc_log_added AFTER INSERT ON doc_updates
     REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION doc_log_added();
   CREATE TRIGGER doc_log_removed AFTER DELETE ON doc_updates
     REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION doc_log_removed();`,
  // 4: the owner and review fields of the summary (JSON, MapReview), copied out of `stats` so the
  // map list filters and orders by freshness reading only the light index (reviewColumn, rows.ts)
  `ALTER TABLE maps ADD COLUMN review text;`,
  // 5: each map's searchable copy of its cards (a line of JSON per card) and their folded text,
  // which a card search matches with strpos() (src/model/cardSearch.ts); a table of its own so
  // reading map rows never reads it
  `CREATE TABLE map_search (map_id text PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE, cards text NOT NULL, folded text NOT NULL);`,
  // 6: linked journeys: each map's links to other maps (the stage or card carrying each), kept from
  // its document (server/journeyIndex.ts); linked_id has no foreign key: a link may name a map that
  // is gone or was never here (an imported file), and readers join it with maps
  `CREATE TABLE map_links (map_id text NOT NULL REFERENCES maps(id) ON DELETE CASCADE, carrier text NOT NULL,
     carrier_id text NOT NULL, linked_id text NOT NULL, PRIMARY KEY (map_id, carrier, carrier_id));
   CREATE INDEX map_links_by_linked ON map_links(linked_id);`,
];

/** The advisory lock key space of this store's locks (pg_advisory_*lock(key1, key2) with key2 = hashtext(name)). */
const LOCK_SPACE = 0x4a42; // "JB"

/** Maps whose search copies one query reads (findCards). */
const SEARCH_BATCH = 10;
export interface PostgresStoreOptions {
  /** a schema of its own (created if missing); default: the connection's search_path */
  schema?: string;
  /** connections in the pool */
  poolSize?: number;
  log?: Logger;
}

/** A DATABASE_URL that cannot be reached or used: the server does not start, and says why (without the password). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** The URL with its password replaced, for messages and logs. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<not a URL>';
  }
};

const num = (v: string | number): number => (typeof v === 'number' ? v : Number(v));

type Numeric<T> = { [K in keyof T]: T[K] extends number ? string | number : T[K] };

const mapRow = (r: Numeric<MapRow>): MapRow => ({ ...r, created_at: num(r.created_at), updated_at: num(r.updated_at) });
const versionRow = (r: Numeric<VersionRow>): VersionRow => ({
  ...r,
  created_at: num(r.created_at),
  bytes: num(r.bytes),
  card_count: num(r.card_count),
});

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Why a connection failed, in words: a refused connection to a name with several addresses is an AggregateError with no message of its own. */
function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.message) return err.message;
  if (err instanceof AggregateError && err.errors.length > 0) return [...new Set(err.errors.map(reasonOf))].join('; ');
  return (err as NodeJS.ErrnoException).code ?? err.name;
}

/**
 * Whether the database at `url` has this store's tables ('none': an empty
 * database; 'older': some schema migrations are still to be applied;
 * 'current'), read without changing anything: opening the store would
 * create or upgrade them, and a dry run must not. Rejects with a
 * DatabaseUnavailableError if it cannot be reached, or its schema is newer
 * than this server's.
 */
export async function schemaStatus(url: string): Promise<'none' | 'older' | 'current'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {}); // a connection lost after connect() surfaces as the query's rejection
  try {
    await client.connect();
    if ((await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations') AS t")).rows[0]!.t === null) return 'none';
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > MIGRATIONS.length) {
      throw new DatabaseUnavailableError(`database schema version ${newest} is newer than this server understands (${MIGRATIONS.length})`);
    }
    return MIGRATIONS.every((_, i) => applied.has(i + 1)) ? 'current' : applied.size === 0 ? 'none' : 'older';
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw err;
    throw new DatabaseUnavailableError(`cannot use PostgreSQL at ${redactUrl(url)}: ${reasonOf(err)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The PostgreSQL store: a Store whose nodes share the secret, and into which an installation can be moved. */
export type PostgresStore = Store & SecretStore & MapImporter;

export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const schema = opts.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection (PostgreSQL restarted) is dropped from the pool, not thrown.
  pool.on('error', (err) => opts.log?.warn('postgres connection lost', { err }));

  const transaction = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };

  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, 'migrations']);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY)');
      const applied = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      const newest = Math.max(0, ...applied);
      if (newest > MIGRATIONS.length) {
        throw new Error(`database schema version ${newest} is newer than this server understands (${MIGRATIONS.length})`);
      }
      for (const [i, sql] of MIGRATIONS.entries()) {
        if (applied.has(i + 1)) continue;
        await c.query(sql);
        await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
      }
    });
  } catch (err) {
    await pool.end().catch(() => {});
    if (err instanceof Error && /newer than this server/.test(err.message)) throw err;
    throw new DatabaseUnavailableError(`cannot use PostgreSQL at ${redactUrl(url)}: ${err instanceof Error ? err.message : String(err)}`);
  }

  /** Snapshot first, then the log in append order, in one statement (one snapshot of the database). */
  const readState = async (q: pg.Pool | pg.PoolClient, doc: DocId): Promise<{ state: Uint8Array[]; rowIds: string[] }> => {
    const { rows } = await q.query<{ kind: number; id: string | null; data: Buffer }>(
      `SELECT 0 AS kind, NULL::bigint AS id, state AS data FROM doc_snapshots WHERE doc_id = $1
       UNION ALL
       SELECT 1 AS kind, id, data FROM doc_updates WHERE doc_id = $1
       ORDER BY kind, id`,
      [doc],
    );
    return { state: rows.map((r) => new Uint8Array(r.data)), rowIds: rows.filter((r) => r.kind === 1).map((r) => r.id!) };
  };

  /** A map's row; a new map's links are at version 1, an imported one keeps its own. */
  const insertMapRow = (c: pg.PoolClient, { id, title, createdAt, updatedAt, stats }: MapRecord, linkVersion = 1) =>
    c.query('INSERT INTO maps (id, title, created_at, updated_at, stats, link_version, review) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      id,
      title,
      createdAt,
      updatedAt,
      stats ? JSON.stringify(stats) : null,
      linkVersion,
      reviewColumn(stats),
    ]);

  /** Each document's log length (0 for one without a log), kept by the log's triggers (migration 3). */
  const logLengths = async (q: pg.Pool | pg.PoolClient, docs: readonly DocId[]): Promise<Map<DocId, number>> => {
    const { rows } = await q.query<{ doc_id: string; n: string }>('SELECT doc_id, n FROM doc_log_lengths WHERE doc_id = ANY($1::text[])', [
      docs,
    ]);
    const lengths = new Map(rows.map((r) => [r.doc_id, num(r.n)]));
    return new Map(docs.map((d) => [d, lengths.get(d) ?? 0]));
  };

  const append = (q: pg.Pool | pg.PoolClient, doc: DocId, updates: readonly Uint8Array[]) =>
    q.query('INSERT INTO doc_updates (doc_id, map_id, data) SELECT $1, $2, unnest($3::bytea[])', [
      doc,
      parseDocId(doc).mapId,
      updates.map(toBuffer),
    ]);

  /**
   * The appends of all rooms commit together (appendBatcher.ts): one
   * statement, so one round trip and one WAL flush for every room's batch;
   * the log lengths are read right after it. If it fails (a map deleted
   * meanwhile violates the foreign key) each append is tried on its own, so
   * only the bad one fails.
   */
  const appends = appendBatcher(async (batch) => {
    try {
      await pool.query(
        `INSERT INTO doc_updates (doc_id, map_id, data)
         SELECT doc_id, map_id, data FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS t(doc_id, map_id, data, ord) ORDER BY ord`,
        [
          batch.flatMap((item) => item.updates.map(() => item.doc)),
          batch.flatMap((item) => item.updates.map(() => parseDocId(item.doc).mapId)),
          batch.flatMap((item) => item.updates.map(toBuffer)),
        ],
      );
    } catch (err) {
      if (batch.length === 1) return batch[0]!.failed(err);
      await Promise.all(
        batch.map((item) =>
          append(pool, item.doc, item.updates).then(
            async () => item.done((await logLengths(pool, [item.doc])).get(item.doc)!),
            item.failed,
          ),
        ),
      );
      return;
    }
    const lengths = await logLengths(pool, [...new Set(batch.map((item) => item.doc))]).catch(() => null);
    // Stored either way: a length that could not be read counts as none yet (compaction waits for the next append).
    for (const item of batch) item.done(lengths?.get(item.doc) ?? 0);
  });

  const storageBytes = async (q: pg.Pool | pg.PoolClient, mapId: string): Promise<number> =>
    num(
      (
        await q.query<{ n: string }>(
          `SELECT (SELECT COALESCE(SUM(octet_length(state)), 0) FROM doc_snapshots WHERE map_id = $1)
                + (SELECT COALESCE(SUM(octet_length(data)), 0) FROM doc_updates WHERE map_id = $1)
                + (SELECT COALESCE(SUM(bytes), 0) FROM versions WHERE map_id = $1) AS n`,
          [mapId],
        )
      ).rows[0]!.n,
    );

  /** A map's row, documents and versions against a bundle of it (MapImporter.compareMap), in the transaction of `q`. */
  const compareMap = async (q: pg.Pool | pg.PoolClient, bundle: MapBundle, same: SameDocState): Promise<MapComparison> => {
    const { id } = bundle.record;
    const { rows } = await q.query<Numeric<MapRow> & { link_version: number }>(
      'SELECT id, title, created_at, updated_at, stats, link_version FROM maps WHERE id = $1',
      [id],
    );
    if (!rows[0]) return 'absent';
    // Through toRecord on both sides (the bundle's record came from a store too), so absent and unreadable stats compare alike.
    const rowOf = (r: ReturnType<typeof toRecord>) => ({ ...r, stats: r.stats ?? null });
    if (rows[0].link_version !== bundle.linkVersion || !isDeepStrictEqual(rowOf(toRecord(mapRow(rows[0]))), rowOf(bundle.record))) {
      return 'different';
    }
    for (const sub of [null, ...SUBDOCS]) {
      const stored = (await readState(q, docId(id, sub))).state;
      const incoming = bundle.docs.find((d) => d.sub === sub)?.state;
      if (stored.length === 0 && incoming === undefined) continue;
      if (stored.length === 0 || incoming === undefined || !same(stored, incoming)) return 'different';
    }
    const versions = new Map(
      (
        await q.query<Numeric<VersionRow> & { state: Buffer }>(`SELECT ${VERSION_COLUMNS}, state FROM versions WHERE map_id = $1`, [id])
      ).rows.map((r) => [r.id, { ...toVersion(versionRow(r)), state: new Uint8Array(r.state) }]),
    );
    if (versions.size !== bundle.versions.length) return 'different';
    for (const v of bundle.versions) {
      const { state, ...record } = v;
      const found = versions.get(v.id);
      if (!found || !Buffer.from(state).equals(Buffer.from(found.state))) return 'different';
      const { state: _, ...foundRecord } = found;
      if (!isDeepStrictEqual(foundRecord, { ...record, bytes: state.byteLength })) return 'different';
    }
    return 'identical';
  };

  const importer: MapImporter = {
    async compareMap(bundle, same) {
      return compareMap(pool, bundle, same);
    },
    async importMap(bundle, same, { replace = false } = {}) {
      const { id } = bundle.record;
      return transaction(async (c) => {
        // Two runs of a migration at once compare and write one map after the other.
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, `import:${id}`]);
        const found = await compareMap(c, bundle, same);
        if (found === 'identical' || (found === 'different' && !replace)) return found;
        // Its documents and versions go with it (ON DELETE CASCADE).
        if (found === 'different') await c.query('DELETE FROM maps WHERE id = $1', [id]);
        await insertMapRow(c, bundle.record, bundle.linkVersion);
        for (const { sub, state } of bundle.docs) {
          await c.query('INSERT INTO doc_snapshots (doc_id, map_id, state) VALUES ($1, $2, $3)', [docId(id, sub), id, toBuffer(state)]);
        }
        // Oldest first: seq then orders versions of the same millisecond as the source did.
        for (const v of bundle.versions) {
          await c.query(`INSERT INTO versions (${VERSION_COLUMNS}, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
            v.id,
            id,
            v.name,
            v.kind,
            v.createdAt,
            v.createdBy,
            v.state.byteLength,
            v.cards,
            v.beforeRestoreOf ?? null,
            toBuffer(v.state),
          ]);
        }
        return found === 'absent' ? 'created' : 'replaced';
      });
    },
    async storedSecret() {
      return (await pool.query<{ value: string }>("SELECT value FROM settings WHERE key = 'secret'")).rows[0]?.value ?? null;
    },
  };

  return {
    sharedByNodes: true,
    ...importer,
    async loadState(doc) {
      return (await readState(pool, doc)).state;
    },
    appendUpdates(doc, updates) {
      return appends.append(doc, updates);
    },
    async compact(doc, fold) {
      return transaction(async (c) => {
        const locked = (
          await c.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [LOCK_SPACE, `compact:${doc}`])
        ).rows[0]!.ok;
        if (!locked) return false;
        const { state, rowIds } = await readState(c, doc);
        if (state.length === 0) return true;
        const snapshot = fold(() => state);
        await c.query(
          `INSERT INTO doc_snapshots (doc_id, map_id, state) VALUES ($1, $2, $3)
           ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state`,
          [doc, parseDocId(doc).mapId, toBuffer(snapshot)],
        );
        if (rowIds.length > 0) await c.query('DELETE FROM doc_updates WHERE id = ANY($1::bigint[])', [rowIds]);
        return true;
      });
    },
    async upgradeDoc(doc, upgrade) {
      await transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, `upgrade:${doc}`]);
        const update = upgrade((await readState(c, doc)).state);
        if (update) await append(c, doc, [update]);
      });
    },
    async logLength(doc) {
      return (await logLengths(pool, [doc])).get(doc)!;
    },
    async privateDocs(mapId) {
      const prefix = `${docId(mapId, null)}/${PRIVATE_PREFIX}%`;
      const { rows } = await pool.query<{ doc_id: string }>(
        `SELECT doc_id FROM doc_snapshots WHERE map_id = $1 AND doc_id LIKE $2
         UNION SELECT DISTINCT doc_id FROM doc_updates WHERE map_id = $1 AND doc_id LIKE $2 ORDER BY doc_id`,
        [mapId, prefix],
      );
      return rows.map((r) => r.doc_id);
    },

    async listMapIndex() {
      const { rows } = await pool.query<Numeric<IndexRow>>('SELECT id, title, updated_at, review FROM maps');
      return rows.map((r): MapIndexRow => toIndexRow({ ...r, updated_at: num(r.updated_at) }));
    },
    async getMaps(ids) {
      if (ids.length === 0) return [];
      const { rows } = await pool.query<Numeric<MapRow>>('SELECT id, title, created_at, updated_at, stats FROM maps WHERE id = ANY($1)', [
        [...ids],
      ]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toRecord(mapRow(row))] : [];
      });
    },
    async getMap(id) {
      const { rows } = await pool.query<Numeric<MapRow>>('SELECT id, title, created_at, updated_at, stats FROM maps WHERE id = $1', [id]);
      return rows[0] ? toRecord(mapRow(rows[0])) : null;
    },
    async countMaps() {
      return num((await pool.query<{ n: string }>('SELECT count(*) AS n FROM maps')).rows[0]!.n);
    },
    async createMap(record, initialState, subdocs = {}) {
      await transaction(async (c) => {
        const { id } = record;
        await insertMapRow(c, record);
        await c.query('INSERT INTO doc_snapshots (doc_id, map_id, state) VALUES ($1, $2, $3)', [id, id, toBuffer(initialState)]);
        for (const sub of SUBDOCS) {
          const state = subdocs[sub];
          if (state)
            await c.query('INSERT INTO doc_snapshots (doc_id, map_id, state) VALUES ($1, $2, $3)', [docId(id, sub), id, toBuffer(state)]);
        }
      });
    },
    async updateMap(id, fields) {
      await pool.query(
        `UPDATE maps SET title = COALESCE($2, title), updated_at = GREATEST(updated_at, $3::bigint), stats = COALESCE($4, stats),
           review = CASE WHEN $4::text IS NULL THEN review ELSE $5 END WHERE id = $1`,
        [
          id,
          fields.title ?? null,
          fields.updatedAt ?? null,
          fields.stats ? JSON.stringify(fields.stats) : null,
          reviewColumn(fields.stats),
        ],
      );
    },
    async putSearchCards(id, cards) {
      const { cards: json, folded } = searchColumns(cards);
      await pool.query(
        `INSERT INTO map_search (map_id, cards, folded) SELECT id, $2, $3 FROM maps WHERE id = $1
         ON CONFLICT (map_id) DO UPDATE SET cards = excluded.cards, folded = excluded.folded`,
        [id, json, folded],
      );
    },
    async *findCards(folded) {
      // strpos() is an exact substring test: both sides are folded already (foldText), so any
      // character (Chinese, %, _) is matched as itself, with no LIKE escaping. The ids first,
      // then the copies a few maps at a time, so a common word is not megabytes in one answer.
      const { rows: ids } = await pool.query<{ map_id: string }>(
        `SELECT s.map_id FROM map_search s JOIN maps m ON m.id = s.map_id
         WHERE strpos(s.folded, $1) > 0 ORDER BY m.updated_at DESC, m.id`,
        [folded],
      );
      for (let at = 0; at < ids.length; at += SEARCH_BATCH) {
        const batch = ids.slice(at, at + SEARCH_BATCH).map((r) => r.map_id);
        const { rows } = await pool.query<Numeric<SearchRow>>(
          `SELECT m.id, m.title, m.updated_at, s.cards, s.folded FROM map_search s JOIN maps m ON m.id = s.map_id
           WHERE s.map_id = ANY($1)`,
          [batch],
        );
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const id of batch) {
          const r = byId.get(id);
          if (r) yield toSearchedMap({ ...r, updated_at: num(r.updated_at) }, folded);
        }
      }
    },
    async unsearchableMaps() {
      const { rows } = await pool.query<{ id: string }>(
        'SELECT id FROM maps m WHERE NOT EXISTS (SELECT 1 FROM map_search s WHERE s.map_id = m.id)',
      );
      return rows.map((r) => r.id);
    },
    async putJourneyLinks(id, links) {
      const rows = journeyLinkRows(links);
      await transaction(async (c) => {
        // The map's row locked: two nodes writing one map's links replace them one after the other.
        const found = await c.query('SELECT 1 FROM maps WHERE id = $1 FOR NO KEY UPDATE', [id]);
        if (found.rowCount === 0) return;
        await c.query('DELETE FROM map_links WHERE map_id = $1', [id]);
        if (rows.length === 0) return;
        await c.query(
          `INSERT INTO map_links (map_id, carrier, carrier_id, linked_id)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
          [id, rows.map((r) => r.carrier), rows.map((r) => r.carrierId), rows.map((r) => r.linkedId)],
        );
      });
    },
    async journeyParents(id) {
      const { rows } = await pool.query<{ id: string; title: string }>(
        'SELECT DISTINCT m.id, m.title FROM map_links l JOIN maps m ON m.id = l.map_id WHERE l.linked_id = $1 AND l.map_id <> l.linked_id',
        [id],
      );
      return toLinkedMaps(rows);
    },
    async journeyGraph() {
      // Titles and edges in one statement: a row per map and distinct link to an existing map.
      const { rows } = await pool.query<Numeric<GraphRow>>(
        `SELECT m.id, m.title, m.updated_at, l.linked_id FROM maps m
         LEFT JOIN (SELECT DISTINCT k.map_id, k.linked_id FROM map_links k JOIN maps t ON t.id = k.linked_id) l ON l.map_id = m.id`,
      );
      return toJourneyGraph(rows.map((r) => ({ ...r, updated_at: num(r.updated_at) })));
    },
    async deleteMap(id) {
      // Its documents and versions go with it (ON DELETE CASCADE).
      return ((await pool.query('DELETE FROM maps WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async linkVersion(id) {
      const { rows } = await pool.query<{ link_version: number }>('SELECT link_version FROM maps WHERE id = $1', [id]);
      return rows[0]?.link_version ?? null;
    },
    async rotateLinks(id) {
      const { rows } = await pool.query<{ link_version: number }>(
        'UPDATE maps SET link_version = link_version + 1 WHERE id = $1 RETURNING link_version',
        [id],
      );
      return rows[0]?.link_version ?? null;
    },

    async listVersions(mapId) {
      const { rows } = await pool.query<Numeric<VersionRow>>(
        `SELECT ${VERSION_COLUMNS} FROM versions WHERE map_id = $1 ORDER BY created_at DESC, seq DESC`,
        [mapId],
      );
      return rows.map((r) => toVersion(versionRow(r)));
    },
    async getVersion(mapId, versionId) {
      const { rows } = await pool.query<Numeric<VersionRow> & { state: Buffer }>(
        `SELECT ${VERSION_COLUMNS}, state FROM versions WHERE map_id = $1 AND id = $2`,
        [mapId, versionId],
      );
      const row = rows[0];
      return row ? { ...toVersion(versionRow(row)), state: new Uint8Array(row.state) } : null;
    },
    async createVersion(version, limits = {}) {
      // The map's versions are checked and inserted under one lock: two nodes saving at once cannot both slip under a limit.
      return transaction(async (c): Promise<CreateVersionResult> => {
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, `versions:${version.mapId}`]);
        if ((await c.query('SELECT 1 FROM maps WHERE id = $1', [version.mapId])).rowCount === 0)
          return { ok: false, reason: 'map not found' };
        const bytes = version.state.byteLength;
        if (version.kind === 'named' && limits.maxNamed !== undefined) {
          const named = num(
            (await c.query<{ n: string }>("SELECT count(*) AS n FROM versions WHERE map_id = $1 AND kind = 'named'", [version.mapId]))
              .rows[0]!.n,
          );
          if (named >= limits.maxNamed) return { ok: false, reason: 'too many versions' };
        }
        if (limits.maxStorageBytes !== undefined && (await storageBytes(c, version.mapId)) + bytes > limits.maxStorageBytes) {
          return { ok: false, reason: 'storage limit' };
        }
        if (limits.minIntervalMs !== undefined) {
          const newest = (
            await c.query<{ t: string | null }>('SELECT max(created_at) AS t FROM versions WHERE map_id = $1', [version.mapId])
          ).rows[0]!.t;
          if (newest !== null && num(newest) > version.createdAt - limits.minIntervalMs) return { ok: false, reason: 'too soon' };
        }
        const { state, ...record } = version;
        await c.query(`INSERT INTO versions (${VERSION_COLUMNS}, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
          record.id,
          record.mapId,
          record.name,
          record.kind,
          record.createdAt,
          record.createdBy,
          bytes,
          record.cards,
          record.beforeRestoreOf ?? null,
          toBuffer(state),
        ]);
        return { ok: true, version: { ...record, bytes } };
      });
    },
    async deleteVersion(mapId, versionId) {
      return ((await pool.query('DELETE FROM versions WHERE map_id = $1 AND id = $2', [mapId, versionId])).rowCount ?? 0) > 0;
    },
    async pruneAutoVersions(mapId, keep) {
      const { rowCount } = await pool.query(
        `DELETE FROM versions WHERE id IN (
           SELECT id FROM versions WHERE map_id = $1 AND kind = 'auto' ORDER BY created_at DESC, seq DESC OFFSET $2)`,
        [mapId, Math.max(0, keep)],
      );
      return rowCount ?? 0;
    },
    async storageBytes(mapId) {
      return storageBytes(pool, mapId);
    },

    async addSignInToken(hash, expiresAt) {
      await pool.query('DELETE FROM signin_tokens WHERE expires_at <= $1', [Date.now()]);
      await pool.query('INSERT INTO signin_tokens (hash, expires_at) VALUES ($1, $2)', [hash, expiresAt]);
    },
    async useSignInToken(hash, now) {
      const { rows } = await pool.query<{ expires_at: string }>('DELETE FROM signin_tokens WHERE hash = $1 RETURNING expires_at', [hash]);
      return rows[0] !== undefined && num(rows[0].expires_at) > now;
    },

    async sharedSecret(candidate) {
      await pool.query("INSERT INTO settings (key, value) VALUES ('secret', $1) ON CONFLICT (key) DO NOTHING", [candidate]);
      return (await pool.query<{ value: string }>("SELECT value FROM settings WHERE key = 'secret'")).rows[0]!.value;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      // Appends waiting for their commit are still stored.
      await appends.flush();
      await pool.end();
    },
  };
}
