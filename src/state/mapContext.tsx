/**
 * Gives components the open map (doc for commands, live view for reads) and
 * hooks that subscribe to the smallest slice they need.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Doc } from 'yjs';
import type { LiveMap, MapSnapshot } from '../model/live';
import type { Card, Lane, Stage } from '../model/schema';
import type { MapUndo } from '../model/undo';
import type { PresenceChannel } from '../sync/presence';

export interface OpenMap {
  doc: Doc;
  live: LiveMap;
  /** this user's undo history (only their own changes) */
  undo: MapUndo;
  /** publishes this user's cursor, selection, view and drags to the others */
  presence: PresenceChannel;
  /** the map's comments document (room `<mapId>/comments`) */
  commentsDoc: Doc;
  /** workshop rounds: this editor's private document (null for others, and for a version preview) and the reveal */
  rounds?: RoundsAccess;
}

export interface RoundsAccess {
  privateDoc: Doc | null;
  /** asks the server to reveal or end a round; false if it refused */
  reveal(roundId: string): Promise<boolean>;
}

const MapContext = createContext<OpenMap | null>(null);

export function MapProvider({ value, children }: { value: OpenMap; children: ReactNode }) {
  return <MapContext.Provider value={value}>{children}</MapContext.Provider>;
}

export function useOpenMap(): OpenMap {
  const map = useContext(MapContext);
  if (!map) throw new Error('useOpenMap outside <MapProvider>');
  return map;
}

/**
 * Subscribe to a slice of the snapshot. The selector must return something
 * the snapshot already holds (an entity, a list), never a fresh object.
 */
export function useMapSelector<T>(selector: (s: MapSnapshot) => T): T {
  const { live } = useOpenMap();
  return useSyncExternalStore(live.subscribe, () => selector(live.getSnapshot()));
}

export const useSnapshot = (): MapSnapshot => useMapSelector((s) => s);
export const useCard = (id: string): Card | undefined => useMapSelector((s) => s.cardById.get(id));
export const useStage = (id: string): Stage | undefined => useMapSelector((s) => s.stages.find((x) => x.id === id));
export const useLane = (id: string): Lane | undefined => useMapSelector((s) => s.lanes.find((x) => x.id === id));
