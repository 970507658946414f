/**
 * What every command checks before it writes, and how it says no. A write the
 * schema would refuse is never made: readers would have to repair it for
 * everyone (repair.ts), and a map past MAP_LIMITS would cost the server and
 * every browser. The rule for all commands is the same: the check comes
 * before the command's first write, and a refused command throws a
 * WriteRefusedError (one of the two below) and writes nothing. The UI catches
 * that one type and tells the user.
 */
import type * as Y from 'yjs';
import type { z } from 'zod';
import { ENTITY_SCHEMAS, MAP_LIMITS, MetaSchema, type CollectionName, type EntityByCollection } from './schema';

export type WriteTarget = CollectionName | 'meta' | 'timer';

/** A command refused to write; nothing was written. */
export class WriteRefusedError extends Error {}

/** The values a command was asked to write do not fit the schema. */
export class InvalidWriteError extends WriteRefusedError {
  override readonly name = 'InvalidWriteError';
  constructor(
    readonly target: WriteTarget,
    /** zod's issues, paths starting at the field (`['text']`, `['tags', 0]`) */
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(`refused to write ${target}: ${issues.map((i) => `${i.path.join('.') || '(entity)'}: ${i.message}`).join('; ')}`);
  }

  /** The fields refused, once each, in the order found. */
  get fields(): string[] {
    return [...new Set(this.issues.map((i) => String(i.path[0] ?? '')))];
  }
}

/** The map already holds MAP_LIMITS[collection] entities of this kind. */
export class MapLimitError extends WriteRefusedError {
  override readonly name = 'MapLimitError';
  constructor(
    readonly target: CollectionName,
    readonly limit: number,
  ) {
    super(`a map holds at most ${limit} ${target}`);
  }
}

/** A whole new entity, as it will be stored: the schema's reading of it (unknown keys dropped). */
export function checkEntity<N extends CollectionName>(name: N, entity: EntityByCollection[N]): EntityByCollection[N] {
  const parsed = ENTITY_SCHEMAS[name].safeParse(entity);
  if (!parsed.success) throw new InvalidWriteError(name, parsed.error.issues);
  return parsed.data as EntityByCollection[N];
}

/** Fields only nested types or the collection key hold: never written as plain values. */
const NOT_PATCHABLE: ReadonlySet<string> = new Set(['id', 'votes', 'personaEmotions']);

/**
 * Fields about to be set on an existing entity (or on meta), each against its
 * own schema; `undefined` means "delete the field", allowed for optional
 * fields only. The rest of the entity is not judged: a bad field some other
 * program wrote must not stop anyone from editing the good ones.
 */
export function checkFields(target: CollectionName | 'meta', fields: Readonly<Record<string, unknown>>): void {
  const shape = (target === 'meta' ? MetaSchema.shape : ENTITY_SCHEMAS[target].shape) as Record<string, z.ZodType>;
  const issues: z.core.$ZodIssue[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const schema = Object.hasOwn(shape, key) && !(target !== 'meta' && NOT_PATCHABLE.has(key)) ? shape[key] : undefined;
    if (!schema) {
      // Deleting a key the format does not know (left by some other program) is tidying, not a bad write.
      if (value === undefined && !NOT_PATCHABLE.has(key)) continue;
      issues.push({ code: 'custom', path: [key], message: `"${key}" is not a field that can be set here`, input: value });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) issues.push(...parsed.error.issues.map((i) => ({ ...i, path: [key, ...i.path] })));
  }
  if (issues.length > 0) throw new InvalidWriteError(target, issues);
}

/**
 * Room for `adding` more entities in a collection. Every entry counts,
 * readable or not: a map filled with garbage is full, and the count costs
 * nothing however large the map is.
 */
export function checkRoom(doc: Y.Doc, name: CollectionName, adding = 1): void {
  if (doc.getMap(name).size + adding > MAP_LIMITS[name]) throw new MapLimitError(name, MAP_LIMITS[name]);
}
