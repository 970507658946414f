/**
 * Linked journeys on the open map: what the server said about the maps this
 * map links to (their titles, or that they are gone) and about the maps
 * that link to it, which stage or card is choosing a map now, and how to
 * follow a link. Session scope: the links themselves are in the document
 * (`linkedMapId`); this holds only what the document cannot know, filled in
 * by the map page (app/journeys), read by the canvas and the panels, which
 * may not talk to the server themselves.
 */
import { create } from 'zustand';
import type { LinkTarget } from '../model/commands/journeyLinks';
import type { LinkedMap } from '../model/journeys/wire';

/** What a link shows: the map's title, that it is gone, that this page may not see it, or nothing yet. */
export type LinkedMapInfo = { status: 'found'; title: string } | { status: 'missing' } | { status: 'hidden' } | { status: 'loading' };

interface LinkedMapsState {
  /** map id -> its title, or null: the server has no such map */
  known: ReadonlyMap<string, string | null>;
  /** this page came in through a share link: no other map's title is shown */
  hidden: boolean;
  /** the maps that link to the open one */
  parents: readonly LinkedMap[];
  /** the stage or card whose link is being chosen (the picker is open) */
  picking: LinkTarget | null;
  /** opens a map (the app's router); null until the map page sets it */
  follow: ((mapId: string) => void) | null;
  learn(found: readonly LinkedMap[], missing: readonly string[], hidden: boolean): void;
  setParents(parents: readonly LinkedMap[]): void;
  setPicking(target: LinkTarget | null): void;
  setFollow(follow: ((mapId: string) => void) | null): void;
  reset(): void;
}

const EMPTY = { known: new Map<string, string | null>(), hidden: false, parents: [], picking: null } as const;

export const useLinkedMaps = create<LinkedMapsState>()((set) => ({
  ...EMPTY,
  follow: null,
  learn: (found, missing, hidden) =>
    set((s) => {
      const known = new Map(s.known);
      for (const id of missing) known.set(id, null);
      for (const m of found) known.set(m.id, m.title);
      return { known, hidden };
    }),
  setParents: (parents) => set({ parents }),
  setPicking: (picking) => set({ picking }),
  setFollow: (follow) => set({ follow }),
  reset: () => set({ ...EMPTY, known: new Map() }),
}));

/** What the link to `mapId` shows (undefined: no link). */
export function useLinkedMapInfo(mapId: string | undefined): LinkedMapInfo | undefined {
  const title = useLinkedMaps((s) => (mapId === undefined ? undefined : s.known.get(mapId)));
  const hidden = useLinkedMaps((s) => s.hidden);
  if (mapId === undefined) return undefined;
  if (hidden) return { status: 'hidden' };
  if (title === undefined) return { status: 'loading' };
  return title === null ? { status: 'missing' } : { status: 'found', title };
}

/** The address of a map, as the app's router knows it (app/router.ts mapPath). */
export const linkedMapHref = (mapId: string): string => `/m/${encodeURIComponent(mapId)}`;

/** Opens the linked map through the app's router, or by loading the page if the router is not there. */
export function followLinkedMap(mapId: string): void {
  const follow = useLinkedMaps.getState().follow;
  if (follow) follow(mapId);
  else window.location.assign(linkedMapHref(mapId));
}
