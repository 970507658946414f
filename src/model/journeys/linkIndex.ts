/** A map's links to other maps, read from its doc for the server's link index (server/journeyIndex.ts). */
import * as Y from 'yjs';
import { collection } from '../doc';
import { RESERVED_KEYS } from '../ids';
import type { JourneyLink } from './wire';

/** What ID_CHECKS allow (ids.ts), without a schema: run for every card of a busy map. */
const isId = (id: unknown): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) && !RESERVED_KEYS.has(id);

/**
 * The links of the stages and cards a reader shows, stages first, each
 * sorted by id: a card whose stage or lane is gone is not shown, so its link
 * is not indexed; a `linkedMapId` that is not an id is dropped by readers
 * (repair.ts), so it is not indexed either. Fields are read directly rather
 * than parsing each card: the server runs this whenever a map's cards change.
 */
export function journeyLinksOf(doc: Y.Doc): JourneyLink[] {
  const stages = collection(doc, 'stages');
  const lanes = collection(doc, 'lanes');
  const links: JourneyLink[] = [];
  stages.forEach((entry, id) => {
    if (!(entry instanceof Y.Map) || !isId(id)) return;
    const mapId = entry.get('linkedMapId');
    if (isId(mapId)) links.push({ carrier: 'stage', carrierId: id, mapId });
  });
  const cards: JourneyLink[] = [];
  collection(doc, 'cards').forEach((entry, id) => {
    if (!(entry instanceof Y.Map) || !isId(id)) return;
    const mapId = entry.get('linkedMapId');
    if (!isId(mapId)) return;
    const stageId = entry.get('stageId');
    const laneId = entry.get('laneId');
    if (!isId(stageId) || !isId(laneId) || !(stages.get(stageId) instanceof Y.Map) || !(lanes.get(laneId) instanceof Y.Map)) return;
    cards.push({ carrier: 'card', carrierId: id, mapId });
  });
  const byId = (a: JourneyLink, b: JourneyLink) => (a.carrierId < b.carrierId ? -1 : a.carrierId > b.carrierId ? 1 : 0);
  return [...links.sort(byId), ...cards.sort(byId)];
}
