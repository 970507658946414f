/**
 * Reading a card's emotion score for a persona (format v4, docs/FORMAT.md,
 * "Per-persona emotion"). The map's default line is the card's `emotion`:
 * the score of the persona the map follows, or the map's own curve when it
 * follows none; every other persona's score is its entry in
 * `personaEmotions`. Pure functions of read cards, for the inspector, the
 * curve and the exports alike.
 */
import type { Card } from './schema';

/**
 * The score `card` gives `personaId` on a map following `followedId`:
 * `emotion` for the followed persona (and for `null`, the default line),
 * else the persona's own entry. Undefined when it has none.
 */
export function personaScore(card: Card, personaId: string | null, followedId: string | undefined): number | undefined {
  if (personaId === null || personaId === followedId) return card.emotion;
  return card.personaEmotions?.[personaId];
}

/** Whether a card scores any persona other than the default line's (it has at least one `personaEmotions` entry). */
export const scoresOtherPersonas = (card: Card): boolean => Object.keys(card.personaEmotions ?? {}).length > 0;
