/**
 * Version compare's wire shapes (GET /api/maps/:id/versions/:from/compare/:to,
 * server/http/versionRoutes.ts), so the client and the server validate them
 * with one definition.
 */
import { z } from 'zod';
import { MapDocumentSchema } from '../schema';
import { VersionKindSchema } from '../versions';
import { MapDiffSchema } from './diff';

/** The `to` of a compare that means the map as the server holds it this instant. */
export const COMPARE_NOW = 'now';

/** One side of a compare: a saved version, or the map now. */
export const CompareSideSchema = z.object({
  /** the version's id, or COMPARE_NOW */
  id: z.string(),
  kind: z.union([VersionKindSchema, z.literal(COMPARE_NOW)]),
  /** a named version's name; '' otherwise */
  name: z.string(),
  createdAt: z.number().int(),
});
export type CompareSideRef = z.infer<typeof CompareSideSchema>;

export const CompareResultSchema = z.object({
  from: CompareSideSchema,
  to: CompareSideSchema,
  diff: MapDiffSchema,
  /** what the canvas shows: `to`'s map with what was removed since `from` put back where it was (view.ts) */
  view: MapDocumentSchema,
});
export type CompareResult = z.infer<typeof CompareResultSchema>;
