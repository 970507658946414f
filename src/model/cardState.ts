/**
 * Current and future state (docs/FORMAT.md, "Current and future state"): a
 * card is in today's journey, in the planned future one, or in both (no
 * `state`: the future is "today plus changes"). Which cards a view shows,
 * the snapshot a view draws, and the future cards an opportunity names.
 * Pure functions of entities, shared by the canvas, the panels and exports.
 */
import type { MapSnapshot } from './live';
import { CARD_STATES, type Card, type CardState } from './schema';

/** What the switch shows: one state, or both side by side. */
export const STATE_VIEWS = ['current', 'future', 'both'] as const;
export type StateView = (typeof STATE_VIEWS)[number];
export const DEFAULT_STATE_VIEW: StateView = 'both';

export const isStateView = (value: unknown): value is StateView => STATE_VIEWS.includes(value as StateView);

/** Whether a card is part of the journey in `state` (a card without a state is in both). */
export const inState = (card: Pick<Card, 'state'>, state: CardState): boolean => card.state === undefined || card.state === state;

/** The states a view shows, in drawing order (today first). */
export const statesOf = (view: StateView): readonly CardState[] => (view === 'both' ? CARD_STATES : [view]);

/** Whether a view shows a card. */
export const shownInView = (card: Pick<Card, 'state'>, view: StateView): boolean => statesOf(view).some((s) => inState(card, s));

/**
 * The snapshot as a view shows it: the cards of its states only (the same
 * snapshot when nothing is left out, so memoised readers keep their caches).
 */
export function snapshotInView<S extends Pick<MapSnapshot, 'cards' | 'cardById'>>(snapshot: S, view: StateView): S {
  if (view === 'both' || snapshot.cards.every((c) => shownInView(c, view))) return snapshot;
  const cards = snapshot.cards.filter((c) => shownInView(c, view));
  return { ...snapshot, cards, cardById: new Map(cards.map((c) => [c.id, c])) };
}

/**
 * The cards an opportunity is realised by, in the order it names them: ids
 * of cards that are gone (deleted) or no longer in the future are ignored,
 * as is an id named twice.
 */
export function realisedCards(opportunity: Pick<Card, 'realisedBy'>, cardById: ReadonlyMap<string, Card>): Card[] {
  const seen = new Set<string>();
  const out: Card[] = [];
  for (const id of opportunity.realisedBy ?? []) {
    const card = cardById.get(id);
    if (!card || seen.has(id) || !inState(card, 'future')) continue;
    seen.add(id);
    out.push(card);
  }
  return out;
}

/** The cards an opportunity may name: the planned changes, cards marked future only (not the opportunity itself). */
export const futureCards = (cards: readonly Card[], exceptId?: string): Card[] =>
  cards.filter((c) => c.id !== exceptId && c.state === 'future');

/**
 * Where a card goes among all of a cell's cards (`cellCards`, in order) to
 * be at `shownIndex` among those the view shows: right after the shown card
 * before it, so the cards the view hides keep their places.
 */
export function indexAmongAll(cellCards: readonly Pick<Card, 'state'>[], view: StateView, shownIndex: number): number {
  if (view === 'both') return shownIndex;
  let seen = 0;
  for (let i = 0; i < cellCards.length; i++) {
    if (!shownInView(cellCards[i]!, view)) continue;
    if (seen === shownIndex) return i;
    seen++;
  }
  return cellCards.length;
}
