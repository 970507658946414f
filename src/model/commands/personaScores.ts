/**
 * Per-persona emotion scores (format v4, docs/FORMAT.md, "Per-persona
 * emotion"). A card's `emotion` is the score on the map's default line (the
 * followed persona's, or the map's own when it follows none); the other
 * personas' scores are entries of the card's `personaEmotions` Y.Map, which
 * every card has from its creation, so two people scoring two personas at
 * once both keep theirs. Every write is checked against the schema first
 * and a refused one writes nothing (InvalidWriteError).
 */
import * as Y from 'yjs';
import { change, collection, metaMap, parseEntry } from '../doc';
import { EMOTION_MAX, EMOTION_MIN } from '../schema';
import { checkFields } from '../writeChecks';
import { checkEntry, numberMapOf } from './cardNumberMaps';

const followedPersona = (doc: Y.Doc): string | undefined => {
  const id = metaMap(doc).get('personaId');
  return typeof id === 'string' ? id : undefined;
};

/** Rounded and clamped to the scale, as a dragged curve point is; -0 written as 0. */
const onScale = (score: number): number => Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, Math.round(score))) + 0;

/**
 * Sets (a number) or clears (undefined) the score `card` gives a persona:
 * `emotion` when `personaId` is the persona the map follows or `null` (the
 * default line), else the persona's entry in `personaEmotions`. False when
 * the card or the persona is gone; nothing is written then.
 */
export function setPersonaScore(doc: Y.Doc, cardId: string, personaId: string | null, score: number | undefined): boolean {
  const value = score === undefined ? undefined : onScale(score);
  return change(doc, () => {
    const entry = collection(doc, 'cards').get(cardId);
    if (!(entry instanceof Y.Map)) return false;
    if (personaId === null || personaId === followedPersona(doc)) {
      checkFields('cards', { emotion: value });
      if (value === undefined) entry.delete('emotion');
      else if (entry.get('emotion') !== value) entry.set('emotion', value);
      return true;
    }
    if (value !== undefined) checkEntry('personaEmotions', personaId, value);
    if (!collection(doc, 'personas').has(personaId)) return false;
    const scores = entry.get('personaEmotions');
    if (value === undefined) {
      if (scores instanceof Y.Map && scores.has(personaId)) scores.delete(personaId);
    } else if (!(scores instanceof Y.Map) || scores.get(personaId) !== value) {
      numberMapOf(entry, 'personaEmotions').set(personaId, value);
    }
    return true;
  });
}

/** The same persona's score on several cards (multi-select in the inspector), as one step; returns how many were written. */
export function setPersonaScores(doc: Y.Doc, cardIds: readonly string[], personaId: string | null, score: number | undefined): number {
  return change(doc, () => cardIds.filter((id) => setPersonaScore(doc, id, personaId, score)).length);
}

/** Writes `value` under `key` of a Y.Map, or deletes the key for undefined, touching nothing that is already so. */
function put<T>(map: Y.Map<T>, key: string, value: (T & number) | undefined): void {
  if (value === undefined) {
    if (map.has(key)) map.delete(key);
  } else if (map.get(key) !== value) map.set(key, value);
}

/**
 * The default line passes from persona `from` to persona `to` (either may be
 * undefined: the map's own curve), on every card, without a score changing
 * owner: `from`'s scores leave `emotion` for its own entries, `to`'s entries
 * become `emotion`. From the map's own curve to a persona, the persona's
 * scores win and, on cards where it has none, the map's score becomes its
 * (so the first persona of a map takes over the curve drawn before it
 * existed). Call inside a transaction, before meta.personaId changes.
 */
export function passDefaultLine(doc: Y.Doc, from: string | undefined, to: string | undefined): void {
  if (from === to) return;
  collection(doc, 'cards').forEach((entry, id) => {
    if (!(entry instanceof Y.Map)) return;
    const card = parseEntry('cards', id, entry);
    if (!card) return;
    const fromScore = card.emotion;
    const toScore = to === undefined ? undefined : card.personaEmotions?.[to];
    const emotion = to === undefined ? undefined : (toScore ?? (from === undefined ? fromScore : undefined));
    if (from !== undefined) put(numberMapOf(entry, 'personaEmotions'), from, fromScore);
    if (to !== undefined && entry.get('personaEmotions') instanceof Y.Map) put(numberMapOf(entry, 'personaEmotions'), to, undefined);
    put(entry, 'emotion', emotion);
  });
}

/**
 * A deleted persona's scores go with it: its entry on every card, and, when
 * the map follows it, every card's `emotion` (its scores on the default
 * line). Call inside the deleting transaction.
 */
export function dropPersonaScores(doc: Y.Doc, personaId: string): void {
  const followed = followedPersona(doc) === personaId;
  collection(doc, 'cards').forEach((entry) => {
    if (!(entry instanceof Y.Map)) return;
    const scores = entry.get('personaEmotions');
    if (scores instanceof Y.Map && scores.has(personaId)) scores.delete(personaId);
    if (followed && entry.has('emotion')) entry.delete('emotion');
  });
}
