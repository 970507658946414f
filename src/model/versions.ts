/**
 * The version history API's wire shapes (server/versions.ts; README "REST
 * API"), so the client and the server validate them with one definition.
 */
import { z } from 'zod';

export const VERSION_KINDS = ['named', 'auto'] as const;
export const VersionKindSchema = z.enum(VERSION_KINDS);
export type VersionKind = z.infer<typeof VersionKindSchema>;

export const MAX_VERSION_NAME = 100;
export const MAX_VERSION_AUTHOR = 60;

/** One saved version as the list shows it (its content is fetched separately). */
export const VersionSummarySchema = z.object({
  id: z.string(),
  /** '' for automatic versions */
  name: z.string().max(MAX_VERSION_NAME),
  kind: VersionKindSchema,
  createdAt: z.number().int(),
  /** the name the saving client gave; '' if none */
  createdBy: z.string().max(MAX_VERSION_AUTHOR),
  /** stored (compressed) size */
  bytes: z.number().int().nonnegative(),
  /** cards on the map at that moment */
  cards: z.number().int().nonnegative(),
  /** set on the automatic version taken just before a restore: the id of the version that was restored */
  beforeRestoreOf: z.string().optional(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

/** GET /api/maps/:id/versions */
export const VersionListSchema = z.object({
  versions: z.array(VersionSummarySchema),
  /** everything the map stores (document, comments, versions) against MAX_MAP_STORAGE_BYTES */
  storage: z.object({ bytes: z.number().int().nonnegative(), limit: z.number().int().positive() }),
});
export type VersionList = z.infer<typeof VersionListSchema>;

const author = z.string().trim().max(MAX_VERSION_AUTHOR).optional();

/** POST /api/maps/:id/versions */
export const CreateVersionRequestSchema = z.object({
  name: z.string().trim().min(1).max(MAX_VERSION_NAME),
  createdBy: author,
});

/** POST /api/maps/:id/versions/:versionId/restore */
export const RestoreVersionRequestSchema = z.object({ createdBy: author });

/** POST …/restore answers this: the version restored, and the automatic version that keeps what was there before. */
export const RestoreResultSchema = z.object({ restored: z.string(), backup: z.string() });

/** POST /api/maps/:id/review: marks the map reviewed now and saves a named version `name` (the client's words, in its language). */
export const MarkReviewedRequestSchema = CreateVersionRequestSchema;

/** POST /api/maps/:id/review answers this: when (the server's clock) and the named version saved. */
export const MarkReviewedResultSchema = z.object({ lastReviewedAt: z.number().int().nonnegative(), version: VersionSummarySchema });
export type MarkReviewedResult = z.infer<typeof MarkReviewedResultSchema>;
