/**
 * The open format, schema version 4: every entity Journeyboard stores, as zod
 * schemas. Types are inferred from these so the wire, imports, the API and the
 * UI agree on one definition. docs/FORMAT.md documents the same shapes.
 */
import { z } from 'zod';
import { LANE_KINDS, LOCALES, MAP_SORTS, TEMPLATE_IDS } from './choices';
import { ID_CHECKS } from './ids';
import { MapRoundsSchema } from './rounds/schema';
import { FRESHNESS, REVIEW_DAYS_RANGE } from './review';

export const SCHEMA_VERSION = 4;
/** Versions migrate.ts can read and bring up to SCHEMA_VERSION. */
export const READABLE_SCHEMA_VERSIONS = [1, 2, 3, 4] as const;

/** Ids are nanoid (21 chars, URL alphabet); imported files may carry shorter ones (ids.ts). */
export const IdSchema = z.string().check(...ID_CHECKS);

/** Fractional ordering key (see order.ts); compared as plain strings. */
export const OrderSchema = z.string().min(1).max(256);

const text = (max: number) => z.string().max(max);

export { LANE_KINDS };
export const LaneKindSchema = z.enum(LANE_KINDS);
export type LaneKind = z.infer<typeof LaneKindSchema>;

export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');

export const MetaSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  title: text(200),
  description: text(5000),
  locale: LocaleSchema,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  /** The persona this map follows (shown at the head of the map). v2. */
  personaId: IdSchema.optional(),
  /** Dot-voting budget: votes each participant may cast on this map. v2. */
  votesPerParticipant: z.number().int().min(0).max(100),
  /**
   * Owners and freshness (src/model/review.ts), added while the version was
   * 3 and part of v4's description (docs/FORMAT.md): who
   * owns the map (a name), how often it should be reviewed (days; none: never
   * stale), and when it was last marked as reviewed (ms since the epoch).
   */
  owner: text(100).optional(),
  reviewEveryDays: z.number().int().min(REVIEW_DAYS_RANGE.min).max(REVIEW_DAYS_RANGE.max).optional(),
  lastReviewedAt: z.number().int().nonnegative().optional(),
});
export type Meta = z.infer<typeof MetaSchema>;

/** Avatar: an emoji or a small data URL image (capped so maps stay small). */
export const AvatarSchema = z.union([
  z.string().max(16),
  z
    .string()
    .max(200_000)
    .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, 'avatar must be an emoji or an image data URL'),
]);

const entityBase = { id: IdSchema, order: OrderSchema };
const shortList = z.array(text(500)).max(50);

export const PersonaSchema = z.object({
  ...entityBase,
  name: text(200),
  role: text(200),
  /** Age or segment, free text ("34", "Gen Z", "SMB IT buyer"). v2. */
  segment: text(200),
  quote: text(1000),
  goals: shortList,
  needs: shortList,
  frustrations: shortList,
  archetype: text(100),
  avatar: AvatarSchema,
});
export type Persona = z.infer<typeof PersonaSchema>;

export const StageSchema = z.object({
  ...entityBase,
  name: text(200),
  description: text(2000),
  color: ColorSchema,
  /** Linked journeys (v4): the map this stage opens as its sub-journey; it may be gone or on another server. */
  linkedMapId: IdSchema.optional(),
});
export type Stage = z.infer<typeof StageSchema>;

export const LaneSchema = z.object({
  ...entityBase,
  kind: LaneKindSchema,
  name: text(200),
  department: text(100),
});
export type Lane = z.infer<typeof LaneSchema>;

export const CHANNELS = ['digital', 'physical', 'human'] as const;
export const MEDIA = ['owned', 'earned', 'paid'] as const;
export const OPPORTUNITY_TYPES = ['quickWin', 'strategic', 'innovation'] as const;
export const TAGS = ['rose', 'bud', 'thorn'] as const;
export type Tag = (typeof TAGS)[number];
export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
/** Archetypes offered in the persona panel; the field stays free text. */
export const ARCHETYPES = ['explorer', 'sage', 'lover', 'caregiver', 'ruler', 'creator', 'hero', 'everyman'] as const;
/** Departments offered for backstage lanes; the field stays free text. */
export const DEPARTMENTS = ['marketing', 'sales', 'service', 'logistics', 'it', 'product', 'finance'] as const;
export const EMOTION_MIN = -5;
export const EMOTION_MAX = 5;
export const DEFAULT_VOTES_PER_PARTICIPANT = 5;
/** A card's state (cardState.ts): absent means the card is in both, today and in the planned future. */
export const CARD_STATES = ['current', 'future'] as const;
export type CardState = (typeof CARD_STATES)[number];
/** Most future cards one opportunity may name as realising it. */
export const MAX_REALISED_BY = 50;

const score = (min: number, max: number) => z.number().int().min(min).max(max);

export const CardSchema = z.object({
  ...entityBase,
  laneId: IdSchema,
  stageId: IdSchema,
  text: text(5000),
  personaId: IdSchema.optional(),
  // touchpoints
  channel: z.enum(CHANNELS).optional(),
  media: z.enum(MEDIA).optional(),
  /**
   * The score on the map's default line: the persona the map follows
   * (meta.personaId), or the map's one curve when it follows none.
   */
  emotion: score(EMOTION_MIN, EMOTION_MAX).optional(),
  /**
   * v4: the scores of the OTHER personas, persona id -> score. A nested
   * Y.Map created with the card (as `votes`), so two people scoring two
   * personas at once both keep their score. The followed persona's score is
   * `emotion`, never an entry here (docs/FORMAT.md, "Per-persona emotion").
   */
  personaEmotions: z.record(IdSchema, score(EMOTION_MIN, EMOTION_MAX)).optional(),
  importance: score(1, 5).optional(),
  momentOfTruth: z.boolean().optional(),
  // pain points (v2)
  severity: score(1, 5).optional(),
  // opportunities
  type: z.enum(OPPORTUNITY_TYPES).optional(),
  impact: score(1, 5).optional(),
  effort: score(1, 5).optional(),
  /** the future cards that realise this opportunity (ids; ones of deleted cards are ignored on read) */
  realisedBy: z.array(IdSchema).max(MAX_REALISED_BY).optional(),
  // kpis
  metric: text(200).optional(),
  value: z.number().finite().optional(),
  target: z.number().finite().optional(),
  unit: text(40).optional(),
  /** Whether a higher value is better (NPS) or a lower one (cart abandonment). v2. */
  direction: z.enum(KPI_DIRECTIONS).optional(),
  // workshop
  tags: z.array(z.enum(TAGS)).max(3).optional(),
  /** participant id -> votes that participant put on this card. */
  votes: z.record(IdSchema, z.number().int().min(0).max(100)).optional(),
  /** The workshop round whose reveal put this card on the map (rounds/schema.ts). */
  roundId: IdSchema.optional(),
  /** Linked journeys (v4): the map this card opens as its sub-journey; it may be gone or on another server. */
  linkedMapId: IdSchema.optional(),
  /** Only today (`current`) or only in the planned future (`future`); absent: both (docs/FORMAT.md, "Current and future state"). */
  state: z.enum(CARD_STATES).optional(),
});
export type Card = z.infer<typeof CardSchema>;

/** The names of the root collections, each a Y.Map<id, Y.Map<field>>. */
export const COLLECTIONS = ['personas', 'stages', 'lanes', 'cards'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/**
 * Most entities of each kind one map may hold. Far above any real journey
 * (the largest template has 63 cards), low enough that one map cannot take
 * the server's memory or time: an import past them is refused, a command
 * past them is refused and writes nothing (MapLimitError, writeChecks.ts),
 * and the server refuses an update that would go past them. docs/FORMAT.md
 * lists them.
 */
export const MAP_LIMITS = { personas: 50, stages: 100, lanes: 50, cards: 10_000 } as const satisfies Record<CollectionName, number>;

export interface EntityByCollection {
  personas: Persona;
  stages: Stage;
  lanes: Lane;
  cards: Card;
}

export const ENTITY_SCHEMAS = {
  personas: PersonaSchema,
  stages: StageSchema,
  lanes: LaneSchema,
  cards: CardSchema,
} as const;

/** A record keyed by id whose entries must carry that same id. */
function keyedById<T extends z.ZodType<{ id: string }>>(entity: T) {
  return z.record(IdSchema, entity).superRefine((record, ctx) => {
    for (const [key, value] of Object.entries(record)) {
      if (value.id !== key) {
        ctx.addIssue({ code: 'custom', path: [key, 'id'], message: `id "${value.id}" does not match its key "${key}"` });
      }
    }
  });
}

/** A whole map as plain JSON: the export/import shape of the open format. */
export const MapDocumentSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    meta: MetaSchema,
    personas: keyedById(PersonaSchema),
    stages: keyedById(StageSchema),
    lanes: keyedById(LaneSchema),
    cards: keyedById(CardSchema),
    /** Workshop rounds and their results (optional; docs/FORMAT.md, "Workshop rounds"). */
    rounds: MapRoundsSchema.optional(),
  })
  .superRefine((map, ctx) => {
    // Dangling references would make cards invisible or crash consumers.
    for (const [id, card] of Object.entries(map.cards)) {
      if (!Object.hasOwn(map.lanes, card.laneId))
        ctx.addIssue({ code: 'custom', path: ['cards', id, 'laneId'], message: `unknown lane "${card.laneId}"` });
      if (!Object.hasOwn(map.stages, card.stageId))
        ctx.addIssue({ code: 'custom', path: ['cards', id, 'stageId'], message: `unknown stage "${card.stageId}"` });
      if (card.personaId !== undefined && !Object.hasOwn(map.personas, card.personaId)) {
        ctx.addIssue({ code: 'custom', path: ['cards', id, 'personaId'], message: `unknown persona "${card.personaId}"` });
      }
      for (const personaId of Object.keys(card.personaEmotions ?? {})) {
        const path = ['cards', id, 'personaEmotions', personaId];
        if (!Object.hasOwn(map.personas, personaId)) ctx.addIssue({ code: 'custom', path, message: `unknown persona "${personaId}"` });
        else if (personaId === map.meta.personaId) {
          ctx.addIssue({ code: 'custom', path, message: "the followed persona's score is the card's emotion" });
        }
      }
    }
    if (map.meta.personaId !== undefined && !Object.hasOwn(map.personas, map.meta.personaId)) {
      ctx.addIssue({ code: 'custom', path: ['meta', 'personaId'], message: `unknown persona "${map.meta.personaId}"` });
    }
  });
export type MapDocument = z.infer<typeof MapDocumentSchema>;

export const MapSortSchema = z.enum(MAP_SORTS);
export type MapSort = z.infer<typeof MapSortSchema>;

/** Most maps one `GET /api/maps` answers with, and how many when not asked. */
export const MAP_PAGE_LIMITS = { default: 50, max: 200 } as const;

/**
 * `GET /api/maps` query parameters. `q` is at most a title long (it is
 * searched for in titles); `cursor` is the opaque `nextCursor` of the
 * previous page, base64url.
 */
export const MapListQuerySchema = z.object({
  q: z
    .string()
    .max(MetaSchema.shape.title.maxLength ?? 200)
    .default(''),
  sort: MapSortSchema.default('edited'),
  /** the collation of `sort=title` (pinyin for zh-CN) */
  locale: LocaleSchema.default('en'),
  limit: z.coerce.number().int().min(1).max(MAP_PAGE_LIMITS.max).default(MAP_PAGE_LIMITS.default),
  cursor: z
    .string()
    .max(4096)
    .regex(/^[A-Za-z0-9_-]+$/, 'cursor must be a nextCursor of this API')
    .optional(),
  /** only maps of this owner (trimmed, any case); '' for every map */
  owner: z
    .string()
    .max(MetaSchema.shape.owner.unwrap().maxLength ?? 100)
    .default(''),
  /** only maps that are overdue for review, on schedule, or without a cadence (src/model/review.ts) */
  freshness: z.enum(FRESHNESS).optional(),
});
export type MapListQuery = z.infer<typeof MapListQuerySchema>;

export const TemplateIdSchema = z.enum(TEMPLATE_IDS);
export type TemplateId = z.infer<typeof TemplateIdSchema>;

export const CreateMapRequestSchema = z.object({
  title: text(200).optional(),
  locale: LocaleSchema.optional(),
  template: TemplateIdSchema.optional(),
});
export type CreateMapRequest = z.infer<typeof CreateMapRequestSchema>;

export const UpdateMapRequestSchema = z.object({
  title: text(200).trim().min(1),
});

/** Longest time box a facilitator may set (four hours: a long workshop session). */
export const TIMER_MAX_MS = 240 * 60_000;
export const TIMER_STATES = ['running', 'paused', 'stopped'] as const;

/**
 * The workshop timer: root Y.Map `timer` of the map doc (fields, no entries),
 * an optional addition to the format. Times are the server's clock (ms since
 * the epoch), so every browser counts down to the same instant. `endsAt` is
 * set while running, `remainingMs` while paused; `durationMs` is the time box
 * as set (plus any minutes added), `startedBy` the name of who started it.
 */
export const TimerSchema = z.object({
  state: z.enum(TIMER_STATES),
  endsAt: z.number().int().nonnegative().optional(),
  remainingMs: z.number().int().min(0).max(TIMER_MAX_MS).optional(),
  durationMs: z.number().int().min(1000).max(TIMER_MAX_MS),
  startedBy: text(60),
});
export type Timer = z.infer<typeof TimerSchema>;
