/**
 * The open comment threads as a PDF lists them: threads on the whole map
 * first, then card threads in map order (stage, lane, place in the cell), so
 * a reviewer reads them in the same order as the pages before.
 */
import type { CommentsSnapshot } from '../model/comments';
import { cardIdOf } from '../model/comments';
import { cardsInMapOrder } from '../model/journey';
import type { MapSnapshot } from '../model/live';
import { LANE_KINDS } from '../model/schema';

export interface CommentItem {
  id: string;
  /** the card's text, or null for a thread about the whole map */
  cardText: string | null;
  /** "stage · lane" of the card */
  where: string;
  comments: { author: string; color: string; text: string; at: number }[];
}

export function commentItems(map: MapSnapshot, comments: CommentsSnapshot): CommentItem[] {
  const place = new Map(cardsInMapOrder(map, new Set(LANE_KINDS)).map((entry, i) => [entry.card.id, { ...entry, i }]));
  // Map-level threads (no card) first, then by the card's place in map order.
  const rank = (cardId: string | null) => (cardId === null ? -1 : place.get(cardId)!.i);
  return (
    comments.open
      .map((thread) => ({ thread, cardId: cardIdOf(thread.target) }))
      // A thread on a card deleted since (or off the grid) is about nothing left on the map.
      .filter(({ cardId }) => cardId === null || place.has(cardId))
      .sort((a, b) => rank(a.cardId) - rank(b.cardId) || a.thread.createdAt - b.thread.createdAt)
      .map(({ thread, cardId }) => {
        const entry = cardId === null ? undefined : place.get(cardId);
        return {
          id: thread.id,
          cardText: entry ? entry.card.text || entry.card.metric || '' : null,
          where: entry ? [entry.stageName, entry.lane.name].filter(Boolean).join(' · ') : '',
          comments: thread.comments.map((c) => ({ author: c.authorName, color: c.authorColor, text: c.text, at: c.createdAt })),
        };
      })
  );
}

/** Packs items of the given heights into columns of `height`, in order; an item taller than a column gets one to itself. */
export function packColumns(heights: readonly number[], height: number): number[][] {
  const columns: number[][] = [];
  let current: number[] = [];
  let used = 0;
  heights.forEach((h, i) => {
    if (current.length && used + h > height) {
      columns.push(current);
      current = [];
      used = 0;
    }
    current.push(i);
    used += h;
  });
  if (current.length) columns.push(current);
  return columns;
}
