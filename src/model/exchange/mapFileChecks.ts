/**
 * The checks of an imported map file that zod cannot make for us:
 *
 * - keys that could reach Object.prototype (`__proto__`, `constructor`,
 *   `prototype`), looked for before anything else reads the tree;
 * - more entities than a map may hold (MAP_LIMITS, COMMENTS_LIMITS), counted
 *   before zod validates each one: refusing 100 000 cards must not cost what
 *   validating them would;
 * - references between entities (card -> lane/stage/persona, a card's
 *   persona scores -> persona, meta ->
 *   persona, comment -> thread, card thread -> card) and record keys that
 *   differ from their entity's id. zod 4 runs a `.superRefine` only when the
 *   object under it parsed cleanly, so on a file with any other error these
 *   would go unreported; here they run on the raw tree, whatever else is wrong.
 */
import { COMMENTS_LIMITS, cardIdOf } from '../comments/schema';
import { RESERVED_KEYS } from '../ids';
import { COLLECTIONS, MAP_LIMITS } from '../schema';

export interface MapFileIssue {
  /** dotted path into the file, e.g. `cards.abc123.laneId`; '' for the file as a whole */
  path: string;
  message: string;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Arrays included: what forbiddenKeys looks inside. Strings and numbers (most of a file) get no stack entry. */
const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
/** Own keys only: `lanes.constructor` must not count as a lane because every object inherits one. */
const has = (record: Json, key: string): boolean => Object.hasOwn(record, key);

export const pathString = (segments: readonly PropertyKey[]): string => segments.map(String).join('.');

/** Keys that, copied by assignment, change an object's prototype or shadow what every object inherits. */
export const FORBIDDEN_KEYS = RESERVED_KEYS;

/**
 * Every forbidden key anywhere in the tree, by path. `JSON.parse` makes
 * `__proto__` an own property (harmless until some later `out[key] = value`
 * copy turns it into a prototype), so the parsed tree shows it; an object
 * built by assignment instead shows it as a prototype that is not
 * Object.prototype, which is refused too. Iterative, so a deeply nested file
 * cannot overflow the stack; a cyclic object (never from JSON) is visited once.
 */
export function forbiddenKeys(root: unknown): MapFileIssue[] {
  // Each node points at its parent instead of carrying its whole path: copying
  // paths would cost depth² on a deeply nested file.
  type Node = { value: unknown; key: PropertyKey | null; parent: Node | null };
  const pathOf = (node: Node, last?: string): string => {
    const segments: PropertyKey[] = last === undefined ? [] : [last];
    for (let n: Node | null = node; n && n.key !== null; n = n.parent) segments.push(n.key);
    return pathString(segments.reverse());
  };
  const issues: MapFileIssue[] = [];
  const seen = new Set<object>();
  const stack: Node[] = [{ value: root, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const value = node.value;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    // Children are pushed last first, so they are popped (and reported) in file order.
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (isObject(value[i])) stack.push({ value: value[i], key: i, parent: node });
      continue;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      issues.push({ path: pathOf(node), message: 'not a plain JSON object (its prototype was changed)' });
      continue;
    }
    const keys = Object.keys(value);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) issues.push({ path: pathOf(node, key), message: `the key "${key}" is not allowed` });
    }
    for (const key of keys.reverse()) {
      const child = (value as Json)[key];
      if (!FORBIDDEN_KEYS.has(key) && isObject(child)) stack.push({ value: child, key, parent: node });
    }
  }
  return issues;
}

const keyCount = (record: unknown): number => (isRecord(record) ? Object.keys(record).length : 0);

/**
 * A collection with more entries than its limit, as `cards: 12000 cards, at
 * most 10000`. A collection that is not an object is left to zod.
 */
export function entityCountIssues(file: unknown): MapFileIssue[] {
  if (!isRecord(file)) return [];
  const issues: MapFileIssue[] = [];
  const check = (record: unknown, limit: number, path: string[], what: string) => {
    const count = keyCount(record);
    if (count > limit) issues.push({ path: pathString(path), message: `${count} ${what}, at most ${limit}` });
  };
  for (const name of COLLECTIONS) check(file[name], MAP_LIMITS[name], [name], name);
  const comments = file.comments;
  if (isRecord(comments)) {
    check(comments.threads, COMMENTS_LIMITS.threads, ['comments', 'threads'], 'threads');
    check(comments.comments, COMMENTS_LIMITS.comments, ['comments', 'comments'], 'comments');
  }
  return issues;
}

/** `id` fields that differ from their record key, in every keyed collection of `records` (under `prefix`). */
function idMismatches(records: Json, names: readonly string[], prefix: string[]): MapFileIssue[] {
  const issues: MapFileIssue[] = [];
  for (const name of names) {
    const record = records[name];
    if (!isRecord(record)) continue;
    for (const [key, entity] of Object.entries(record)) {
      if (isRecord(entity) && typeof entity.id === 'string' && entity.id !== key) {
        // Same wording as MapDocumentSchema's own check, so the two deduplicate.
        issues.push({ path: pathString([...prefix, name, key, 'id']), message: `id "${entity.id}" does not match its key "${key}"` });
      }
    }
  }
  return issues;
}

/** Entities of `record` (if it is one), skipping what is not an object: zod reports those. */
const entries = (record: unknown): [string, Json][] =>
  isRecord(record) ? Object.entries(record).filter((e): e is [string, Json] => isRecord(e[1])) : [];

/**
 * Dangling references and key/id mismatches of a (migrated, not yet
 * validated) map file. A reference into a collection that is itself not an
 * object is not reported: the collection's own error says enough.
 */
export function referenceIssues(file: unknown): MapFileIssue[] {
  if (!isRecord(file)) return [];
  const issues = idMismatches(file, COLLECTIONS, []);
  const { lanes, stages, personas, cards, meta } = file;
  const refersTo = (target: unknown, id: unknown, path: string[], what: string) => {
    if (typeof id === 'string' && isRecord(target) && !has(target, id))
      issues.push({ path: pathString(path), message: `unknown ${what} "${id}"` });
  };
  if (isRecord(meta)) refersTo(personas, meta.personaId, ['meta', 'personaId'], 'persona');
  for (const [id, card] of entries(cards)) {
    refersTo(lanes, card.laneId, ['cards', id, 'laneId'], 'lane');
    refersTo(stages, card.stageId, ['cards', id, 'stageId'], 'stage');
    refersTo(personas, card.personaId, ['cards', id, 'personaId'], 'persona');
    if (isRecord(card.personaEmotions)) {
      for (const personaId of Object.keys(card.personaEmotions)) {
        refersTo(personas, personaId, ['cards', id, 'personaEmotions', personaId], 'persona');
      }
    }
  }

  const comments = file.comments;
  if (!isRecord(comments)) return issues;
  issues.push(...idMismatches(comments, ['threads', 'comments'], ['comments']));
  for (const [id, thread] of entries(comments.threads)) {
    const cardId = typeof thread.target === 'string' && thread.target.startsWith('card:') ? cardIdOf(thread.target) : null;
    refersTo(cards, cardId, ['comments', 'threads', id, 'target'], 'card');
  }
  for (const [id, comment] of entries(comments.comments)) {
    refersTo(comments.threads, comment.threadId, ['comments', 'comments', id, 'threadId'], 'thread');
  }
  return issues;
}
