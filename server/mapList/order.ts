/**
 * The orders of the map list. Each is a strict total order (equal sort keys
 * are told apart by id), so the sort key and id of the last map a page showed
 * say exactly which maps come after it, whatever was created, edited or
 * deleted since: keyset pagination (cursor.ts, page.ts).
 */
import type { Locale, MapSort } from '../../src/model/schema';
import type { MapIndexRow } from '../store/types';

export type MapOrder = (a: MapIndexRow, b: MapIndexRow) => number;

/** By UTF-16 code unit, as a database's binary collation compares them: the same on every store. */
const byId: MapOrder = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// One collator per locale, made once: making one costs more than many comparisons.
const collators = new Map<Locale, Intl.Collator['compare']>();

/**
 * Titles as the dashboard has always ordered them: the locale's collation
 * (pinyin for zh-CN), case and accents ignored, "Map 2" before "Map 10".
 */
export function titleCollation(locale: Locale): Intl.Collator['compare'] {
  let compare = collators.get(locale);
  if (!compare) {
    // `compare` is a getter that returns a function bound to its collator.
    compare = new Intl.Collator(locale, { sensitivity: 'base', numeric: true }).compare;
    collators.set(locale, compare);
  }
  return compare;
}

/** `edited`: last edited first; `title`: by title in `locale`'s collation. Ties by id. */
export function mapOrder(sort: MapSort, locale: Locale): MapOrder {
  if (sort === 'edited') return (a, b) => b.updatedAt - a.updatedAt || byId(a, b);
  const compare = titleCollation(locale);
  return (a, b) => compare(a.title, b.title) || byId(a, b);
}
