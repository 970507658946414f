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

/**
 * A card's persona scores as readers show them: only for personas that exist
 * (one deleted while someone scored it) and not for the followed persona,
 * whose score is `emotion` (an entry written while someone else changed the
 * followed persona). The field is left out when no score remains. Every
 * MapDocument (exports, versions, a compare's view) holds cards so cleaned.
 */
export function withScoredPersonas(card: Card, personas: Readonly<Record<string, unknown>>, followed: string | undefined): Card {
  if (!card.personaEmotions) return card;
  const kept = Object.entries(card.personaEmotions).filter(([id]) => Object.hasOwn(personas, id) && id !== followed);
  if (kept.length > 0 && kept.length === Object.keys(card.personaEmotions).length) return card;
  const { personaEmotions: _all, ...rest } = card;
  return kept.length > 0 ? { ...rest, personaEmotions: Object.fromEntries(kept) } : rest;
}
