import * as Y from 'yjs';
import { change, collection, createEntity, deleteEntity, listEntities, metaMap, newId, updateEntity, updateMeta } from '../doc';
import { placeAt } from '../order';
import { DEFAULT_AVATAR } from '../readDefaults';
import type { Persona } from '../schema';
import { checkRoom } from '../writeChecks';
import { dropPersonaScores, passDefaultLine } from './personaScores';

export type PersonaFields = Omit<Persona, 'id' | 'order'>;

export const EMPTY_PERSONA: PersonaFields = {
  name: '',
  role: '',
  segment: '',
  quote: '',
  goals: [],
  needs: [],
  frustrations: [],
  archetype: '',
  avatar: DEFAULT_AVATAR,
};

/**
 * Adds a persona (last in the list); the first persona of a map is also the
 * one it follows. Refused (MapLimitError, InvalidWriteError) before anything
 * is written.
 */
export function addPersona(doc: Y.Doc, fields: Partial<PersonaFields> = {}): string {
  return change(doc, () => {
    checkRoom(doc, 'personas');
    const personas = listEntities(doc, 'personas');
    const id = newId();
    const { order, rekeyed } = placeAt(personas, personas.length);
    // Created before the others are re-keyed: creating checks the persona, and a refused one must leave the order as it was.
    createEntity(doc, 'personas', { ...EMPTY_PERSONA, ...fields, id, order });
    for (const [pid, key] of rekeyed) updateEntity(doc, 'personas', pid, { order: key });
    if (metaMap(doc).get('personaId') === undefined) {
      // A new persona has no scores: the curve drawn so far becomes its curve.
      passDefaultLine(doc, undefined, id);
      updateMeta(doc, { personaId: id });
    }
    return id;
  });
}

export function updatePersona(doc: Y.Doc, id: string, patch: Partial<PersonaFields>): boolean {
  return change(doc, () => updateEntity(doc, 'personas', id, patch));
}

/**
 * Deletes a persona and, in the same step, every reference to it: cards tied
 * to it become untied, its emotion scores go (its `personaEmotions` entries,
 * and every card's `emotion` when the map follows it: that line was its) and
 * the map stops following it. A card tied to it (or scoring it) concurrently
 * by someone else keeps a dangling id; readers treat that as "no persona"
 * (docToMapDocument drops it), so nothing breaks.
 */
export function deletePersona(doc: Y.Doc, id: string): boolean {
  return change(doc, () => {
    if (!collection(doc, 'personas').has(id)) return false;
    collection(doc, 'cards').forEach((card) => {
      if (card instanceof Y.Map && card.get('personaId') === id) card.delete('personaId');
    });
    dropPersonaScores(doc, id);
    if (metaMap(doc).get('personaId') === id) updateMeta(doc, { personaId: undefined });
    return deleteEntity(doc, 'personas', id);
  });
}

/**
 * The persona the map follows (shown at its head, its curve the default
 * line); null to follow none. Every card's scores move with it in the same
 * step, so no score changes persona (passDefaultLine).
 */
export function followPersona(doc: Y.Doc, id: string | null): void {
  change(doc, () => {
    if (id !== null && !collection(doc, 'personas').has(id)) return;
    const current = metaMap(doc).get('personaId');
    const from = typeof current === 'string' && collection(doc, 'personas').has(current) ? current : undefined;
    if (current === (id ?? undefined)) return;
    passDefaultLine(doc, from, id ?? undefined);
    updateMeta(doc, { personaId: id ?? undefined });
  });
}
