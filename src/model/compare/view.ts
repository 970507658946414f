/**
 * The map a compare shows: the "after" side with what was removed put back
 * where it was (removed stages and lanes in their old place among the
 * others, removed cards in their old cells at their old place), so the
 * canvas can draw them as ghosts. Orders are re-keyed to that merged order;
 * the view is read-only and never stored.
 */
import { keysAfter } from '../order';
import { withScoredPersonas } from '../personaScores';
import type { Card, MapDocument } from '../schema';
import { mergedOrder, sideOfDocument } from './diff';

const cellOf = (c: Card) => `${c.laneId}|${c.stageId}`;

function rekey<T extends { id: string; order: string }>(list: readonly T[]): Record<string, T> {
  const keys = keysAfter(null, list.length);
  return Object.fromEntries(list.map((e, i) => [e.id, { ...e, order: keys[i]! }]));
}

export function compareView(before: MapDocument, after: MapDocument): MapDocument {
  const b = sideOfDocument(before);
  const a = sideOfDocument(after);
  const stages = rekey(mergedOrder(b.stages, a.stages));
  const lanes = rekey(mergedOrder(b.lanes, a.lanes));
  // Per cell of the merged grid: after's cards with the removed ones where they were among the cell's cards before.
  const byCell = (cards: readonly Card[]) => {
    const cells = new Map<string, Card[]>();
    for (const c of cards) {
      const list = cells.get(cellOf(c));
      if (list) list.push(c);
      else cells.set(cellOf(c), [c]);
    }
    return cells;
  };
  const afterIds = new Set(a.cards.map((c) => c.id));
  const beforeCells = byCell(b.cards);
  const afterCells = byCell(a.cards);
  const cards: Record<string, Card> = {};
  for (const key of new Set([...afterCells.keys(), ...beforeCells.keys()])) {
    const kept = afterCells.get(key) ?? [];
    const keptIds = new Set(kept.map((c) => c.id));
    // The cell's cards before, less those that moved to another cell (they show there): removed
    // ones are anchored on the card they followed when it is still in this cell.
    const beforeList = (beforeCells.get(key) ?? []).filter((c) => !afterIds.has(c.id) || keptIds.has(c.id));
    Object.assign(cards, rekey(mergedOrder(beforeList, kept)));
  }
  const personas = after.personas;
  for (const [id, card] of Object.entries(cards)) {
    if (card.personaId !== undefined && !personas[card.personaId]) delete card.personaId;
    // A removed card's scores as the view's meta reads them: of personas still there, not the followed one.
    cards[id] = withScoredPersonas(card, personas, after.meta.personaId);
  }
  return { ...after, stages, lanes, cards };
}
