/**
 * Size limits of the format, read from the zod schemas so that inputs,
 * commands and readers use the schema's numbers and never repeat them as
 * literals: change a `.max()` in schema.ts and every text box follows.
 */
import type { z } from 'zod';
import { AvatarSchema, CardSchema, LaneSchema, MetaSchema, PersonaSchema, StageSchema } from './schema';

type Check = { _zod: { def: { check?: string; maximum?: number } } };

/** The schema under `.optional()` wrappers. */
function unwrapOptional(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s._zod.def.type === 'optional') s = (s as z.ZodOptional<z.ZodType>).unwrap();
  return s;
}

/**
 * The most characters a string schema, or the most items an array schema,
 * allows. Throws for a schema without a maximum: asking for one is a
 * programming error, found when this module loads.
 */
export function maxLength(schema: z.ZodType): number {
  const s = unwrapOptional(schema);
  const checks = (s._zod.def as { checks?: Check[] }).checks ?? [];
  const max = checks.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
  if (typeof max !== 'number') throw new Error(`schema of type ${s._zod.def.type} has no maximum length`);
  return max;
}

/** `n` rounded and clamped into what a whole-number schema allows (a budget typed as 7.6 or 400). */
export function clampToSchema(schema: z.ZodNumber, n: number): number {
  const rounded = schema.isInt ? Math.round(n) : n;
  // `+ 0` turns -0 into 0: -0 would sync as -0 and print as "-0".
  return Math.max(schema.minValue ?? -Infinity, Math.min(schema.maxValue ?? Infinity, rounded)) + 0;
}

/** Text limits (characters, as JavaScript counts them: UTF-16 code units) of the fields people type. */
export const TEXT_LIMITS = {
  mapTitle: maxLength(MetaSchema.shape.title),
  mapDescription: maxLength(MetaSchema.shape.description),
  personaName: maxLength(PersonaSchema.shape.name),
  personaRole: maxLength(PersonaSchema.shape.role),
  personaSegment: maxLength(PersonaSchema.shape.segment),
  personaQuote: maxLength(PersonaSchema.shape.quote),
  personaArchetype: maxLength(PersonaSchema.shape.archetype),
  /** one line of goals, needs or frustrations */
  personaListItem: maxLength(PersonaSchema.shape.goals.element),
  /** an avatar typed as text (an emoji); images are data URLs */
  avatarEmoji: maxLength(AvatarSchema.options[0]),
  stageName: maxLength(StageSchema.shape.name),
  stageDescription: maxLength(StageSchema.shape.description),
  laneName: maxLength(LaneSchema.shape.name),
  laneDepartment: maxLength(LaneSchema.shape.department),
  cardText: maxLength(CardSchema.shape.text),
  cardMetric: maxLength(CardSchema.shape.metric),
  cardUnit: maxLength(CardSchema.shape.unit),
} as const;

/** Item limits of list fields. */
export const LIST_LIMITS = {
  /** lines of a persona's goals (needs, frustrations alike) */
  personaListItems: maxLength(PersonaSchema.shape.goals),
} as const;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `text` cut to at most `max` UTF-16 code units (what zod's `.max()` counts),
 * never leaving half of a surrogate pair (an emoji) at the end.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return isHighSurrogate(cut.charCodeAt(cut.length - 1)) ? cut.slice(0, -1) : cut;
}
