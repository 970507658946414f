/**
 * Version compare (issue 16): what changed between two states of one map,
 * "before" (a saved version) and "after" (a later version, or the map now).
 * Pure: it reads two snapshots, the same shape the app reads from a Y.Doc
 * (MapSnapshot, live.ts) or a map file (sideOfDocument), and says which
 * cards, stages and lanes were added, removed or changed, which cards moved
 * to another cell, and the emotion curve of both. The server computes it
 * from stored versions (server/compare.ts), so it is the same for everyone.
 */
import { z } from 'zod';
import { emotionPoints } from '../journey';
import { compareOrdered, sortOrdered } from '../order';
import { CardSchema, IdSchema, LaneSchema, StageSchema, type Card, type Lane, type MapDocument, type Meta, type Stage } from '../schema';

/** One side of a compare: entities sorted by (order, id), as MapSnapshot has them. */
export interface CompareSide {
  meta: Meta | null;
  stages: readonly Stage[];
  lanes: readonly Lane[];
  cards: readonly Card[];
}

/** A map file's content as a compare side (its records sorted). */
export function sideOfDocument(map: MapDocument): CompareSide {
  return {
    meta: map.meta,
    stages: sortOrdered(Object.values(map.stages)),
    lanes: sortOrdered(Object.values(map.lanes)),
    cards: sortOrdered(Object.values(map.cards)),
  };
}

export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/** A field's value as compared and shown ("old → new"); null when unset. Votes are compared as their total. */
export const FieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type FieldValue = z.infer<typeof FieldValueSchema>;

export const FieldChangeSchema = z.object({ field: z.string(), before: FieldValueSchema, after: FieldValueSchema });
export type FieldChange = z.infer<typeof FieldChangeSchema>;

const entityChange = <T extends z.ZodType>(entity: T) =>
  z.object({
    id: IdSchema,
    change: ChangeKindSchema,
    /** as it was (removed, changed); null when added */
    before: entity.nullable(),
    /** as it is (added, changed); null when removed */
    after: entity.nullable(),
    /** the fields whose values differ (changed only; a card's cell is `moved`, a place in a list `reordered`) */
    fields: z.array(FieldChangeSchema),
    /** its place among the others that are on both sides changed (a stage moved left, a card up in its cell) */
    reordered: z.boolean(),
  });

export const StageChangeSchema = entityChange(StageSchema);
export type StageChange = z.infer<typeof StageChangeSchema>;
export const LaneChangeSchema = entityChange(LaneSchema);
export type LaneChange = z.infer<typeof LaneChangeSchema>;
export const CardChangeSchema = entityChange(CardSchema).extend({
  /** it is in another cell: its stage or its lane changed (before/after say which) */
  moved: z.boolean(),
});
export type CardChange = z.infer<typeof CardChangeSchema>;

/** A point of the emotion curve: a card with an emotion score, in journey order. */
export const CurvePointSchema = z.object({ cardId: IdSchema, stageId: IdSchema, emotion: z.number().int() });
export type CurvePoint = z.infer<typeof CurvePointSchema>;

const counts = z.object({
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
});

export const MapDiffSchema = z.object({
  /** the map's title, description and persona */
  meta: z.array(FieldChangeSchema),
  /** in the order of the merged map (after's order, removed ones where they were) */
  stages: z.array(StageChangeSchema),
  lanes: z.array(LaneChangeSchema),
  /** in journey order: stage, lane, place in the cell */
  cards: z.array(CardChangeSchema),
  /** both sides' emotion curves (emotionPoints, journey.ts) */
  curve: z.object({ before: z.array(CurvePointSchema), after: z.array(CurvePointSchema) }),
  counts: z.object({ stages: counts, lanes: counts, cards: counts.extend({ moved: z.number().int().nonnegative() }) }),
});
export type MapDiff = z.infer<typeof MapDiffSchema>;

/** Whether two diffs say nothing changed. */
export const isEmptyDiff = (diff: MapDiff): boolean =>
  diff.meta.length === 0 && diff.stages.length === 0 && diff.lanes.length === 0 && diff.cards.length === 0;

const STAGE_FIELDS = ['name', 'description', 'color', 'linkedMapId'] as const satisfies readonly (keyof Stage)[];
const LANE_FIELDS = ['name', 'kind', 'department'] as const satisfies readonly (keyof Lane)[];
const META_FIELDS = ['title', 'description', 'personaId'] as const satisfies readonly (keyof Meta)[];
/** A card's fields compared one by one; its place (stage, lane, order) is `moved`/`reordered`, `roundId` is bookkeeping. */
export const CARD_FIELDS = [
  'text',
  'emotion',
  'channel',
  'media',
  'importance',
  'momentOfTruth',
  'severity',
  'type',
  'impact',
  'effort',
  'metric',
  'value',
  'target',
  'unit',
  'direction',
  'tags',
  'votes',
  'personaId',
  'linkedMapId',
  'state',
  'realisedBy',
] as const satisfies readonly (keyof Card)[];

function valueOf(entity: object, field: string): FieldValue {
  const v = (entity as Record<string, unknown>)[field];
  if (v === undefined || v === null) return null;
  if (field === 'votes' && typeof v === 'object') {
    const total = Object.values(v as Record<string, number>).reduce((n, x) => n + x, 0);
    return total === 0 ? null : total;
  }
  if (Array.isArray(v)) return v.length === 0 ? null : v.map(String);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

const sameValue = (a: FieldValue, b: FieldValue): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

function fieldChanges(before: object, after: object, fields: readonly string[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    const b = valueOf(before, field);
    const a = valueOf(after, field);
    if (!sameValue(b, a)) out.push({ field, before: b, after: a });
  }
  return out;
}

/** The field of a persona's score in a card change: `personaEmotions.<persona id>` (describe.ts names the persona). */
export const PERSONA_SCORE_FIELD = 'personaEmotions.';
export const personaScoreField = (personaId: string): string => `${PERSONA_SCORE_FIELD}${personaId}`;

/** Each persona whose score on the card differs (set, changed or cleared), one change each, in persona id order. */
function personaScoreChanges(before: Card, after: Card): FieldChange[] {
  const b = before.personaEmotions ?? {};
  const a = after.personaEmotions ?? {};
  const ids = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return ids.filter((id) => b[id] !== a[id]).map((id) => ({ field: personaScoreField(id), before: b[id] ?? null, after: a[id] ?? null }));
}

/**
 * The ids of `after` (a reordering of `before`, same ids) that changed their
 * place: those outside a longest run kept in the same relative order. Moving
 * one stage to the front reports that stage only, not all it jumped over.
 */
export function reorderedIds(before: readonly string[], after: readonly string[]): Set<string> {
  const rank = new Map(before.map((id, i) => [id, i]));
  const seq = after.map((id) => rank.get(id)!);
  // Longest increasing subsequence (patience sorting), remembering predecessors.
  const tails: number[] = []; // index into seq of the smallest tail of each length
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) kept.add(i);
  return new Set(after.filter((_, i) => !kept.has(i)));
}

/**
 * Stages or lanes: every entity of either side in the merged order (after's
 * order, each removed one after the entity that preceded it before), with
 * what happened to it. Unchanged ones are left out.
 */
function diffList<T extends Stage | Lane>(before: readonly T[], after: readonly T[], fields: readonly string[]) {
  const beforeById = new Map(before.map((e) => [e.id, e]));
  const afterById = new Map(after.map((e) => [e.id, e]));
  const common = (list: readonly T[], other: Map<string, T>) => list.filter((e) => other.has(e.id)).map((e) => e.id);
  const reordered = reorderedIds(common(before, afterById), common(after, beforeById));
  const out: { id: string; change: ChangeKind; before: T | null; after: T | null; fields: FieldChange[]; reordered: boolean }[] = [];
  for (const e of mergedOrder(before, after)) {
    const b = beforeById.get(e.id) ?? null;
    const a = afterById.get(e.id) ?? null;
    if (!b) out.push({ id: e.id, change: 'added', before: null, after: a, fields: [], reordered: false });
    else if (!a) out.push({ id: e.id, change: 'removed', before: b, after: null, fields: [], reordered: false });
    else {
      const changed = fieldChanges(b, a, fields);
      const moved = reordered.has(e.id);
      if (changed.length > 0 || moved) out.push({ id: e.id, change: 'changed', before: b, after: a, fields: changed, reordered: moved });
    }
  }
  return out;
}

/**
 * After's entities in their order, with every entity only in `before` put
 * right after the one it followed in before (or first): where a compare
 * shows a removed stage, lane or card as a ghost.
 */
export function mergedOrder<T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] {
  const inAfter = new Set(after.map((e) => e.id));
  const following = new Map<string | null, T[]>(); // id in after (or null: the start) -> removed ones after it
  let anchor: string | null = null;
  for (const e of before) {
    if (inAfter.has(e.id)) anchor = e.id;
    else following.set(anchor, [...(following.get(anchor) ?? []), e]);
  }
  const out: T[] = [...(following.get(null) ?? [])];
  for (const e of after) out.push(e, ...(following.get(e.id) ?? []));
  return out;
}

const cellOf = (c: Card) => `${c.laneId}|${c.stageId}`;

function countOf(list: readonly { change: ChangeKind }[]) {
  const n = { added: 0, removed: 0, changed: 0 };
  for (const e of list) n[e.change]++;
  return n;
}

const curveOf = (side: CompareSide): CurvePoint[] =>
  emotionPoints(side.stages, side.lanes, side.cards).map((p) => ({ cardId: p.cardId, stageId: p.stageId, emotion: p.emotion }));

export function diffMaps(before: CompareSide, after: CompareSide): MapDiff {
  const stages = diffList(before.stages, after.stages, STAGE_FIELDS);
  const lanes = diffList(before.lanes, after.lanes, LANE_FIELDS);

  const beforeById = new Map(before.cards.map((c) => [c.id, c]));
  const afterById = new Map(after.cards.map((c) => [c.id, c]));

  // A card kept in its cell whose place among the cell's other kept cards changed.
  const keptByCell = (cards: readonly Card[], other: Map<string, Card>) => {
    const cells = new Map<string, string[]>();
    for (const c of cards) {
      const o = other.get(c.id);
      if (!o || cellOf(o) !== cellOf(c)) continue;
      const list = cells.get(cellOf(c));
      if (list) list.push(c.id);
      else cells.set(cellOf(c), [c.id]);
    }
    return cells;
  };
  const beforeCells = keptByCell(before.cards, afterById);
  const reordered = new Set<string>();
  for (const [cell, ids] of keptByCell(after.cards, beforeById)) {
    for (const id of reorderedIds(beforeCells.get(cell) ?? [], ids)) reordered.add(id);
  }

  const cards: CardChange[] = [];
  for (const a of after.cards) {
    const b = beforeById.get(a.id);
    if (!b) {
      cards.push({ id: a.id, change: 'added', before: null, after: a, fields: [], reordered: false, moved: false });
      continue;
    }
    const fields = [...fieldChanges(b, a, CARD_FIELDS), ...personaScoreChanges(b, a)];
    const moved = cellOf(a) !== cellOf(b);
    const isReordered = reordered.has(a.id);
    if (fields.length > 0 || moved || isReordered) {
      cards.push({ id: a.id, change: 'changed', before: b, after: a, fields, reordered: isReordered, moved });
    }
  }
  for (const b of before.cards) {
    if (!afterById.has(b.id))
      cards.push({ id: b.id, change: 'removed', before: b, after: null, fields: [], reordered: false, moved: false });
  }

  // Journey order over the merged stages and lanes: stage, then lane, then place in the cell.
  const stageIndex = new Map(mergedOrder(before.stages, after.stages).map((s, i) => [s.id, i]));
  const laneIndex = new Map(mergedOrder(before.lanes, after.lanes).map((l, i) => [l.id, i]));
  const placeOf = (c: CardChange) => (c.after ?? c.before)!;
  cards.sort((x, y) => {
    const a = placeOf(x);
    const b = placeOf(y);
    return (
      (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0) ||
      (laneIndex.get(a.laneId) ?? 0) - (laneIndex.get(b.laneId) ?? 0) ||
      compareOrdered(a, b)
    );
  });

  const meta = before.meta && after.meta ? fieldChanges(before.meta, after.meta, META_FIELDS) : [];
  return {
    meta,
    stages,
    lanes,
    cards,
    curve: { before: curveOf(before), after: curveOf(after) },
    counts: {
      stages: countOf(stages),
      lanes: countOf(lanes),
      cards: { ...countOf(cards), moved: cards.filter((c) => c.moved).length },
    },
  };
}
