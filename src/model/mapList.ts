/**
 * What the API answers about maps: one map's summary, a page of the map
 * list. In zod/mini, so the dashboard validates every answer without
 * loading zod's full API; the server stores the same summaries.
 */
import * as z from 'zod/mini';
import { ID_CHECKS } from './ids';

/** What the dashboard shows of a map's content (src/model/stats.ts reads it from the doc). */
export const MapStatsSchema = z.object({
  stages: z.int().check(z.nonnegative()),
  cards: z.int().check(z.nonnegative()),
  persona: z.string(),
  stageNames: z.array(z.string()).check(z.maxLength(20)),
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
});
export type MapList = z.infer<typeof MapListSchema>;
