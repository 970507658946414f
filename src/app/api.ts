/**
 * The REST API, every answer validated with the same zod schemas the server
 * uses; zod/mini, so the dashboard does not load zod's full API.
 */
import * as z from 'zod/mini';
import { MapListSchema, MapSummarySchema, type MapList, type MapSummary } from '../model/mapList';
import type { CreateMapRequest, MapListQuery } from '../model/schema';
import { CardSearchResultSchema, type CardSearchQuery, type CardSearchResult } from '../model/cardSearch';

// An answer that fails its schema is shown with zod's issue messages: in English, as zod's full API (which loads
// this locale itself) writes them, rather than zod/mini's bare "Invalid input".
z.config(z.locales.en());

/** What is wrong with a request body, and where (the server's validation). */
export const ApiIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

const ErrorBodySchema = z.object({ error: z.string(), issues: z.optional(z.array(ApiIssueSchema)) });

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** the server's list of what is wrong (400 on an invalid body); empty if it sent none */
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
  }
}

async function request<T>(path: string, schema: z.ZodMiniType<T>, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json', ...init.headers } : init?.headers,
  });
  if (!res.ok) {
    const body = ErrorBodySchema.safeParse(await res.json().catch(() => null));
    const message = body.success ? body.data.error : `${res.status} ${res.statusText}`;
    throw new ApiError(message, res.status, body.success ? (body.data.issues ?? []) : []);
  }
  if (res.status === 204) return schema.parse(undefined);
  return schema.parse(await res.json());
}

const CreatedSchema = z.looseObject({ id: z.string() });

/**
 * One page of the maps whose title contains `q` (any case), in `sort` order;
 * pass the previous page's `nextCursor` as `cursor` for the next one.
 * Parameters left out take the server's defaults.
 */
export function listMaps(query: Partial<MapListQuery>, signal?: AbortSignal): Promise<MapList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return request(search ? `/api/maps?${search}` : '/api/maps', MapListSchema, { signal });
}

/** The cards whose text contains `q` in every map (GET /api/search), optionally only those of one lane kind. */
export function searchCardsApi({ q, kind }: CardSearchQuery, signal?: AbortSignal): Promise<CardSearchResult> {
  const params = new URLSearchParams({ q });
  if (kind) params.set('kind', kind);
  return request(`/api/search?${params.toString()}`, CardSearchResultSchema, { signal });
}

/** One map's summary (title, times, stats). */
export const getMapApi = (id: string): Promise<MapSummary> => request(`/api/maps/${encodeURIComponent(id)}`, MapSummarySchema);

export const createMap = (req: CreateMapRequest): Promise<{ id: string }> =>
  request('/api/maps', CreatedSchema, { method: 'POST', body: JSON.stringify(req) });

/**
 * A new map from a map file's text (src/model/exchange/mapFile.ts), sent as
 * it is: the server validates it. An invalid file rejects with an ApiError
 * whose `issues` say what is wrong and where (400), or status 413 if too large.
 */
export const importMapApi = (fileText: string): Promise<{ id: string }> =>
  request('/api/maps/import', CreatedSchema, { method: 'POST', body: fileText });

/** A copy of the map as it is now (live edits included); without `title` it is "<title> (copy)". */
export const duplicateMapApi = (id: string, title?: string): Promise<{ id: string }> =>
  request(`/api/maps/${encodeURIComponent(id)}/duplicate`, CreatedSchema, {
    method: 'POST',
    body: JSON.stringify(title === undefined ? {} : { title }),
  });

export const renameMapApi = (id: string, title: string): Promise<MapSummary> =>
  request(`/api/maps/${encodeURIComponent(id)}`, MapSummarySchema, { method: 'PATCH', body: JSON.stringify({ title }) });

export const deleteMapApi = (id: string): Promise<void> =>
  request(`/api/maps/${encodeURIComponent(id)}`, z.undefined(), { method: 'DELETE' });
