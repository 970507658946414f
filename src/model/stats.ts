/** The dashboard's summary of a map, read from its doc (stored with the map's row; MapStatsSchema). */
import * as Y from 'yjs';
import { collection, listEntities, metaMap, readEntity } from './doc';
import type { MapStats } from './mapList';

/** Stage names a map's summary carries (MapStatsSchema). */
export const MAX_STAT_STAGE_NAMES = 20;

/**
 * The dashboard's summary of a map. Cheap enough to run on every write: the
 * few stages and lanes are parsed, cards are only counted, as the map shows
 * them (a card whose stage or lane is gone is not shown, nor exported).
 */
export function mapStats(doc: Y.Doc): MapStats {
  const stages = listEntities(doc, 'stages');
  const stageIds = new Set(stages.map((s) => s.id));
  const laneIds = new Set(listEntities(doc, 'lanes').map((l) => l.id));
  let cards = 0;
  collection(doc, 'cards').forEach((card) => {
    if (card instanceof Y.Map && stageIds.has(card.get('stageId') as string) && laneIds.has(card.get('laneId') as string)) cards++;
  });
  const personaId = metaMap(doc).get('personaId');
  const persona = typeof personaId === 'string' ? (readEntity(doc, 'personas', personaId)?.name ?? '') : '';
  // Keys in MapStatsSchema's order: the stored JSON is compared as text.
  return { stages: stages.length, cards, persona, stageNames: stages.slice(0, MAX_STAT_STAGE_NAMES).map((s) => s.name) };
}
