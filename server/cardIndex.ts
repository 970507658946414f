/**
 * Searching cards across maps (GET /api/search), and indexing the maps that
 * have no searchable copy yet. Rooms keep the copies of maps people edit
 * (server/ws/mapRow.ts); creating and importing a map stores its copy at
 * once; a map saved last before search existed is indexed when the server
 * starts (indexUnsearchableMaps), once, from its stored state.
 */
import * as Y from 'yjs';
import { MAX_SEARCH_CARDS, foldText, type CardSearchQuery, type CardSearchResult } from '../src/model/cardSearch';
import { searchCardsOf } from '../src/model/cardSearchIndex';
import { journeyLinksOf } from '../src/model/journeys/linkIndex';
import type { Logger } from './log';
import type { Store } from './store/types';

/**
 * The cards matching `q` (and of lanes of `kind`, if given) in every map,
 * maps most recently edited first, at most MAX_SEARCH_CARDS cards. The store
 * finds the maps and their matching cards (CardSearchStore.findCards).
 */
export async function searchCards(store: Store, { q, kind }: CardSearchQuery): Promise<CardSearchResult> {
  const folded = foldText(q.trim());
  const unsearchable = await store.unsearchableMaps();
  const result: CardSearchResult = { maps: [], cards: 0, capped: false, unindexed: unsearchable.length };
  // Read map by map, and no further than the cap.
  for await (const map of store.findCards(folded)) {
    const cards = kind === undefined ? map.cards : map.cards.filter((c) => c.kind === kind);
    if (cards.length === 0) continue;
    const room = MAX_SEARCH_CARDS - result.cards;
    if (cards.length > room) result.capped = true;
    const kept = cards.slice(0, room);
    if (kept.length > 0) result.maps.push({ id: map.id, title: map.title, updatedAt: map.updatedAt, cards: kept });
    result.cards += kept.length;
    if (result.capped) break;
  }
  return result;
}

/** The searchable copy of a map, read from its stored state; false if the map has gone meanwhile. */
async function indexMap(store: Store, mapId: string): Promise<boolean> {
  const doc = new Y.Doc();
  try {
    const state = await store.loadState(mapId);
    if (state.length === 0) return false;
    Y.transact(doc, () => state.forEach((u) => Y.applyUpdate(doc, u)));
    await store.putSearchCards(mapId, searchCardsOf(doc));
    // Its links too: a map with no search copy (one moved by migrate-store) has none indexed either.
    await store.putJourneyLinks(mapId, journeyLinksOf(doc));
    return true;
  } finally {
    doc.destroy();
  }
}

/**
 * Indexes every map without a searchable copy, one after another so a
 * starting server is not held up (a search meanwhile says how many maps are
 * not searchable yet). Several nodes starting at once may each index a map:
 * they read the same stored state, so they write the same copy. A map that
 * fails is logged and left for the next start, or its next save.
 */
export async function indexUnsearchableMaps(store: Store, log: Logger, stopped: () => boolean): Promise<number> {
  let indexed = 0;
  for (const id of await store.unsearchableMaps()) {
    if (stopped()) break;
    try {
      if (await indexMap(store, id)) indexed++;
    } catch (err) {
      log.warn('map not indexed for search', { map: id, err });
    }
    // Between maps, the server's own work comes first.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (indexed > 0) log.info('maps indexed for search', { maps: indexed });
  return indexed;
}
