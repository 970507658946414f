/**
 * One person's private document for a map: the cards they write and the
 * votes they cast during rounds, which nobody else can read (the server
 * gives each editor's socket their own document only). Only its owner
 * writes it (and the server, which empties a round out of it on reveal), so
 * entries are plain objects written whole.
 */
import * as Y from 'yjs';
import { LOCAL_ORIGIN, newId } from '../doc';
import { laneInRound } from './rules';
import {
  PRIVATE_CARDS,
  PRIVATE_VOTES,
  PrivateCardSchema,
  ROUND_LIMITS,
  parsePrivateVoteKey,
  privateVoteKey,
  type PrivateCard,
  type Round,
} from './schema';
import type { Ballot } from './rules';

export const privateCards = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(PRIVATE_CARDS);
export const privateVotes = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(PRIVATE_VOTES);

/** The valid private cards of a round (all rounds: null), oldest first. */
export function listPrivateCards(doc: Y.Doc, roundId: string | null): PrivateCard[] {
  const out: PrivateCard[] = [];
  privateCards(doc).forEach((value) => {
    const parsed = PrivateCardSchema.safeParse(value);
    if (parsed.success && (roundId === null || parsed.data.roundId === roundId)) out.push(parsed.data);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export type PrivateAddResult = { ok: true; id: string } | { ok: false; reason: 'not-in-round' | 'too-many' };

/** Writes a new private card in a cell of a running brainstorm round. */
export function addPrivateCard(doc: Y.Doc, round: Round, cell: { laneId: string; stageId: string }, text = ''): PrivateAddResult {
  if (round.kind !== 'brainstorm' || round.state !== 'running' || !laneInRound(round, cell.laneId))
    return { ok: false, reason: 'not-in-round' };
  if (listPrivateCards(doc, round.id).length >= ROUND_LIMITS.cardsPerPerson || privateCards(doc).size >= ROUND_LIMITS.privateEntries) {
    return { ok: false, reason: 'too-many' };
  }
  const card = PrivateCardSchema.parse({ id: newId(), roundId: round.id, ...cell, text, createdAt: Date.now() });
  doc.transact(() => privateCards(doc).set(card.id, card), LOCAL_ORIGIN);
  return { ok: true, id: card.id };
}

export function updatePrivateCardText(doc: Y.Doc, id: string, text: string): boolean {
  const parsed = PrivateCardSchema.safeParse(privateCards(doc).get(id));
  if (!parsed.success) return false;
  const next = PrivateCardSchema.parse({ ...parsed.data, text });
  doc.transact(() => privateCards(doc).set(id, next), LOCAL_ORIGIN);
  return true;
}

export function deletePrivateCard(doc: Y.Doc, id: string): boolean {
  if (!privateCards(doc).has(id)) return false;
  doc.transact(() => privateCards(doc).delete(id), LOCAL_ORIGIN);
  return true;
}

/** This person's votes in a round: card id -> count. */
export function ballotOf(doc: Y.Doc, roundId: string): Record<string, number> {
  const out: Record<string, number> = {};
  privateVotes(doc).forEach((n, key) => {
    const parsed = parsePrivateVoteKey(key);
    if (parsed?.roundId === roundId && typeof n === 'number' && Number.isInteger(n) && n > 0) out[parsed.cardId] = n;
  });
  return out;
}

export const ballotTotal = (ballot: Ballot): number => Object.values(ballot).reduce((a, n) => a + n, 0);

export type PrivateVoteResult = 'voted' | 'retracted' | 'no-votes-left' | 'no-vote-to-retract' | 'not-in-round';

/** A secret vote on a card of the running vote round, within the round's budget. */
export function castPrivateVote(doc: Y.Doc, round: Round, card: { id: string; laneId: string }): PrivateVoteResult {
  if (round.kind !== 'vote' || round.state !== 'running' || !laneInRound(round, card.laneId)) return 'not-in-round';
  const ballot = ballotOf(doc, round.id);
  if (ballotTotal(ballot) >= (round.budget ?? 0)) return 'no-votes-left';
  if (privateVotes(doc).size >= ROUND_LIMITS.privateEntries) return 'no-votes-left';
  doc.transact(() => privateVotes(doc).set(privateVoteKey(round.id, card.id), (ballot[card.id] ?? 0) + 1), LOCAL_ORIGIN);
  return 'voted';
}

export function retractPrivateVote(doc: Y.Doc, round: Round, cardId: string): PrivateVoteResult {
  if (round.kind !== 'vote' || round.state !== 'running') return 'not-in-round';
  const mine = ballotOf(doc, round.id)[cardId] ?? 0;
  if (mine === 0) return 'no-vote-to-retract';
  const key = privateVoteKey(round.id, cardId);
  doc.transact(() => (mine === 1 ? privateVotes(doc).delete(key) : privateVotes(doc).set(key, mine - 1)), LOCAL_ORIGIN);
  return 'retracted';
}

/** Empties a round out of a private document (what the reveal moved or counted); `origin`: the server's. */
export function clearRound(doc: Y.Doc, roundId: string, origin: unknown): void {
  doc.transact(() => {
    for (const card of listPrivateCards(doc, roundId)) privateCards(doc).delete(card.id);
    for (const key of [...privateVotes(doc).keys()]) if (parsePrivateVoteKey(key)?.roundId === roundId) privateVotes(doc).delete(key);
  }, origin);
}
