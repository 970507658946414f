import { DEFAULT_VOTES_PER_PARTICIPANT } from '../model/schema';
import { useMapSelector } from '../state/mapContext';
import { participantId } from '../sync/participant';

/** This participant's votes used and left on the open map. */
export function useMyVotes(): { used: number; left: number; budget: number } {
  const cards = useMapSelector((s) => s.cards);
  const budget = useMapSelector((s) => s.meta?.votesPerParticipant ?? DEFAULT_VOTES_PER_PARTICIPANT);
  const me = participantId();
  let used = 0;
  for (const card of cards) used += card.votes?.[me] ?? 0;
  return { used, left: Math.max(0, budget - used), budget };
}
