/**
 * One page of the map list, chosen from the light index rows (no stats, no
 * documents): search, order, and the maps after the previous page's last one.
 * The caller then reads the full records of just these ids.
 */
import type { Locale, MapSort } from '../../src/model/schema';
import { titleMatcher } from '../../src/model/search';
import type { MapIndexRow } from '../store/types';
import { encodeCursor } from './cursor';
import { mapOrder } from './order';

export interface PageRequest {
  q: string;
  sort: MapSort;
  locale: Locale;
  limit: number;
  /** the previous page's last position (decodeCursor), or null for the first page */
  after: MapIndexRow | null;
}

export interface MapPage {
  /** the page's maps, in order */
  ids: string[];
  nextCursor: string | null;
  /** maps matching `q`, on every page */
  total: number;
}

export function pageOfMaps(index: readonly MapIndexRow[], { q, sort, locale, limit, after }: PageRequest): MapPage {
  // `q`: the same title match as the dashboard's search box always used (src/model/search.ts).
  const matches = titleMatcher(q);
  const matching = index.filter((m) => matches(m.title));
  const order = mapOrder(sort, locale);
  const rest = after ? matching.filter((m) => order(m, after) > 0) : matching;
  rest.sort(order);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    ids: page.map((m) => m.id),
    nextCursor: rest.length > limit && last ? encodeCursor(sort, last) : null,
    total: matching.length,
  };
}
