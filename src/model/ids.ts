/**
 * What an id may be, as zod checks without a schema around them: the
 * format's IdSchema (zod, schema.ts) and the dashboard's API answers
 * (zod/mini, mapList.ts) take the same checks.
 */
import * as z from 'zod/mini';

/** Names that must never be keys of plain objects built from outside data. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Ids are nanoid (21 chars, URL alphabet); imported files may carry shorter ones. */
export const ID_CHECKS = [
  z.minLength(1),
  z.maxLength(64),
  z.regex(/^[A-Za-z0-9_-]+$/, 'id may only contain A-Z a-z 0-9 _ -'),
  // Ids become object keys in plain JSON (exports, records by id): these would be an object's own machinery.
  z.refine<string>((id) => !RESERVED_KEYS.has(id), 'this id is a reserved name'),
] as const;
