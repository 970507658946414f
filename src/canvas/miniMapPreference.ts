/**
 * Whether the mini map is open, remembered per browser (localStorage), as
 * Miro and FigJam remember it. Closed by default: the map opens at 100%,
 * where an open mini map would sit on cards.
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
