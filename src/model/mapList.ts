/**
 * What the API answers about maps: one map's summary, a page of the map
 * list. In zod/mini, so the dashboard validates every answer without
 * loading zod's full API; the server stores the same summaries.
 */
import * as z from 'zod/mini';
import { ID_CHECKS } from './ids';

/**
 * A map's owner and review cadence as its meta holds them (src/model/review.ts),
 * with the meta's createdAt, which the freshness rule reads for a map never
 * reviewed. Absent fields are unset.
 */
export const MapReviewSchema = z.object({
  owner: z.optional(z.string()),
  reviewEveryDays: z.optional(z.int().check(z.positive())),
  lastReviewedAt: z.optional(z.number()),
  createdAt: z.number(),
});
export type MapReview = z.infer<typeof MapReviewSchema>;

/** What the dashboard shows of a map's content (src/model/stats.ts reads it from the doc). */
export const MapStatsSchema = z.object({
  stages: z.int().check(z.nonnegative()),
  cards: z.int().check(z.nonnegative()),
  persona: z.string(),
  stageNames: z.array(z.string()).check(z.maxLength(20)),
  /** owner and freshness; absent on rows written before they existed */
  review: z.optional(MapReviewSchema),
});
export type MapStats = z.infer<typeof MapStatsSchema>;

/** Map summary as the REST API returns it. */
export const MapSummarySchema = z.object({
  id: z.string().check(...ID_CHECKS),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** absent until first saved */
  stats: z.optional(MapStatsSchema),
});
export type MapSummary = z.infer<typeof MapSummarySchema>;

/** One page of `GET /api/maps`: `total` counts every map matching `q`; `nextCursor` is null on the last page. */
export const MapListSchema = z.object({
  maps: z.array(MapSummarySchema),
  nextCursor: z.nullable(z.string()),
  total: z.int().check(z.nonnegative()),
  /** every owner named on a map of the workspace, once each (any case), sorted: the owner filter's choices */
  owners: z.optional(z.array(z.string())),
  /** maps overdue for review in the whole workspace (whatever the filters) */
  stale: z.optional(z.int().check(z.nonnegative())),
});
export type MapList = z.infer<typeof MapListSchema>;
