/**
 * This browser's participant id: who a dot vote belongs to. Kept in
 * localStorage so a reload keeps one's votes; issue 4's presence adds a
 * name and a colour on top of it.
 */
import { nanoid } from 'nanoid';

const KEY = 'journeyboard.participant';
let cached: string | null = null;

export function participantId(): string {
  if (cached) return cached;
  try {
    cached = localStorage.getItem(KEY);
    if (!cached || !/^[A-Za-z0-9_-]{1,64}$/.test(cached)) {
      cached = nanoid();
      localStorage.setItem(KEY, cached);
    }
  } catch {
    cached ??= nanoid(); // storage blocked: votes last as long as the tab
  }
  return cached;
}
