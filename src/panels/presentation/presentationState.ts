/**
 * Whether this browser is presenting, and which slide: session state (never
 * in the document). The step travels to the others as presence
 * (`presenting`, sync/presence.ts), published by PresentationHost.
 */
import { create } from 'zustand';
import { MAX_PATH_CARDS } from '../../model/presentation';

export interface OwnPresentation {
  step: number;
  /** the cards walked, in the order given (null: stage by stage) */
  path: readonly string[] | null;
}

interface PresentationStore {
  mine: OwnPresentation | null;
  start(path: readonly string[] | null): void;
  go(step: number): void;
  leave(): void;
}

export const usePresentation = create<PresentationStore>()((set) => ({
  mine: null,
  start: (path) => set({ mine: { step: 0, path: path ? path.slice(0, MAX_PATH_CARDS) : null } }),
  go: (step) => set((s) => (s.mine ? { mine: { ...s.mine, step } } : s)),
  leave: () => set({ mine: null }),
}));

/** Full screen when the browser allows it; the presentation covers the window either way. Call from the user's gesture. */
export function enterFullscreen(): void {
  const root = document.documentElement;
  if (document.fullscreenElement || typeof root.requestFullscreen !== 'function') return;
  root.requestFullscreen().catch(() => undefined);
}

export function exitFullscreen(): void {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
}
