/** Times for comments: "5 minutes ago" (shared with the app) and a clock that ticks while the panel is open. */
import { useEffect, useState } from 'react';

export { ago } from '../../i18n/relativeTime';

/** The current time, refreshed every `everyMs`, so "just now" becomes "1 minute ago". */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
