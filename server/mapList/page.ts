/**
 * One page of the map list, chosen from the light index rows (no stats, no
 * documents): search, owner and freshness filters, order (maps overdue for
 * review first), and the maps after the previous page's last one. The caller
 * then reads the full records of just these ids.
 */
import { freshness, ownerKey, type Freshness } from '../../src/model/review';
import type { Locale, MapSort } from '../../src/model/schema';
import { titleMatcher } from '../../src/model/search';
import type { MapIndexRow } from '../store/types';
import { encodeCursor, type CursorPosition } from './cursor';
import { mapOrder } from './order';

export interface PageRequest {
  q: string;
  sort: MapSort;
  locale: Locale;
  limit: number;
  /** the previous page's last position (decodeCursor), or null for the first page */
  after: CursorPosition | null;
  /** only this owner's maps (ownerKey: trimmed, any case); '' or absent: everyone's */
  owner?: string;
  /** only maps of this freshness */
  freshness?: Freshness;
  /** the server's clock (ms); a later page judges freshness as of its cursor's `asOf` instead */
  now?: number;
}

export interface MapPage {
  /** the page's maps, in order */
  ids: string[];
  nextCursor: string | null;
  /** maps matching `q` and the filters, on every page */
  total: number;
  /** every owner of a map of the index, once per ownerKey (the spelling of its most recently edited map), sorted in `locale` */
  owners: string[];
  /** maps of the index overdue for review now, whatever the filters */
  stale: number;
}

const freshnessOf = (row: MapIndexRow, at: number): Freshness => (row.review ? freshness(row.review, at) : 'unscheduled');

export function pageOfMaps(
  index: readonly MapIndexRow[],
  { q, sort, locale, limit, after, owner = '', freshness: only, now = Date.now() }: PageRequest,
): MapPage {
  const asOf = after?.asOf ?? now;
  // `q`: the same title match as the dashboard's search box always used (src/model/search.ts).
  const matches = titleMatcher(q);
  const wanted = ownerKey(owner);
  const rows = index.map((m) => ({ ...m, fresh: freshnessOf(m, asOf) }));
  const matching = rows.filter(
    (m) => matches(m.title) && (wanted === '' || ownerKey(m.review?.owner) === wanted) && (only === undefined || m.fresh === only),
  );
  const byKey = mapOrder(sort, locale);
  type Ranked = MapIndexRow & { stale: boolean };
  // Overdue maps first, then the sort's own order.
  const order = (a: Ranked, b: Ranked) => Number(b.stale) - Number(a.stale) || byKey(a, b);
  const ranked = matching.map((m): Ranked => ({ ...m, stale: m.fresh === 'stale' }));
  const rest = after ? ranked.filter((m) => order(m, { ...after, stale: after.stale ?? false }) > 0) : ranked;
  rest.sort(order);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    ids: page.map((m) => m.id),
    nextCursor: rest.length > limit && last ? encodeCursor(sort, last, { stale: last.stale, asOf }) : null,
    total: matching.length,
    owners: ownersOf(index, locale),
    stale: index.filter((m) => freshnessOf(m, now) === 'stale').length,
  };
}

function ownersOf(index: readonly MapIndexRow[], locale: Locale): string[] {
  const newest = new Map<string, { name: string; at: number }>();
  for (const m of index) {
    const name = m.review?.owner?.trim();
    if (!name) continue;
    const key = ownerKey(name);
    const seen = newest.get(key);
    if (!seen || m.updatedAt > seen.at) newest.set(key, { name, at: m.updatedAt });
  }
  const compare = new Intl.Collator(locale, { sensitivity: 'base', numeric: true }).compare;
  return [...newest.values()].map((o) => o.name).sort(compare);
}
