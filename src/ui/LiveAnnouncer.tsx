/**
 * Tells screen-reader users, politely, what others change on the map while
 * they work ("Ana edited 2 cards"): a visually hidden live region, spoken
 * when the reader is idle, at most one sentence every few seconds.
 */
import { useRemoteChangeMessage } from '../state/useRemoteChangeMessage';

export function LiveAnnouncer() {
  const message = useRemoteChangeMessage();
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
      {/* Each announcement is a new node (keyed by its number): the same words as the last time are still a change
          of the region, so a screen reader says them again, where React would leave equal text untouched. */}
      {message && <span key={message.seq}>{message.text}</span>}
    </div>
  );
}
