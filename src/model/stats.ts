/** The dashboard's summary of a map, read from its doc (stored with the map's row; MapStatsSchema). */
import * as Y from 'yjs';
import { collection, listEntities, metaMap, readEntity } from './doc';
import { maxLength } from './limits';
import { REVIEW_DAYS_RANGE } from './review';
import { MetaSchema } from './schema';
import type { MapReview, MapStats } from './mapList';

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
  return {
    stages: stages.length,
    cards,
    persona,
    stageNames: stages.slice(0, MAX_STAT_STAGE_NAMES).map((s) => s.name),
    review: mapReview(metaMap(doc)),
  };
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * The owner and review fields of a map's meta, as its row carries them. A
 * client may write anything into meta: values the format does not allow are
 * left out (as a reader's repair would drop them).
 */
export function mapReview(meta: Y.Map<unknown>): MapReview {
  const owner = meta.get('owner');
  const every = meta.get('reviewEveryDays');
  const reviewed = meta.get('lastReviewedAt');
  const created = meta.get('createdAt');
  const maxOwner = maxLength(MetaSchema.shape.owner);
  // Keys in MapReviewSchema's order.
  const out: Partial<MapReview> = {};
  if (typeof owner === 'string' && owner.trim() !== '') out.owner = owner.trim().slice(0, maxOwner);
  if (isWhole(every) && every >= REVIEW_DAYS_RANGE.min && every <= REVIEW_DAYS_RANGE.max) out.reviewEveryDays = every;
  if (isWhole(reviewed)) out.lastReviewedAt = reviewed;
  out.createdAt = isWhole(created) ? created : 0;
  return out as MapReview;
}
