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
      {message}
    </div>
  );
}
