/**
 * Readers repair rather than hide. Any y-websocket client may write anything
 * into a map, so a reader that dropped every entity with one bad field would
 * let one over-long stage name hide the stage and all its cards from
 * everyone. Instead the entity is kept and only the bad fields are mended, by
 * rules read from the zod schema itself (not from a list per field):
 *
 * - a string too long is cut to the limit (never inside a surrogate pair);
 *   a string with a pattern (an id, a colour) is not cut, as a cut one is a
 *   different value;
 * - a number out of range is clamped, and rounded where the schema wants an
 *   integer;
 * - an array too long is truncated and its invalid items dropped; a record
 *   (votes) loses its invalid entries;
 * - a field that cannot be mended is dropped when optional, and replaced by a
 *   default when required: the caller's `defaults`, else the type's empty
 *   value ('' / 0 clamped into range / false / [] / {} / the first option);
 * - a required field with a pattern and no default (a card's `laneId`) is
 *   the entity's identity: the entity cannot be read (null).
 *
 * The full schema is tried first, so valid data (nearly all of it) costs one
 * safeParse, as before; repair runs only on failure.
 */
import type { z } from 'zod';
import { fitText } from './limits';

export interface Repaired<T> {
  value: T;
  /** the top-level fields that were mended, in the schema's order; empty when the input was valid */
  repaired: readonly string[];
}

const NOTHING_REPAIRED: readonly string[] = Object.freeze([]);

type Fix = { ok: true; value: unknown } | { ok: false };
const FAIL: Fix = { ok: false };
const ok = (value: unknown): Fix => ({ ok: true, value });

/** The parts of a schema's definition the repair reads (zod 4's `_zod.def`). */
interface Def {
  type: string;
  checks?: { _zod: { def: { check?: string; maximum?: number } } }[];
  values?: unknown[];
}
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** The value as the schema accepts it, or FAIL: the repair's last word is always the schema's. */
const verified = (schema: z.ZodType, value: unknown): Fix => {
  const parsed = schema.safeParse(value);
  return parsed.success ? ok(parsed.data) : FAIL;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function arrayMax(schema: z.ZodType): number {
  const check = defOf(schema).checks?.find((c) => c._zod.def.check === 'max_length');
  return check?._zod.def.maximum ?? Infinity;
}

/** One value mended to fit `schema`, or FAIL when it cannot be. */
export function repairValue(schema: z.ZodType, value: unknown): Fix {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      return value === undefined ? ok(undefined) : repairValue((schema as z.ZodOptional<z.ZodType>).unwrap(), value);
    case 'string': {
      if (typeof value !== 'string') return FAIL;
      const s = schema as z.ZodString;
      if (s.format !== null) return verified(schema, value);
      return verified(schema, s.maxLength === null ? value : fitText(value, s.maxLength));
    }
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value)) return FAIL;
      const n = schema as z.ZodNumber;
      let v = n.isInt ? Math.round(value) : value;
      if (n.minValue !== null) v = Math.max(n.minValue, v);
      if (n.maxValue !== null) v = Math.min(n.maxValue, v);
      // `+ 0`: -0 would be written back as "-0" by some consumers.
      return verified(schema, v + 0);
    }
    case 'array': {
      if (!Array.isArray(value)) return FAIL;
      const element = (schema as z.ZodArray<z.ZodType>).element;
      const items: unknown[] = [];
      for (const item of value) {
        const fixed = repairValue(element, item);
        if (fixed.ok) items.push(fixed.value);
      }
      return verified(schema, items.slice(0, arrayMax(schema)));
    }
    case 'record': {
      if (!isPlainObject(value)) return FAIL;
      const { keyType, valueType } = schema as z.ZodRecord<z.core.$ZodRecordKey, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (!(keyType as z.ZodType).safeParse(key).success) continue;
        const fixed = repairValue(valueType, item);
        if (fixed.ok) out[key] = fixed.value;
      }
      return verified(schema, out);
    }
    default:
      // enums, literals, booleans, unions (an avatar): valid as they are or not at all.
      return verified(schema, value);
  }
}

/** What a required field shows when its value cannot be mended; FAIL for an identity (a pattern, no default). */
function emptyValue(schema: z.ZodType): Fix {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return verified(schema, '');
    case 'number':
      return repairValue(schema, 0);
    case 'boolean':
      return ok(false);
    case 'array':
      return ok([]);
    case 'record':
      return ok({});
    case 'enum':
      return ok((schema as z.ZodEnum).options[0]);
    case 'literal':
      return ok(def.values?.[0]);
    default:
      return FAIL;
  }
}

/**
 * `input` read as `schema`: the parsed value when valid, else the value with
 * its bad fields mended (see the module comment), else null when a field
 * that makes the entity what it is cannot be read.
 */
export function readRepaired<T>(
  schema: z.ZodObject,
  input: Record<string, unknown>,
  defaults: Readonly<Record<string, unknown>> = {},
): Repaired<T> | null {
  const first = schema.safeParse(input);
  if (first.success) return { value: first.data as T, repaired: NOTHING_REPAIRED };
  const bad = new Set<string>();
  for (const issue of first.error.issues) {
    const field = issue.path[0];
    if (typeof field !== 'string') return null; // the input as a whole is wrong: nothing to mend
    bad.add(field);
  }
  const shape = schema.shape as Record<string, z.ZodType>;
  const mended: Record<string, unknown> = { ...input };
  const repaired: string[] = [];
  for (const [field, fieldSchema] of Object.entries(shape)) {
    if (!bad.has(field)) continue;
    repaired.push(field);
    let fixed = repairValue(fieldSchema, input[field]);
    if (!fixed.ok && Object.hasOwn(defaults, field)) fixed = verified(fieldSchema, defaults[field]);
    if (!fixed.ok) fixed = fieldSchema.safeParse(undefined).success ? ok(undefined) : emptyValue(fieldSchema);
    if (!fixed.ok) return null;
    if (fixed.value === undefined) delete mended[field];
    else mended[field] = fixed.value;
  }
  const second = schema.safeParse(mended);
  return second.success ? { value: second.data as T, repaired } : null;
}
