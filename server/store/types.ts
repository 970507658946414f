/**
 * Storage behind one interface, so SQLite (one process) and PostgreSQL
 * (scale-out) are interchangeable. Methods are async although SQLite answers
 * synchronously: a network database cannot.
 *
 * A map's document is a snapshot plus a log of Yjs updates appended after
 * it; compaction folds the log into the snapshot, so storage stays bounded
 * by the size of the document rather than the length of its history.
 */
import type { VersionKind } from '../../src/model/versions';
import type { MapReview, MapStats } from '../../src/model/mapList';
import type { SearchCard } from '../../src/model/cardSearch';
import type { JourneyGraph, JourneyLink, LinkedMap } from '../../src/model/journeys/wire';

/**
 * A map's other documents, each its own room and its own stored state:
 * `comments` is written by commenters too, so it cannot live in the map doc.
 */
export const SUBDOCS = ['comments'] as const;
export type SubDoc = (typeof SUBDOCS)[number];

/**
 * One editor's private document of a map (workshop rounds: the cards they
 * write and the votes they cast before the reveal), named by a hash the
 * server derives from the socket's presence key: `private/<tag>`. There are
 * as many as people who wrote in a round, so they are not in SUBDOCS (which
 * lists the documents every map has); they are stored like subdocs and
 * deleted with the map.
 */
export type PrivateDoc = `${typeof PRIVATE_PREFIX}${string}`;
export const PRIVATE_PREFIX = 'private/';
const PRIVATE_TAG = /^[A-Za-z0-9_-]{16,64}$/;
export const privateDoc = (tag: string): PrivateDoc => {
  if (!PRIVATE_TAG.test(tag)) throw new Error('invalid private document tag');
  return `${PRIVATE_PREFIX}${tag}`;
};

/** Any document of a map other than its own. */
export type DocName = SubDoc | PrivateDoc;

/**
 * What the store keeps a Yjs document under: the map id for the map's own
 * document, `<mapId>/<subdoc>` for the others (which have no row of their
 * own: they exist while the map does and are deleted with it).
 */
export type DocId = string;

export const docId = (mapId: string, sub: DocName | null): DocId => (sub === null ? mapId : `${mapId}/${sub}`);

export function parseDocId(id: DocId): { mapId: string; sub: DocName | null } {
  const slash = id.indexOf('/');
  if (slash < 0) return { mapId: id, sub: null };
  const sub = id.slice(slash + 1);
  const known =
    (SUBDOCS as readonly string[]).includes(sub) || (sub.startsWith(PRIVATE_PREFIX) && PRIVATE_TAG.test(sub.slice(PRIVATE_PREFIX.length)));
  if (!known) throw new Error(`unknown document ${JSON.stringify(id)}`);
  return { mapId: id.slice(0, slash), sub: sub as DocName };
}

/**
 * What the dashboard shows of a map's content (counts, persona, stage names),
 * kept on the map's row so listing maps never loads their documents.
 */
export type { MapStats };

export interface MapRecord {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** absent for maps not saved since stats were introduced (or a row that does not validate) */
  stats?: MapStats;
}

/**
 * What listing maps sorts and searches by: a row small enough to read for
 * every map on every request (no stats, no documents).
 */
export interface MapIndexRow {
  id: string;
  title: string;
  updatedAt: number;
  /** owner and review cadence (the summary's), to filter and order by freshness; absent: none known */
  review?: MapReview;
}

/** Row fields a room keeps current while people edit. */
export interface MapTouch {
  /** the map's last edit: a row's never moves back (several nodes write it, each as of its own last stored batch) */
  updatedAt: number;
  /** only when the document's title changed */
  title?: string;
  /** only when the document's summary changed */
  stats?: MapStats;
}

/** A saved version of a map's document (version history), without its content. */
export interface VersionRecord {
  id: string;
  mapId: string;
  /** '' for automatic versions */
  name: string;
  kind: VersionKind;
  createdAt: number;
  /** the name the saving client gave; '' if none */
  createdBy: string;
  /** size of the stored state */
  bytes: number;
  /** cards on the map at that moment */
  cards: number;
  /** on the automatic version taken before a restore: the version restored */
  beforeRestoreOf?: string;
}

export interface NewVersion extends Omit<VersionRecord, 'bytes'> {
  /** the stored form of the document's state (server/versions.ts compresses it); `bytes` is its length */
  state: Uint8Array;
}

/** Checked in the same transaction as the insert, so two saves at once (on two nodes too) cannot both slip under a limit. */
export interface VersionLimits {
  /** most named versions a map may have */
  maxNamed?: number;
  /** most bytes the map may store in all (storageBytes) once the version is in */
  maxStorageBytes?: number;
  /** refused ('too soon') if the map has a version of any kind newer than this many ms: one automatic version per interval per map, however many nodes */
  minIntervalMs?: number;
}

export type CreateVersionResult =
  { ok: true; version: VersionRecord } | { ok: false; reason: 'too many versions' | 'storage limit' | 'map not found' | 'too soon' };

/**
 * A document's storage, all a room needs: its state as a snapshot plus a log
 * of the updates appended since, and compaction. One backend (SQLite) serves
 * one process; another (PostgreSQL) serves several nodes appending to the
 * same document at once, which is why compaction folds exactly the rows it
 * read rather than replacing the log wholesale.
 */
export interface DocStore {
  /**
   * Whether other processes append to the documents this one has loaded
   * (PostgreSQL behind several nodes). False for SQLite, which serves one
   * process: every row of a loaded document came through its one room there.
   */
  readonly sharedByNodes: boolean;
  /** The snapshot (if any) followed by every logged update, in order (empty for an unknown document). */
  loadState(doc: DocId): Promise<Uint8Array[]>;
  /**
   * Appends updates to the document's log in ONE transaction (all or
   * nothing); resolves with the number of updates now in the log. Fails if
   * the map is gone.
   */
  appendUpdates(doc: DocId, updates: Uint8Array[]): Promise<number>;
  /**
   * Folds the log into the snapshot: hands `fold` the stored state (snapshot
   * first, then the log rows) as a function that reads it, stores what `fold`
   * returns as the new snapshot and deletes exactly the rows read, in one
   * transaction. A fold that has it all already (the room of a store no other
   * process writes) need not read. Resolves false, doing nothing, while
   * another compaction of the document runs.
   */
  compact(doc: DocId, fold: (stored: () => Uint8Array[]) => Uint8Array): Promise<boolean>;
  /**
   * Runs `upgrade` on the document's stored state while every other upgrade
   * of it waits, and appends the update it returns (null: nothing to do), in
   * one transaction: the format migration happens once per map, whichever
   * process loads it first.
   */
  upgradeDoc(doc: DocId, upgrade: (stored: Uint8Array[]) => Uint8Array | null): Promise<void>;
  /** Rows in the update log of a document (for tests, benchmarks and monitoring). */
  logLength(doc: DocId): Promise<number>;
  /** The private documents (PrivateDoc) of a map that have anything stored, as document ids. */
  privateDocs(mapId: string): Promise<DocId[]>;
}

/** The maps of the workspace: their rows (title, summary, link version), created and deleted with their documents. */
export interface MapCatalog {
  /**
   * Every map's id, title and last edit, in no particular order: the caller
   * searches and sorts them (titles in a locale's collation, which databases
   * do not share) and then reads only the page it answers with (getMaps).
   */
  listMapIndex(): Promise<MapIndexRow[]>;
  /** The maps with these ids, in the order given; an id with no map is left out. */
  getMaps(ids: readonly string[]): Promise<MapRecord[]>;
  getMap(id: string): Promise<MapRecord | null>;
  /** How many maps there are. */
  countMaps(): Promise<number>;
  /**
   * Creates the map with its initial state (one Yjs update, stored as the
   * snapshot) and, if given, its subdocs' initial states (an import with
   * comments), all in one transaction: nothing is left behind if any fails.
   */
  createMap(record: MapRecord, initialState: Uint8Array, subdocs?: Partial<Record<SubDoc, Uint8Array>>): Promise<void>;
  /** Rename, touch and/or restate the summary (REST rename, or the document changed). */
  updateMap(id: string, fields: Partial<MapTouch>): Promise<void>;
  /** Deletes the map and its documents (the map's and its subdocs) and versions; false if there was no such map. */
  deleteMap(id: string): Promise<boolean>;
  /**
   * The version share links of the map must carry (starts at 1), or null if
   * there is no such map. Kept off MapRecord: it is not for the dashboard.
   */
  linkVersion(id: string): Promise<number | null>;
  /** Bumps the map's link version (revoking every link issued before) and resolves with the new one; null if no such map. */
  rotateLinks(id: string): Promise<number | null>;
}

/** A map found by a card search: its row's title and last edit, and its cards that matched, in journey order. */
export interface SearchedMap {
  id: string;
  title: string;
  updatedAt: number;
  cards: SearchCard[];
}

/**
 * Each map's searchable copy of its cards (src/model/cardSearch.ts), in a
 * table of its own rather than on the map's row: it is as large as the map's
 * text, and reading rows (the map list) must not read it.
 */
export interface CardSearchStore {
  /** Replaces the map's searchable copy; nothing for a map that does not exist (deleted meanwhile). */
  putSearchCards(mapId: string, cards: readonly SearchCard[]): Promise<void>;
  /**
   * The maps with a card whose folded text (foldCardText) contains `folded`,
   * already folded (foldText), most recently edited first, each with those
   * cards. The database finds the maps by substring, so only maps that match
   * are read, and of them only the matching cards are parsed. One map at a
   * time, and the event loop is free between them: a word on every map
   * would otherwise mean megabytes read and parsed in one go, and a caller
   * that has enough cards stops reading.
   */
  findCards(folded: string): AsyncIterable<SearchedMap>;
  /** The maps that have no searchable copy (saved last before search existed), for indexing them (server/cardIndex.ts). */
  unsearchableMaps(): Promise<string[]>;
}

/**
 * The link index of linked journeys (server/journeyIndex.ts): each map's
 * links to other maps (a stage's or card's `linkedMapId`), in a table of its
 * own, kept from the map's document like the search copy and deleted with
 * the map. A link may name a map that does not exist (deleted, or a file
 * imported from another server): it is kept, and answers leave it out.
 */
export interface JourneyLinkStore {
  /** Replaces the map's links; nothing for a map that does not exist (deleted meanwhile). */
  putJourneyLinks(mapId: string, links: readonly JourneyLink[]): Promise<void>;
  /** The maps that exist and link to `mapId` (each once), by title then id. */
  journeyParents(mapId: string): Promise<LinkedMap[]>;
  /** Every map's id, title and last edit and every link between two maps that exist, once per pair: one query. */
  journeyGraph(): Promise<JourneyGraph>;
}

/** Saved versions of maps (version history). */
export interface VersionStore {
  /** The map's saved versions, newest first (without their state). */
  listVersions(mapId: string): Promise<VersionRecord[]>;
  /** One version with its stored state, or null (unknown id, or a version of another map). */
  getVersion(mapId: string, versionId: string): Promise<(VersionRecord & { state: Uint8Array }) | null>;
  /** Stores a version unless that would break `limits`. Deleted with its map. */
  createVersion(version: NewVersion, limits?: VersionLimits): Promise<CreateVersionResult>;
  deleteVersion(mapId: string, versionId: string): Promise<boolean>;
  /** Deletes the oldest automatic versions of the map beyond the newest `keep`; resolves with how many went. */
  pruneAutoVersions(mapId: string, keep: number): Promise<number>;
  /** Everything the map stores, in bytes: its document (snapshot + log), its subdocs, its versions. */
  storageBytes(mapId: string): Promise<number>;
}

/** One-time sign-in links to the workspace, by their tokens' hashes. */
export interface SignInTokenStore {
  /** Keeps a one-time sign-in token (its hash) until `expiresAt`; expired ones are dropped on the way. */
  addSignInToken(hash: string, expiresAt: number): Promise<void>;
  /** Uses up a sign-in token: true if it was there and had not expired at `now` (it is gone either way). */
  useSignInToken(hash: string, now: number): Promise<boolean>;
}

/** Where the nodes of a cluster share the server secret (SQLite installations keep it in DATA_DIR/secret.key). */
export interface SecretStore {
  /** The stored secret; `candidate` is stored first if there is none (the first node to ask makes it). */
  sharedSecret(candidate: string): Promise<string>;
}

/**
 * What moving an installation from one store to another reads (server/migrateStore.ts):
 * the maps and everything each one stores. Every Store can be read this way;
 * so can a SQLite DATA_DIR opened read-only (store/sqliteSource.ts).
 */
export type MapSource = Pick<Store, 'listMapIndex' | 'getMap' | 'linkVersion' | 'loadState' | 'listVersions' | 'getVersion' | 'close'>;

/** A map with everything it stores, as it moves from one store to another. */
export interface MapBundle {
  record: MapRecord;
  /** the link version its share links carry (MapCatalog.linkVersion): kept, so every link issued keeps working */
  linkVersion: number;
  /** each of its documents that has a stored state (its own, sub null, and its subdocs), as ONE Yjs update: stored as the snapshot */
  docs: { sub: SubDoc | null; state: Uint8Array }[];
  /** every saved version with its stored (compressed) state, oldest first */
  versions: (VersionRecord & { state: Uint8Array })[];
}

/**
 * Whether a document's stored state (as loadState reads it: a snapshot and a
 * log) holds exactly what `state` holds. A Yjs question, so the caller answers
 * it (as `fold` answers compaction's): the store never reads documents.
 */
export type SameDocState = (stored: Uint8Array[], state: Uint8Array) => boolean;

/** How a store's map of a bundle's id compares with the bundle: none, the same (row, documents, versions), or not. */
export type MapComparison = 'absent' | 'identical' | 'different';

/** Where an installation can be moved to: a store that takes whole maps, ids and link versions kept. */
export interface MapImporter {
  /** Compares the bundle with this store's map of the same id; changes nothing. */
  compareMap(bundle: MapBundle, same: SameDocState): Promise<MapComparison>;
  /**
   * Stores the bundle's map (row, link version, documents as snapshots,
   * versions) in ONE transaction, all of it or nothing: 'created' if there was
   * no map of its id; with one, nothing is written and the answer is what
   * compareMap would say ('identical' or 'different'), unless `replace` and it
   * differs: then it is deleted and replaced by the bundle ('replaced').
   */
  importMap(
    bundle: MapBundle,
    same: SameDocState,
    opts?: { replace?: boolean },
  ): Promise<'created' | 'replaced' | 'identical' | 'different'>;
  /** The secret the nodes share, or null if none is stored yet (reads only: sharedSecret stores one). */
  storedSecret(): Promise<string | null>;
}

/** Everything a server stores, in one backend (SQLite or PostgreSQL). */
export interface Store extends DocStore, MapCatalog, CardSearchStore, JourneyLinkStore, VersionStore, SignInTokenStore {
  /** PostgreSQL only: the secret the nodes share */
  sharedSecret?: SecretStore['sharedSecret'];
  /** Resolves if the store can be used right now (/health); rejects with why not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
