/** A map's searchable copy (cardSearch.ts), read from its doc: on the server only, the dashboard never loads docs. */
import * as Y from 'yjs';
import { MAX_SEARCH_TEXT, type SearchCard } from './cardSearch';
import { collection, listEntities } from './doc';
import { compareOrdered } from './order';
import { RESERVED_KEYS } from './ids';

/** What ID_CHECKS allow (ids.ts), without a schema: run for every card. */
const isId = (id: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(id) && !RESERVED_KEYS.has(id);

/** A card's field as text: card text is a Y.Text since format v3, a string before. */
const textOf = (value: unknown): string => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '');

/**
 * The cards of a map as a search sees them, in journey order (stage, then
 * lane, then place in the cell), as the map shows them: a card whose stage or
 * lane is gone is not shown, so it is not found either. Empty texts are left
 * out: nothing can match them.
 *
 * The server runs this for a busy map every few seconds (server/ws/mapRow.ts),
 * so cards are read field by field, not parsed whole: stages and lanes are
 * few and parsed (listEntities repairs them as the map shows them).
 */
export function searchCardsOf(doc: Y.Doc): SearchCard[] {
  const stages = listEntities(doc, 'stages');
  const lanes = listEntities(doc, 'lanes');
  const stageAt = new Map(stages.map((s, i) => [s.id, i]));
  const laneAt = new Map(lanes.map((l, i) => [l.id, i]));
  const found: { card: SearchCard; stage: number; lane: number; order: string }[] = [];
  collection(doc, 'cards').forEach((entry, id) => {
    if (!(entry instanceof Y.Map) || !isId(id)) return;
    const stage = stageAt.get(entry.get('stageId') as string);
    const lane = laneAt.get(entry.get('laneId') as string);
    if (stage === undefined || lane === undefined) return;
    const text = textOf(entry.get('text')).slice(0, MAX_SEARCH_TEXT);
    if (text.trim() === '') return;
    const order = entry.get('order');
    const l = lanes[lane]!;
    found.push({
      card: { id, kind: l.kind, lane: l.name, stage: stages[stage]!.name, text },
      stage,
      lane,
      order: typeof order === 'string' ? order : '',
    });
  });
  found.sort(
    (a, b) => a.stage - b.stage || a.lane - b.lane || compareOrdered({ id: a.card.id, order: a.order }, { id: b.card.id, order: b.order }),
  );
  return found.map((f) => f.card);
}
