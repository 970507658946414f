/**
 * Rows as both stores hold them, and how they become records: the same
 * column names in SQLite and PostgreSQL, so one reading serves both.
 */
import { MapStatsSchema } from '../../src/model/mapList';
import type { MapRecord, MapStats, VersionRecord } from './types';

export interface MapRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  stats: string | null;
}

/** The stored summary, or undefined if there is none or it does not validate: a bad row must not break the list. */
function parseStats(text: string | null): MapStats | undefined {
  if (text === null) return undefined;
  try {
    const parsed = MapStatsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface VersionRow {
  id: string;
  map_id: string;
  name: string;
  kind: 'named' | 'auto';
  created_at: number;
  created_by: string;
  bytes: number;
  card_count: number;
  before_restore_of: string | null;
}

export const VERSION_COLUMNS = 'id, map_id, name, kind, created_at, created_by, bytes, card_count, before_restore_of';

export const toVersion = (r: VersionRow): VersionRecord => {
  const out: VersionRecord = {
    id: r.id,
    mapId: r.map_id,
    name: r.name,
    kind: r.kind,
    createdAt: r.created_at,
    createdBy: r.created_by,
    bytes: r.bytes,
    cards: r.card_count,
  };
  if (r.before_restore_of !== null) out.beforeRestoreOf = r.before_restore_of;
  return out;
};

export const toRecord = (r: MapRow): MapRecord => {
  const record: MapRecord = { id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at };
  const stats = parseStats(r.stats);
  if (stats) record.stats = stats;
  return record;
};
