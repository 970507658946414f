/**
 * Workshop rounds: a private brainstorm (everyone writes on their own, the
 * cards appear together on Reveal) or a secret vote (everyone votes on their
 * own, the ranking appears together when the vote ends). A round lives in
 * the map document's root Y.Map `rounds` (id -> Y.Map of these fields); what
 * people write or vote during it lives in their own private document
 * (PrivateCardSchema, PrivateVoteKey), never in the map's, until the server
 * reveals it (docs/FORMAT.md, "Workshop rounds").
 */
import { z } from 'zod';
import { ID_CHECKS } from '../ids';

// schema.ts builds on this file (a map's rounds in its JSON), so the id rule comes from ids.ts, as schema.ts's own does.
const IdSchema = z.string().check(...ID_CHECKS);

export const ROUND_KINDS = ['brainstorm', 'vote'] as const;
export const ROUND_STATES = ['running', 'revealed'] as const;

/** Bounds of rounds and of what one person may hold in a round, so one map or one private doc stays small. */
export const ROUND_LIMITS = {
  /** rounds one map keeps (past ones included) */
  rounds: 200,
  /** lanes one round may name */
  lanes: 50,
  /** private cards one person may write in one round (more are left out of the reveal) */
  cardsPerPerson: 200,
  /** entries a private document may hold (cards and votes of every round) */
  privateEntries: 2000,
  /** votes one person may cast in one vote round */
  budget: 50,
  /** how many of the ranked cards are highlighted */
  topN: 20,
  /** the longest time box, in minutes */
  minutes: 120,
} as const;

/** One ranked card of a vote round's results. */
export const RoundResultSchema = z.object({
  cardId: IdSchema,
  votes: z.number().int().min(1),
  /** 1 for the most voted; cards with as many votes share a rank (1, 1, 3) */
  rank: z.number().int().min(1),
});
export type RoundResult = z.infer<typeof RoundResultSchema>;

export const RoundSchema = z.object({
  id: IdSchema,
  kind: z.enum(ROUND_KINDS),
  state: z.enum(ROUND_STATES),
  /** the lanes the round is about; empty: the whole map */
  laneIds: z.array(IdSchema).max(ROUND_LIMITS.lanes),
  /** the name of the person who started it, as shown in presence */
  createdBy: z.string().max(60),
  startedAt: z.number().int().nonnegative(),
  /** the end of its time box, if it has one (the round is revealed then) */
  endsAt: z.number().int().nonnegative().optional(),
  /** vote rounds: votes each person may cast */
  budget: z.number().int().min(1).max(ROUND_LIMITS.budget).optional(),
  /** vote rounds: how many of the ranked cards are highlighted (ties at the edge included) */
  topN: z.number().int().min(1).max(ROUND_LIMITS.topN).optional(),
  revealedAt: z.number().int().nonnegative().optional(),
  /** brainstorm rounds: cards revealed; vote rounds: people who voted */
  participants: z.number().int().nonnegative().optional(),
  /** vote rounds once ended: every card that got votes, most first */
  results: z.array(RoundResultSchema).max(10_000).optional(),
});
export type Round = z.infer<typeof RoundSchema>;

/**
 * A card someone wrote during a brainstorm round, in their private document
 * (root Y.Map `cards`: id -> this object, written whole: only its author
 * writes it). On reveal it becomes a map card with the same id.
 */
export const PrivateCardSchema = z.object({
  id: IdSchema,
  roundId: IdSchema,
  laneId: IdSchema,
  stageId: IdSchema,
  text: z.string().max(5000),
  createdAt: z.number().int().nonnegative(),
});
export type PrivateCard = z.infer<typeof PrivateCardSchema>;

/** The root Y.Map names of a private document. */
export const PRIVATE_CARDS = 'cards';
/** `<roundId>/<cardId>` -> votes this person put on that card in that round */
export const PRIVATE_VOTES = 'votes';

export const privateVoteKey = (roundId: string, cardId: string): string => `${roundId}/${cardId}`;

export function parsePrivateVoteKey(key: string): { roundId: string; cardId: string } | null {
  const [roundId, cardId, ...rest] = key.split('/');
  if (rest.length > 0 || !IdSchema.safeParse(roundId).success || !IdSchema.safeParse(cardId).success) return null;
  return { roundId: roundId!, cardId: cardId! };
}

/** A map's rounds as the JSON export keeps them (revealed ones: a running round's work is in private documents no file carries). */
export const MapRoundsSchema = z
  .record(IdSchema, RoundSchema)
  .refine((rounds) => Object.keys(rounds).length <= ROUND_LIMITS.rounds, `at most ${ROUND_LIMITS.rounds} rounds`);
