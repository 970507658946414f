/**
 * Maps as files over HTTP (GET /api/maps/:id/export.json, .pdf, .png, POST
 * /api/maps/import): reading a map's file through its rooms, naming the
 * download, and what an import stores. The file format and its validation
 * are src/model/exchange/mapFile.ts, shared with the browser.
 */
import * as Y from 'yjs';
import { SERVER_ORIGIN, loadMapDocument } from '../src/model/doc';
import { loadMapFileComments, mapFileFromDocs, type MapFile, type MapFileComments } from '../src/model/exchange/mapFile';
import type { MapDocument } from '../src/model/schema';
import type { MapStats } from '../src/model/mapList';
import { mapStats } from '../src/model/stats';
import type { SearchCard } from '../src/model/cardSearch';
import { searchCardsOf } from '../src/model/cardSearchIndex';
import { journeyLinksOf } from '../src/model/journeys/linkIndex';
import type { JourneyLink } from '../src/model/journeys/wire';
import { fileStem } from '../src/model/fileName';
import { docId } from './store/types';
import type { RoomRegistry } from './ws/rooms';

/**
 * `read` of the map's document (and its comments' when asked) as the server
 * holds them right now: through their rooms, so edits not yet stored (or
 * made this very moment) are in them. Rooms loaded only for this are
 * unloaded again later.
 */
async function withMapDocs<T>(
  rooms: RoomRegistry,
  mapId: string,
  withComments: boolean,
  read: (map: Y.Doc, comments: Y.Doc | null) => T,
): Promise<T> {
  const room = await rooms.get(mapId);
  try {
    const commentsRoom = withComments ? await rooms.get(docId(mapId, 'comments')) : null;
    try {
      return read(room.doc, commentsRoom?.doc ?? null);
    } finally {
      if (commentsRoom) rooms.scheduleIdle(commentsRoom);
    }
  } finally {
    rooms.scheduleIdle(room);
  }
}

/** The map's file as the server holds it right now; null if the map's content does not validate (no valid meta). */
export function readMapFile(rooms: RoomRegistry, mapId: string, withComments: boolean): Promise<MapFile | null> {
  return withMapDocs(rooms, mapId, withComments, (map, comments) => {
    try {
      return mapFileFromDocs(map, comments ?? undefined);
    } catch {
      return null;
    }
  });
}

/** The map's (and its comments') Yjs states as the server holds them right now, for an export worker. */
export function readMapStates(rooms: RoomRegistry, mapId: string, withComments: boolean) {
  return withMapDocs(rooms, mapId, withComments, (map, comments) => ({
    map: Y.encodeStateAsUpdate(map),
    comments: comments ? Y.encodeStateAsUpdate(comments) : null,
    /** the maps its stages and cards link to (linked journeys), each once */
    linkedIds: [...new Set(journeyLinksOf(map).map((l) => l.mapId))],
  }));
}

/** RFC 5987 ext-value characters: encodeURIComponent leaves ' ( ) * as they are, which attr-char does not allow. */
const rfc5987 = (s: string): string => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment` with the map's title as the file name: `filename*` (RFC 5987,
 * UTF-8) for the title as it is, Chinese included, and a plain ASCII
 * `filename` for clients that do not read it (`fallback` when the title has
 * no ASCII letters or digits, as a Chinese title has none).
 */
export function attachmentDisposition(title: string, fallback: string, extension = 'json'): string {
  const stem = fileStem(title, fallback);
  // Accents dropped rather than the letters ("Café" -> "Cafe"); % too: some browsers decode it in `filename`.
  const ascii = stem
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]|%/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const asciiStem = /[A-Za-z0-9]/.test(ascii) ? ascii : fallback;
  return `attachment; filename="${asciiStem}.${extension}"; filename*=UTF-8''${rfc5987(`${stem}.${extension}`)}`;
}

/** An imported map's content: the file's, with the map's own timestamps set to the moment it is imported. */
export const importedMap = (map: MapDocument, now: number): MapDocument => ({
  ...map,
  meta: { ...map.meta, createdAt: now, updatedAt: now },
});

/**
 * A new map's initial state (one update, from a fresh doc: its own client id,
 * no history) and the summary its row stores: what creating, duplicating and
 * importing a map all store.
 */
export function newMapState(map: MapDocument): { state: Uint8Array; stats: MapStats; search: SearchCard[]; links: JourneyLink[] } {
  const doc = new Y.Doc();
  try {
    loadMapDocument(doc, map, SERVER_ORIGIN);
    return { state: Y.encodeStateAsUpdate(doc), stats: mapStats(doc), search: searchCardsOf(doc), links: journeyLinksOf(doc) };
  } finally {
    doc.destroy();
  }
}

/** The comments doc's initial state for an imported map (one update, in a doc of its own). */
export function commentsState(comments: MapFileComments): Uint8Array {
  const doc = new Y.Doc();
  try {
    loadMapFileComments(doc, comments);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** What an import log line says about the file: how much of each, never the content. */
export const fileCounts = (map: MapDocument, comments: MapFileComments | undefined) => ({
  personas: Object.keys(map.personas).length,
  stages: Object.keys(map.stages).length,
  lanes: Object.keys(map.lanes).length,
  cards: Object.keys(map.cards).length,
  threads: comments ? Object.keys(comments.threads).length : 0,
  comments: comments ? Object.keys(comments.comments).length : 0,
});
