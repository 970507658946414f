/**
 * The rules of workshop rounds as plain functions of plain data: who may run
 * them, which cards a round is about, and how a secret vote is counted.
 * The map's commands (commands.ts), the private documents (private.ts), the
 * server's reveal (reveal.ts) and the UI all follow these.
 */
import type { Role } from '../roles';
import { ROUND_LIMITS, type Round, type RoundResult } from './schema';

/** Only editors start rounds and reveal them; commenters and viewers watch. */
export const canRunRounds = (role: Role): boolean => role === 'editor';

/** Whether a card in `laneId` belongs to the round (a round on no lanes is on the whole map). */
export const laneInRound = (round: Pick<Round, 'laneIds'>, laneId: string): boolean =>
  round.laneIds.length === 0 || round.laneIds.includes(laneId);

/** The round going on now: the newest running one (two editors starting at once make two; the newer counts). */
export function currentRound(rounds: readonly Round[]): Round | null {
  let current: Round | null = null;
  for (const r of rounds) if (r.state === 'running' && (!current || r.startedAt >= current.startedAt)) current = r;
  return current;
}

/** The newest revealed secret vote: its top N show on the map and in its pictures. */
export function latestResults(rounds: readonly Round[]): Round | null {
  for (let i = rounds.length - 1; i >= 0; i--) if (rounds[i]!.kind === 'vote' && rounds[i]!.state === 'revealed') return rounds[i]!;
  return null;
}

/** The cards in the top N of the newest revealed vote, by card id (ties at the edge included). */
export function topRanked(rounds: readonly Round[]): Map<string, RoundResult> {
  const latest = latestResults(rounds);
  return new Map(latest ? topResults(latest.results ?? [], latest.topN ?? 0).map((r) => [r.cardId, r]) : []);
}

/** topRanked as card id -> rank, what a picture of the map draws. */
export const rankByCard = (rounds: readonly Round[]): Map<string, number> =>
  new Map([...topRanked(rounds)].map(([cardId, result]) => [cardId, result.rank]));

/** Whether a running round's time box is over at `now`. */
export const timeIsUp = (round: Pick<Round, 'state' | 'endsAt'>, now: number): boolean =>
  round.state === 'running' && round.endsAt !== undefined && now >= round.endsAt;

/** One person's secret votes in a round: card id -> votes. */
export type Ballot = Readonly<Record<string, number>>;

/**
 * A ballot as it counts: only cards the round is about, only whole positive
 * counts, and no more than `budget` in all (a ballot written past its budget
 * by hand keeps its first cards in id order, so every count of it agrees).
 */
export function countedBallot(ballot: Ballot, eligible: ReadonlySet<string>, budget: number): Map<string, number> {
  const counted = new Map<string, number>();
  let left = budget;
  for (const cardId of Object.keys(ballot).sort()) {
    const n = ballot[cardId];
    if (!eligible.has(cardId) || typeof n !== 'number' || !Number.isInteger(n) || n <= 0 || left <= 0) continue;
    const take = Math.min(n, left);
    counted.set(cardId, take);
    left -= take;
  }
  return counted;
}

/**
 * The ranking of a vote round: every eligible card that got votes, most
 * first; cards with as many votes share a rank (competition ranking: 1, 1, 3)
 * and keep the order of `eligible` among themselves (the reveal passes journey order: stage, lane, place in the cell).
 */
export function tally(ballots: readonly Ballot[], eligible: readonly string[], budget: number): RoundResult[] {
  const set = new Set(eligible);
  const totals = new Map<string, number>();
  for (const ballot of ballots) {
    for (const [cardId, n] of countedBallot(ballot, set, budget)) totals.set(cardId, (totals.get(cardId) ?? 0) + n);
  }
  const position = new Map(eligible.map((id, i) => [id, i]));
  const ranked = [...totals]
    .map(([cardId, votes]) => ({ cardId, votes }))
    .sort((a, b) => b.votes - a.votes || position.get(a.cardId)! - position.get(b.cardId)!);
  return ranked.map((r) => ({ ...r, rank: 1 + ranked.filter((o) => o.votes > r.votes).length }));
}

/** The results highlighted on the map: rank within the top N, so a tie at the edge keeps every tied card. */
export const topResults = (results: readonly RoundResult[], topN: number): RoundResult[] => results.filter((r) => r.rank <= topN);

export type StartRefusal = 'round-running' | 'too-many-rounds' | 'not-allowed';

/** Why a round cannot start now, or null. */
export function whyNotStart(role: Role, rounds: readonly Round[]): StartRefusal | null {
  if (!canRunRounds(role)) return 'not-allowed';
  if (currentRound(rounds)) return 'round-running';
  if (rounds.length >= ROUND_LIMITS.rounds) return 'too-many-rounds';
  return null;
}
