/**
 * Fractional ordering. Entities carry an `order` string; a list is sorted by
 * (order, id) so two users who insert at the same spot at the same time get a
 * stable, identical order on every replica (the id breaks the tie).
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
  id: string;
  order: string;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortOrdered<T extends Ordered>(items: Iterable<T>): T[] {
  return [...items].sort(compareOrdered);
}

export function keyAfter(last: string | null): string {
  return generateKeyBetween(last, null);
}

/**
 * Where to put an item so it lands at `index` among `siblings` (sorted, not
 * containing the item). Usually one new key between the neighbours; when the
 * neighbours share a key (two concurrent inserts), there is no key between
 * them, so every sibling is re-keyed as well (`rekeyed`, id -> new order).
 */
export function placeAt(siblings: readonly Ordered[], index: number): { order: string; rekeyed: Map<string, string> } {
  const at = Math.max(0, Math.min(index, siblings.length));
  const before = at > 0 ? siblings[at - 1]!.order : null;
  const after = at < siblings.length ? siblings[at]!.order : null;
  if (before === null || after === null || before < after) {
    return { order: generateKeyBetween(before, after), rekeyed: new Map() };
  }
  const keys = generateNKeysBetween(null, null, siblings.length + 1);
  const rekeyed = new Map<string, string>();
  siblings.forEach((s, i) => rekeyed.set(s.id, keys[i < at ? i : i + 1]!));
  return { order: keys[at]!, rekeyed };
}

/** Keys for n items appended in sequence after `last` (templates, imports). */
export function keysAfter(last: string | null, n: number): string[] {
  return generateNKeysBetween(last, null, n);
}
