/**
 * The comments document of a map (room `<mapId>/comments`), as zod schemas.
 * It is a separate Y.Doc so a commenter's writes can be told apart from map
 * edits by the room alone. docs/FORMAT.md ("Comments") documents the shapes.
 */
import { z } from 'zod';
import { ColorSchema, IdSchema, MAP_LIMITS } from '../schema';

export const MAX_COMMENT_LENGTH = 5000;
export const MAX_MENTIONS = 20;
/** Same bound as a presence name: authors and mentions are people on the map. */
export const MAX_NAME_LENGTH = 60;

/**
 * Most threads and comments a map file may carry: as many threads as a full
 * map has cards, five comments a thread on average. Far past any real
 * workshop, and a bound on what one import makes the server build. An import
 * past them is refused; docs/FORMAT.md lists them (10000 and 50000).
 */
export const COMMENTS_LIMITS = { threads: MAP_LIMITS.cards, comments: 5 * MAP_LIMITS.cards } as const;

/** A thread is about the whole map, or about one card. */
export const MAP_TARGET = 'map';
const CARD_PREFIX = 'card:';
export const ThreadTargetSchema = z.union([z.literal(MAP_TARGET), z.string().regex(/^card:[A-Za-z0-9_-]{1,64}$/)]);
export type ThreadTarget = z.infer<typeof ThreadTargetSchema>;

export const cardTarget = (cardId: string): ThreadTarget => `${CARD_PREFIX}${cardId}`;
/** The card a target is about; null for the whole map. */
export const cardIdOf = (target: ThreadTarget): string | null => (target.startsWith(CARD_PREFIX) ? target.slice(CARD_PREFIX.length) : null);

const timestamp = z.number().int().nonnegative();

export const ThreadSchema = z.object({
  id: IdSchema,
  target: ThreadTargetSchema,
  createdAt: timestamp,
  /** participant id of who started it */
  createdBy: IdSchema,
  resolved: z.boolean(),
  resolvedBy: IdSchema.optional(),
  resolvedAt: timestamp.optional(),
});
export type Thread = z.infer<typeof ThreadSchema>;

export const MentionSchema = z.object({ id: IdSchema, name: z.string().min(1).max(MAX_NAME_LENGTH) });
export type Mention = z.infer<typeof MentionSchema>;

export const CommentSchema = z.object({
  id: IdSchema,
  threadId: IdSchema,
  authorId: IdSchema,
  // Name and colour are copied in: the author may never be on the map again.
  authorName: z.string().max(MAX_NAME_LENGTH),
  authorColor: ColorSchema,
  text: z.string().min(1).max(MAX_COMMENT_LENGTH),
  createdAt: timestamp,
  editedAt: timestamp.optional(),
  mentions: z.array(MentionSchema).max(MAX_MENTIONS),
});
export type Comment = z.infer<typeof CommentSchema>;

/** Who writes a comment: this participant as presence knows them. */
export const CommentAuthorSchema = z.object({ id: IdSchema, name: z.string().max(MAX_NAME_LENGTH), color: ColorSchema });
export type CommentAuthor = z.infer<typeof CommentAuthorSchema>;
