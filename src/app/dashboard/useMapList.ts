/**
 * The dashboard's list of maps, a page at a time from `GET /api/maps`: the
 * first page whenever the request (search, sort, collation) changes, the next
 * one on `loadMore`. The server searches and sorts; this keeps what it sent.
 *
 * Only the newest request is ever shown: a new request aborts the one before
 * (and any page being added to the old list), and an answer that arrives
 * after all the same is dropped. Changes this browser makes (rename,
 * duplicate, delete) are patched into the list in place, so the user keeps
 * their place however far they have scrolled; the cursor of the next page
 * stays valid, as it is a position in the order, not an offset.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapSummary } from '../../model/mapList';
import type { Freshness } from '../../model/review';
import type { Locale, MapSort } from '../../model/schema';
import { listMaps } from '../api';

export interface MapListRequest {
  q: string;
  sort: MapSort;
  /** only for sort=title: the edited order is the same in every language */
  locale?: Locale;
  /** only this owner's maps ('' or absent: everyone's) */
  owner?: string;
  /** only maps of this freshness */
  freshness?: Freshness;
}

export interface MapListState {
  /** what `maps` is the answer to */
  request: MapListRequest;
  /** `loading` only before the first answer: later requests keep the previous maps shown (`pending`) */
  status: 'loading' | 'ready' | 'error';
  error: string;
  maps: MapSummary[];
  /** maps matching `request.q` (and the filters) on the server */
  total: number;
  /** every owner named on a map of the workspace (the owner filter's choices) */
  owners: string[];
  /** maps of the workspace overdue for review */
  stale: number;
  nextCursor: string | null;
  /** a newer request is on its way: `maps` answer the previous one */
  pending: boolean;
  /** the next page: being fetched, or it failed (then `moreError` says why) */
  more: 'idle' | 'loading' | 'error';
  moreError: string;
  /** when the first page came: "edited 5 minutes ago" is relative to it, so appending a page re-renders no card */
  fetchedAt: number;
}

export interface MapList extends MapListState {
  loadMore(): void;
  /** the map's new summary (a rename), where it is */
  replace(map: MapSummary): void;
  remove(id: string): void;
  /** a map this browser just made: at the top, or right after `after` (its original) when sorted by title */
  insert(map: MapSummary, after?: string): void;
}

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** `page` without the maps `shown` already has: a map renamed meanwhile can come round again. */
function newOnes(shown: readonly MapSummary[], page: readonly MapSummary[]): MapSummary[] {
  const ids = new Set(shown.map((m) => m.id));
  return page.filter((m) => !ids.has(m.id));
}

export function useMapList(request: MapListRequest): MapList {
  const { q, sort, locale, owner, freshness } = request;
  const [list, setList] = useState<MapListState>(() => ({
    request,
    status: 'loading',
    error: '',
    maps: [],
    total: 0,
    owners: [],
    stale: 0,
    nextCursor: null,
    pending: true,
    more: 'idle',
    moreError: '',
    fetchedAt: Date.now(),
  }));
  // The next-page request in flight: one at a time (the observer may report twice before a
  // render says `more: 'loading'`), and a new first page aborts it.
  const moreRequest = useRef<AbortController | null>(null);

  useEffect(() => {
    const wanted: MapListRequest = {
      q,
      sort,
      ...(locale ? { locale } : {}),
      ...(owner ? { owner } : {}),
      ...(freshness ? { freshness } : {}),
    };
    const controller = new AbortController();
    let current = true;
    moreRequest.current?.abort();
    moreRequest.current = null;
    setList((prev) => ({ ...prev, pending: true, more: 'idle' }));
    listMaps(wanted, controller.signal).then(
      (page) => {
        if (!current) return;
        setList({
          request: wanted,
          status: 'ready',
          error: '',
          maps: page.maps,
          total: page.total,
          owners: page.owners ?? [],
          stale: page.stale ?? 0,
          nextCursor: page.nextCursor,
          pending: false,
          more: 'idle',
          moreError: '',
          fetchedAt: Date.now(),
        });
      },
      (err: unknown) => {
        if (!current) return;
        // Not the previous request's maps under this request's name: none, and why.
        setList((prev) => ({
          ...prev,
          request: wanted,
          status: 'error',
          error: errorMessage(err),
          maps: [],
          total: 0,
          nextCursor: null,
          pending: false,
        }));
      },
    );
    return () => {
      current = false;
      controller.abort();
    };
  }, [q, sort, locale, owner, freshness]);

  const loadMore = useCallback(() => {
    const { request: listed, nextCursor: cursor, status, pending, more } = list;
    if (status !== 'ready' || pending || more === 'loading' || cursor === null || moreRequest.current) return;
    const controller = new AbortController();
    moreRequest.current = controller;
    const settled = () => {
      if (moreRequest.current === controller) moreRequest.current = null;
    };
    setList((prev) => ({ ...prev, more: 'loading', moreError: '' }));
    // Applied only to the list it continues: still the same request, still ending at that cursor.
    const continues = (prev: MapListState) => prev.request === listed && prev.nextCursor === cursor && !prev.pending;
    listMaps({ ...listed, cursor }, controller.signal).then(
      (page) => {
        settled();
        setList((prev) =>
          continues(prev)
            ? {
                ...prev,
                maps: [...prev.maps, ...newOnes(prev.maps, page.maps)],
                total: page.total,
                nextCursor: page.nextCursor,
                more: 'idle',
              }
            : prev,
        );
      },
      (err: unknown) => {
        settled();
        if (controller.signal.aborted) return;
        setList((prev) => (continues(prev) ? { ...prev, more: 'error', moreError: errorMessage(err) } : prev));
      },
    );
  }, [list]);

  const replace = useCallback((map: MapSummary) => {
    setList((prev) => ({ ...prev, maps: prev.maps.map((m) => (m.id === map.id ? map : m)) }));
  }, []);

  const remove = useCallback((id: string) => {
    setList((prev) => {
      const maps = prev.maps.filter((m) => m.id !== id);
      return maps.length === prev.maps.length ? prev : { ...prev, maps, total: Math.max(0, prev.total - 1) };
    });
  }, []);

  const insert = useCallback((map: MapSummary, after?: string) => {
    setList((prev) => {
      const rest = prev.maps.filter((m) => m.id !== map.id);
      const at = prev.request.sort === 'title' && after !== undefined ? rest.findIndex((m) => m.id === after) + 1 : 0;
      return {
        ...prev,
        maps: [...rest.slice(0, at), map, ...rest.slice(at)],
        total: prev.total + (rest.length === prev.maps.length ? 1 : 0),
      };
    });
  }, []);

  return { ...list, loadMore, replace, remove, insert };
}
