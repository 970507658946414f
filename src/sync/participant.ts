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

const PRESENCE_KEY = 'journeyboard.presenceKey';
let presence: string | null = null;

/**
 * A secret of this browser's, sent when it connects to a map: the server
 * keeps this browser's presence (cursor, name, selection) its own across a
 * dropped connection, so nobody else can take it over meanwhile. Unlike the
 * participant id, it is never shown to anyone.
 */
export function presenceKey(): string {
  if (presence) return presence;
  try {
    presence = localStorage.getItem(PRESENCE_KEY);
    if (!presence || !/^[A-Za-z0-9_-]{32,128}$/.test(presence)) {
      presence = nanoid(32);
      localStorage.setItem(PRESENCE_KEY, presence);
    }
  } catch {
    presence ??= nanoid(32); // storage blocked: this tab keeps its presence while it is open
  }
  return presence;
}
