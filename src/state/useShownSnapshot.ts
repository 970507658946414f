/**
 * The open map as this user's state view shows it (current, future or both:
 * model/cardState.ts): what the canvas lays out and presentation mode shows.
 * The same object while neither the map nor the view changes.
 */
import { useMemo } from 'react';
import { snapshotInView } from '../model/cardState';
import type { MapSnapshot } from '../model/live';
import { useSnapshot } from './mapContext';
import { useSession } from './session';

export function useShownSnapshot(): MapSnapshot {
  const snapshot = useSnapshot();
  const view = useSession((s) => s.stateView);
  return useMemo(() => snapshotInView(snapshot, view), [snapshot, view]);
}
