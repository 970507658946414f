/** The dashboard's search and sort, pure functions of the listed maps (search: model/search.ts, as the server's). */
import type { MapSummary } from '../../model/schema';
import { titleMatcher } from '../../model/search';

export const SORT_KEYS = ['edited', 'title'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const isSortKey = (value: unknown): value is SortKey => SORT_KEYS.includes(value as SortKey);

export function filterMaps(maps: readonly MapSummary[], query: string): MapSummary[] {
  const matches = titleMatcher(query);
  return maps.filter((m) => matches(m.title));
}

const newestFirst = (a: MapSummary, b: MapSummary) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Last edited first, or by title in the UI language's order (pinyin for zh-CN), numbers by value. */
export function sortMaps(maps: readonly MapSummary[], key: SortKey, locale: string): MapSummary[] {
  if (key === 'edited') return [...maps].sort(newestFirst);
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...maps].sort((a, b) => collator.compare(a.title, b.title) || newestFirst(a, b));
}
