/**
 * Dot voting. Each card's `votes` is a Y.Map participant id -> count, created
 * with the card, and each participant only ever writes their own key, so two
 * people voting at once on one card both count. The budget (meta
 * votesPerParticipant) is checked against this replica's view; two tabs of
 * the same participant voting at the same instant may overspend by one,
 * which the tallies below show honestly rather than hide.
 */
import * as Y from 'yjs';
import { change, collection, metaMap } from '../doc';
import { DEFAULT_VOTES_PER_PARTICIPANT, type Card } from '../schema';

export type VoteResult = 'voted' | 'retracted' | 'no-votes-left' | 'no-vote-to-retract' | 'no-such-card';

export function votesPerParticipant(doc: Y.Doc): number {
  const n = metaMap(doc).get('votesPerParticipant');
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : DEFAULT_VOTES_PER_PARTICIPANT;
}

export function setVotesPerParticipant(doc: Y.Doc, n: number): void {
  change(doc, () => metaMap(doc).set('votesPerParticipant', Math.max(0, Math.min(100, Math.round(n)))));
}

function votesOf(doc: Y.Doc, cardId: string): Y.Map<number> | null {
  const card = collection(doc, 'cards').get(cardId);
  if (!(card instanceof Y.Map)) return null;
  const votes = card.get('votes');
  if (votes instanceof Y.Map) return votes as Y.Map<number>;
  // Only cards written by something other than Journeyboard lack the map
  // (ours create it with the card, and the server migrates old maps).
  const created = new Y.Map<number>();
  card.set('votes', created);
  return created;
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0);

/** Votes a participant has cast across the map. */
export function votesUsed(doc: Y.Doc, participant: string): number {
  let used = 0;
  collection(doc, 'cards').forEach((card) => {
    const votes = card instanceof Y.Map ? card.get('votes') : undefined;
    if (votes instanceof Y.Map) used += count(votes.get(participant));
  });
  return used;
}

export function castVote(doc: Y.Doc, cardId: string, participant: string): VoteResult {
  return change(doc, () => {
    if (!collection(doc, 'cards').has(cardId)) return 'no-such-card';
    if (votesUsed(doc, participant) >= votesPerParticipant(doc)) return 'no-votes-left';
    const votes = votesOf(doc, cardId)!;
    votes.set(participant, count(votes.get(participant)) + 1);
    return 'voted';
  });
}

export function retractVote(doc: Y.Doc, cardId: string, participant: string): VoteResult {
  return change(doc, () => {
    if (!collection(doc, 'cards').has(cardId)) return 'no-such-card';
    const votes = votesOf(doc, cardId)!;
    const mine = count(votes.get(participant));
    if (mine === 0) return 'no-vote-to-retract';
    if (mine === 1) votes.delete(participant);
    else votes.set(participant, mine - 1);
    return 'retracted';
  });
}

/** Total votes on a card (plain, from a snapshot). */
export function voteTotal(card: Pick<Card, 'votes'>): number {
  let total = 0;
  for (const v of Object.values(card.votes ?? {})) total += count(v);
  return total;
}

/** Cards with at least one vote, most voted first (ties keep the given order). */
export function mostVoted<C extends Pick<Card, 'votes'>>(cards: readonly C[]): C[] {
  return cards
    .map((card, i) => ({ card, i, total: voteTotal(card) }))
    .filter((x) => x.total > 0)
    .sort((a, b) => b.total - a.total || a.i - b.i)
    .map((x) => x.card);
}
