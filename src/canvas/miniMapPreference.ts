/**
 * Whether the mini map is open, remembered per browser (localStorage), as
 * Miro remembers it. Closed by default, as in tldraw: a map opens at 100%,
 * read card by card, and the open mini map takes a strip of the screen from
 * the canvas (ViewBar.tsx).
 */
import { useSyncExternalStore } from 'react';
import { readStored, writeStored } from '../state/browserStorage';

const STORAGE_KEY = 'journeyboard.miniMapOpen';
const listeners = new Set<() => void>();

export const isMiniMapOpen = (): boolean => readStored(STORAGE_KEY) === 'true';

export function setMiniMapOpen(open: boolean): void {
  writeStored(STORAGE_KEY, String(open));
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useMiniMapOpen = (): boolean => useSyncExternalStore(subscribe, isMiniMapOpen, () => false);
