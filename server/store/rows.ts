/**
 * Rows as both stores hold them, and how they become records: the same
 * column names in SQLite and PostgreSQL, so one reading serves both.
 */
import { MapReviewSchema, MapStatsSchema, type MapReview } from '../../src/model/mapList';
import { SearchCardSchema, SearchCardsSchema, foldedCards, type SearchCard } from '../../src/model/cardSearch';
import * as z from 'zod/mini';
import { JourneyLinkSchema, type JourneyGraph, type JourneyLink, type LinkedMap } from '../../src/model/journeys/wire';
import type { MapIndexRow, MapRecord, MapStats, SearchedMap, VersionRecord } from './types';

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

/** What listing maps reads of every row: the `review` column is the summary's owner and review fields (JSON, or null). */
export interface IndexRow {
  id: string;
  title: string;
  updated_at: number;
  review: string | null;
}

/** The `review` column of a row whose summary is `stats`: null without one (the map list then treats the map as unscheduled). */
export const reviewColumn = (stats: MapStats | undefined): string | null => (stats?.review ? JSON.stringify(stats.review) : null);

function parseReview(text: string | null): MapReview | undefined {
  if (text === null) return undefined;
  try {
    const parsed = MapReviewSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const toIndexRow = (r: IndexRow): MapIndexRow => {
  const row: MapIndexRow = { id: r.id, title: r.title, updatedAt: r.updated_at };
  const review = parseReview(r.review);
  if (review) row.review = review;
  return row;
};

/** A row of `map_search` joined with its map's: the copy as stored (searchColumns). */
export interface SearchRow {
  id: string;
  title: string;
  updated_at: number;
  cards: string;
  folded: string;
}

/**
 * The `map_search` columns for `cards`: each card as one line of JSON
 * (JSON escapes line breaks, so a card is one line), checked on the way in;
 * and, line for line, each card's folded text (foldedCards), which the
 * database matches. Line n of one is card n of the other, so a search parses
 * only the cards whose folded line matches, not a map's whole copy.
 */
export function searchColumns(cards: readonly SearchCard[]): { cards: string; folded: string } {
  return {
    cards: SearchCardsSchema.parse(cards)
      .map((c) => JSON.stringify(c))
      .join('\n'),
    folded: foldedCards(cards),
  };
}

function parseCard(line: string | undefined): SearchCard | null {
  if (line === undefined) return null;
  try {
    const parsed = SearchCardSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The map a search found, with the cards whose folded text contains `folded`; a line that does not validate is left out. */
export function toSearchedMap(r: SearchRow, folded: string): SearchedMap {
  const lines = r.folded.split('\n');
  const json = r.cards.split('\n');
  const cards: SearchCard[] = [];
  lines.forEach((line, i) => {
    if (!line.includes(folded)) return;
    const card = parseCard(json[i]);
    if (card) cards.push(card);
  });
  return { id: r.id, title: r.title, updatedAt: r.updated_at, cards };
}

/** The links a map's `map_links` rows hold, checked on the way in (a write never stores what a read would drop). */
export function journeyLinkRows(links: readonly JourneyLink[]): { carrier: string; carrierId: string; linkedId: string }[] {
  return z
    .array(JourneyLinkSchema)
    .parse(links)
    .map((l) => ({ carrier: l.carrier, carrierId: l.carrierId, linkedId: l.mapId }));
}

const byTitle = (a: LinkedMap, b: LinkedMap): number => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : 1);

/** The parents of a map, as the store found them, in one order on both databases (their collations differ). */
export const toLinkedMaps = (rows: readonly { id: string; title: string }[]): LinkedMap[] =>
  rows.map((r) => ({ id: r.id, title: r.title })).sort(byTitle);

/** One row per map and link of the graph query: a map without links has `linked_id` null. */
export interface GraphRow {
  id: string;
  title: string;
  updated_at: number;
  linked_id: string | null;
}

export function toJourneyGraph(rows: readonly GraphRow[]): JourneyGraph {
  const maps = new Map<string, JourneyGraph['maps'][number]>();
  const links: JourneyGraph['links'] = [];
  for (const r of rows) {
    if (!maps.has(r.id)) maps.set(r.id, { id: r.id, title: r.title, updatedAt: r.updated_at });
    if (r.linked_id !== null) links.push([r.id, r.linked_id]);
  }
  return { maps: [...maps.values()], links };
}
