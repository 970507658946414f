/**
 * A card's nested maps of numbers, one entry per person or persona: `votes`
 * (dot votes per participant) and `personaEmotions` (a score per persona).
 * Nested maps, so two people writing two entries at once both keep theirs.
 */
import * as Y from 'yjs';
import type { EntityMap } from '../doc';
import { CardSchema } from '../schema';
import { InvalidWriteError } from '../writeChecks';

export type CardNumberMap = 'votes' | 'personaEmotions';

const ENTRY_SCHEMAS = {
  votes: CardSchema.shape.votes.unwrap(),
  personaEmotions: CardSchema.shape.personaEmotions.unwrap(),
};

/** One entry as it is about to be written (the key must be an id, the number one the format allows); checked before any write. */
export function checkEntry(field: CardNumberMap, key: string, value: number): void {
  const parsed = ENTRY_SCHEMAS[field].safeParse({ [key]: value });
  if (parsed.success) return;
  throw new InvalidWriteError(
    'cards',
    parsed.error.issues.map((i) => ({ ...i, path: [field, ...i.path] })),
  );
}

/**
 * The card's map, created only for a card some other program wrote without
 * one (ours create it with the card, and the server migrates old maps).
 */
export function numberMapOf(card: EntityMap, field: CardNumberMap): Y.Map<number> {
  const existing = card.get(field);
  if (existing instanceof Y.Map) return existing as Y.Map<number>;
  const created = new Y.Map<number>();
  card.set(field, created);
  return created;
}
