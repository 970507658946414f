/**
 * Storage behind one interface, so SQLite (one process) and PostgreSQL
 * (scale-out) are interchangeable. Methods are async although SQLite answers
 * synchronously: a network database cannot.
 *
 * A map's document is a snapshot plus a log of Yjs updates appended after
 * it; compaction folds the log into the snapshot, so storage stays bounded
 * by the size of the document rather than the length of its history.
 */
import type { MapSummary } from '../../src/model/schema';

/**
 * What the dashboard shows of a map's content (counts, persona, stage names),
 * kept on the map's row so listing maps never loads their documents.
 */
export type MapStats = NonNullable<MapSummary['stats']>;

export interface MapRecord {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** absent for maps not saved since stats were introduced (or a row that does not validate) */
  stats?: MapStats;
}

/** Row fields a room keeps current while people edit. */
export interface MapTouch {
  updatedAt: number;
  /** only when the document's title changed */
  title?: string;
  /** only when the document's summary changed */
  stats?: MapStats;
}

export interface Store {
  /** Every map, most recently edited first. */
  listMaps(): Promise<MapRecord[]>;
  getMap(id: string): Promise<MapRecord | null>;
  /** Creates the map with its initial state (one Yjs update, stored as the snapshot). */
  createMap(record: MapRecord, initialState: Uint8Array): Promise<void>;
  /** Rename, touch and/or restate the summary (REST rename, or the document changed). */
  updateMap(id: string, fields: Partial<MapTouch>): Promise<void>;
  /** Deletes the map and its document; false if there was no such map. */
  deleteMap(id: string): Promise<boolean>;
  /** The snapshot (if any) followed by every logged update, in order (empty for an unknown map). */
  loadState(id: string): Promise<Uint8Array[]>;
  /**
   * Appends updates and touches the map row in ONE transaction (all or
   * nothing); resolves with the number of updates now in the log.
   */
  appendUpdates(id: string, updates: Uint8Array[], touch: MapTouch): Promise<number>;
  /** Replaces snapshot and log with one snapshot of the full state, atomically. */
  compact(id: string, snapshot: Uint8Array): Promise<void>;
  /** Rows in the update log of a map (for tests, benchmarks and monitoring). */
  logLength(id: string): Promise<number>;
  close(): Promise<void>;
}
