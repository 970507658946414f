/**
 * Everything an import does before the store: the bytes of a map file to the
 * new map's Yjs states and summary, or the file's issues. Pure and
 * synchronous, and the expensive part of an import (decoding, parsing,
 * validating, building documents), so server/importer.ts runs it in a worker
 * thread (server/importWorker.ts) where it cannot hold up other requests.
 */
import type { MapFileIssue } from '../src/model/exchange/mapFile';
import { parseMapFile } from '../src/model/exchange/mapFile';
import type { MapStats } from '../src/model/mapList';
import type { SearchCard } from '../src/model/cardSearch';
import type { JourneyLink } from '../src/model/journeys/wire';
import { commentsState, fileCounts, importedMap, newMapState } from './exchange';

/** What the store needs to create the imported map, and what the log says about it. */
export interface PreparedImport {
  ok: true;
  title: string;
  stats: MapStats;
  /** the map's searchable copy of its cards */
  search: SearchCard[];
  /** the map's links to other maps (linked journeys) */
  links: JourneyLink[];
  /** the map document's initial state (one update) */
  state: Uint8Array;
  /** the comments document's initial state, when the file carries comments */
  comments?: Uint8Array;
  /** how much of each the file held, never the content */
  counts: ReturnType<typeof fileCounts>;
}

export interface RefusedImport {
  ok: false;
  /** every problem, by path (parseMapFile) */
  issues: MapFileIssue[];
}

export type ImportPreparation = PreparedImport | RefusedImport;

/**
 * A map file (UTF-8 bytes, or text) to the new map's content, with the map's
 * timestamps set to `now`. Never throws on bad input; the file is judged by
 * parseMapFile, so nesting, entity limits, migration and validation are the
 * browser's rules too.
 */
export function prepareImport(input: Uint8Array | string, now: number): ImportPreparation {
  // Not fatal on bad bytes, like Buffer#toString: a stray byte becomes U+FFFD in a card's text, not a refusal.
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const parsed = parseMapFile(text);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const map = importedMap(parsed.map, now);
  const { state, stats, search, links } = newMapState(map);
  return {
    ok: true,
    title: map.meta.title,
    stats,
    search,
    links,
    state,
    ...(parsed.comments ? { comments: commentsState(parsed.comments) } : {}),
    counts: fileCounts(parsed.map, parsed.comments),
  };
}
