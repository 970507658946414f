/**
 * Text fields that several people edit at once (schema v3: a card's `text`).
 * Such a field is a Y.Text inside the entity's Y.Map, so concurrent typing
 * merges character by character instead of the last whole-text write
 * winning. Every write goes through here as the smallest splice (one span
 * deleted, one inserted) that turns what the writer started from into what
 * they want: a field that writes its whole value on each keystroke then
 * touches only the characters that changed, and a colleague's typing
 * elsewhere in the same text survives.
 *
 * Readers see the field as a plain string (Y.Text's toJSON), validated and
 * repaired like any string: two people typing at once can together pass the
 * length limit that each write respected, and readers then cut (repair.ts).
 */
import * as Y from 'yjs';
import type { CollectionName } from './schema';
import { checkFields } from './writeChecks';

/** The fields kept as Y.Text, per collection. Their JSON form stays a string. */
export const SHARED_TEXT_FIELDS: Readonly<Partial<Record<CollectionName, readonly string[]>>> = { cards: ['text'] };

export function isSharedTextField(name: CollectionName, key: string): boolean {
  return SHARED_TEXT_FIELDS[name]?.includes(key) ?? false;
}

/** Replace `remove` code units at `index` by `insert`. */
export interface Splice {
  index: number;
  remove: number;
  insert: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The smallest single splice turning `from` into `to`: the common prefix and
 * suffix stay. Never splits a surrogate pair (an emoji is deleted or kept
 * whole).
 */
export function diffText(from: string, to: string): Splice {
  const max = Math.min(from.length, to.length);
  let start = 0;
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  if (start > 0 && isHigh(from.charCodeAt(start - 1))) start--;
  let end = 0;
  const room = max - start;
  while (end < room && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  if (end > 0 && isLow(from.charCodeAt(from.length - end))) end--;
  return { index: start, remove: from.length - start - end, insert: to.slice(start, to.length - end) };
}

/** Splices on one text, applied from the last to the first so earlier indices stay valid. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  return [...splices]
    .sort((a, b) => b.index - a.index)
    .reduce((out, { index, remove, insert }) => out.slice(0, index) + insert + out.slice(index + remove), text);
}

/**
 * `mine` (a splice made on `base`) moved onto `current`, which is `base`
 * plus what others wrote meanwhile (`theirs`): a span before or after theirs
 * shifts; where the two overlap, their insertion stays, mine goes right
 * after it, and of my deletion only what is outside their span is done, so
 * nobody's new words are lost.
 */
export function rebaseSplice(mine: Splice, theirs: Splice): Splice[] {
  const theirEnd = theirs.index + theirs.remove;
  const myEnd = mine.index + mine.remove;
  if (myEnd <= theirs.index) return [mine];
  const shift = theirs.insert.length - theirs.remove;
  if (mine.index >= theirEnd) return [{ ...mine, index: mine.index + shift }];
  const before = Math.max(0, theirs.index - mine.index);
  const after = Math.max(0, myEnd - theirEnd);
  const afterTheirs = theirs.index + theirs.insert.length;
  if (before > 0) {
    const out: Splice[] = [{ index: mine.index, remove: before, insert: mine.insert }];
    if (after > 0) out.push({ index: afterTheirs, remove: after, insert: '' });
    return out;
  }
  return [{ index: afterTheirs, remove: after, insert: mine.insert }];
}

/**
 * Where a caret at `index` ends up after `splices`: before or at a change it
 * stays (a colleague typing right at my caret does not push it), after it
 * it shifts, inside a deleted span it goes to the end of what replaced it.
 */
export function mapIndex(index: number, splices: readonly Splice[]): number {
  let shift = 0;
  for (const s of [...splices].sort((a, b) => a.index - b.index)) {
    if (index <= s.index) break;
    if (index >= s.index + s.remove) shift += s.insert.length - s.remove;
    else return s.index + shift + s.insert.length;
  }
  return index + shift;
}

/** What writing `next` does to `current` when the writer started from `base` (omitted: from `current`). */
export function splicesFor(current: string, next: string, base: string = current): Splice[] {
  const mine = diffText(base, next);
  const splices = base === current ? [mine] : rebaseSplice(mine, diffText(base, current));
  return splices.filter((s) => s.remove > 0 || s.insert !== '');
}

/** The text a field holds: a Y.Text (v3) or, left by an older writer, a plain string. */
export function sharedTextValue(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

/**
 * Write `next` into a shared text field of `entry` as one splice; `base` is
 * the text the writer's edit started from (a field opened a while ago), so
 * what others typed since is kept. The result is checked against the
 * field's schema before anything is written (InvalidWriteError), except
 * that a write which does not lengthen a text already past its limit (two
 * people's typing together) is allowed: it is the way back under it.
 * Returns whether anything changed. Call inside a transaction.
 */
export function writeSharedText(name: CollectionName, entry: Y.Map<unknown>, key: string, next: string, base?: string): boolean {
  const value = entry.get(key);
  const current = sharedTextValue(value);
  const splices = splicesFor(current, next, base);
  if (splices.length === 0 && value instanceof Y.Text) return false;
  const result = applySplices(current, splices);
  if (!(result.length <= current.length && value instanceof Y.Text)) checkFields(name, { [key]: result });
  if (!(value instanceof Y.Text)) {
    // A plain string (a v2 map not migrated yet, or an old writer's): it becomes a Y.Text.
    entry.set(key, new Y.Text(result));
    return true;
  }
  for (const { index, remove, insert } of [...splices].sort((a, b) => b.index - a.index)) {
    if (remove > 0) value.delete(index, remove);
    if (insert) value.insert(index, insert);
  }
  return true;
}
