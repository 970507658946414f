/**
 * Dot voting. Each card's `votes` is a Y.Map participant id -> count, created
 * with the card, and each participant only ever writes their own key, so two
 * people voting at once on one card both count. The budget (meta
 * votesPerParticipant) is checked against this replica's view; two tabs of
 * the same participant voting at the same instant may overspend by one,
 * which the tallies below show honestly rather than hide. Like every command,
 * a vote the schema would refuse (a participant id that is not an id) throws
 * InvalidWriteError before anything is written.
 */
import * as Y from 'yjs';
import { change, collection, metaMap, updateMeta } from '../doc';
import { clampToSchema } from '../limits';
import { DEFAULT_VOTES_PER_PARTICIPANT, MetaSchema, type Card } from '../schema';
import { checkEntry, numberMapOf } from './cardNumberMaps';

export type VoteResult = 'voted' | 'retracted' | 'no-votes-left' | 'no-vote-to-retract' | 'no-such-card';

export function votesPerParticipant(doc: Y.Doc): number {
  const n = metaMap(doc).get('votesPerParticipant');
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : DEFAULT_VOTES_PER_PARTICIPANT;
}

/** Sets the budget, rounded and clamped to what the format allows (a typed 7.6 or 400 still means something). */
export function setVotesPerParticipant(doc: Y.Doc, n: number): void {
  change(doc, () => updateMeta(doc, { votesPerParticipant: clampToSchema(MetaSchema.shape.votesPerParticipant, n) }));
}

function votesOf(doc: Y.Doc, cardId: string): Y.Map<number> | null {
  const card = collection(doc, 'cards').get(cardId);
  return card instanceof Y.Map ? numberMapOf(card, 'votes') : null;
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
    const card = collection(doc, 'cards').get(cardId);
    if (!(card instanceof Y.Map)) return 'no-such-card';
    if (votesUsed(doc, participant) >= votesPerParticipant(doc)) return 'no-votes-left';
    const current = card.get('votes');
    const next = count(current instanceof Y.Map ? current.get(participant) : undefined) + 1;
    // Checked before votesOf, which may create the card's votes map: a refused vote writes nothing.
    checkEntry('votes', participant, next);
    votesOf(doc, cardId)!.set(participant, next);
    return 'voted';
  });
}

export function retractVote(doc: Y.Doc, cardId: string, participant: string): VoteResult {
  return change(doc, () => {
    if (!(collection(doc, 'cards').get(cardId) instanceof Y.Map)) return 'no-such-card';
    const votes = votesOf(doc, cardId)!;
    const mine = count(votes.get(participant));
    if (mine === 0) return 'no-vote-to-retract';
    if (mine === 1) votes.delete(participant);
    else {
      checkEntry('votes', participant, mine - 1);
      votes.set(participant, mine - 1);
    }
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
