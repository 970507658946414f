/**
 * React's view of workshop rounds: the map's rounds (from the map document)
 * and this editor's private cards and ballots (from their private document).
 * Selectors return what the snapshot holds, or a primitive.
 */
import { useSyncExternalStore } from 'react';
import { liveRounds, livePrivate, type PrivateSnapshot } from '../model/rounds/live';
import { currentRound, topRanked } from '../model/rounds/rules';
import type { Round, RoundResult } from '../model/rounds/schema';
import { useOpenMap } from './mapContext';

const EMPTY_PRIVATE: PrivateSnapshot = { cards: [], ballot: () => ({}) };
const noop = () => () => undefined;

export function useRounds(): readonly Round[] {
  const live = liveRounds(useOpenMap().doc);
  return useSyncExternalStore(live.subscribe, live.getSnapshot);
}

/** The round going on now, or null. */
export function useCurrentRound(): Round | null {
  return currentRound(useRounds());
}

/** This editor's private document as a snapshot (empty for everybody else). */
export function usePrivate(): PrivateSnapshot {
  const privateDoc = useOpenMap().rounds?.privateDoc ?? null;
  const live = privateDoc ? livePrivate(privateDoc) : null;
  return useSyncExternalStore(live ? live.subscribe : noop, live ? live.getSnapshot : () => EMPTY_PRIVATE);
}

const topRankedOf = new WeakMap<readonly Round[], ReadonlyMap<string, RoundResult>>();

/** The top N of the newest revealed vote by card id (worked out once per rounds snapshot, not once per card). */
export function useTopRanked(): ReadonlyMap<string, RoundResult> {
  const rounds = useRounds();
  let top = topRankedOf.get(rounds);
  if (!top) topRankedOf.set(rounds, (top = topRanked(rounds)));
  return top;
}
