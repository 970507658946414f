/**
 * The open comment threads as a PDF lists them: threads on the whole map
 * first, then card threads in map order (stage, lane, place in the cell), so
 * a reviewer reads them in the same order as the pages before.
 */
import type { CommentsSnapshot } from '../model/comments';
import { cardIdOf } from '../model/comments';
import type { MapSnapshot } from '../model/live';

export interface CommentItem {
  id: string;
  /** the card's text, or null for a thread about the whole map */
  cardText: string | null;
  /** "stage · lane" of the card */
  where: string;
  comments: { author: string; color: string; text: string; at: number }[];
}

export function commentItems(map: MapSnapshot, comments: CommentsSnapshot): CommentItem[] {
  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(map.lanes.map((l, i) => [l.id, i]));
  const cardIndex = new Map(map.cards.map((c, i) => [c.id, i]));
  const rank = (cardId: string | null): number[] => {
    if (cardId === null) return [-1, -1, -1];
    const card = map.cardById.get(cardId)!;
    return [stageIndex.get(card.stageId) ?? 0, laneIndex.get(card.laneId) ?? 0, cardIndex.get(cardId) ?? 0];
  };
  return (
    comments.open
      .map((thread) => ({ thread, cardId: cardIdOf(thread.target) }))
      // A thread on a card deleted since is about nothing left on the map.
      .filter(({ cardId }) => cardId === null || map.cardById.has(cardId))
      .map(({ thread, cardId }) => ({ thread, cardId, rank: rank(cardId) }))
      .sort(
        (a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]! || a.rank[2]! - b.rank[2]! || a.thread.createdAt - b.thread.createdAt,
      )
      .map(({ thread, cardId }) => {
        const card = cardId ? map.cardById.get(cardId) : undefined;
        const stage = map.stages.find((s) => s.id === card?.stageId)?.name;
        const lane = map.lanes.find((l) => l.id === card?.laneId)?.name;
        return {
          id: thread.id,
          cardText: card ? card.text || card.metric || '' : null,
          where: [stage, lane].filter(Boolean).join(' · '),
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
