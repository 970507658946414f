/** The REST API, validated with the same zod schemas the server uses. */
import { z } from 'zod';
import { MapSummarySchema, type CreateMapRequest, type MapSummary } from '../model/schema';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function request<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json', ...init.headers } : init?.headers,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(body?.error ?? `${res.status} ${res.statusText}`, res.status);
  }
  if (res.status === 204) return schema.parse(undefined);
  return schema.parse(await res.json());
}

const CreatedSchema = z.object({ id: z.string() }).loose();

/** Every map, newest edit first; `q` keeps those whose title contains it (any case). */
export const listMaps = (q?: string): Promise<MapSummary[]> =>
  request(q ? `/api/maps?q=${encodeURIComponent(q)}` : '/api/maps', z.array(MapSummarySchema));

export const createMap = (req: CreateMapRequest): Promise<{ id: string }> =>
  request('/api/maps', CreatedSchema, { method: 'POST', body: JSON.stringify(req) });

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
