/**
 * Storage behind one interface, so SQLite (one process) and PostgreSQL
 * (scale-out) are interchangeable. A map's state is a snapshot plus a log of
 * Yjs updates appended after it; compaction folds the log into the snapshot.
 */
export interface MapRecord {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

export interface Store {
  listMaps(): Promise<MapRecord[]>;
  getMap(id: string): Promise<MapRecord | null>;
  /** Creates the map with its initial state (one Yjs update). */
  createMap(record: MapRecord, initialState: Uint8Array): Promise<void>;
  updateMap(id: string, fields: Partial<Pick<MapRecord, 'title' | 'updatedAt'>>): Promise<void>;
  deleteMap(id: string): Promise<boolean>;
  /** The snapshot (if any) followed by every logged update, in order. */
  loadState(id: string): Promise<Uint8Array[]>;
  /** Appends one update; resolves with the number of updates now in the log. */
  appendUpdate(id: string, update: Uint8Array): Promise<number>;
  /** Replaces snapshot and log with one snapshot of the full state. */
  compact(id: string, snapshot: Uint8Array): Promise<void>;
  /** Rows in the update log of a map (for tests and monitoring). */
  logLength(id: string): Promise<number>;
  close(): Promise<void>;
}
