/**
 * Whether the mini map is open, remembered per browser (localStorage), as
 * Miro remembers it. Closed by default, as in tldraw: a map opens at 100%,
 * read card by card, and the open mini map takes a strip of the screen from
 * the canvas (ViewBar.tsx).
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'journeyboard.miniMapOpen';
const listeners = new Set<() => void>();

export function isMiniMapOpen(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'true';
  } catch {
    return false; // storage blocked: the default
  }
}

export function setMiniMapOpen(open: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, String(open));
  } catch {
    // storage blocked: the choice lasts until the page is left
  }
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useMiniMapOpen = (): boolean => useSyncExternalStore(subscribe, isMiniMapOpen, () => false);
