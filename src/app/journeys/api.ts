/** Linked journeys' API (server/http/journeyRoutes.ts), every answer validated. */
import { JourneyGraphSchema, MapJourneySchema, type JourneyGraph, type MapJourney } from '../../model/journeys/wire';
import { ApiError } from '../api';

async function getJson<T>(url: string, schema: { parse(value: unknown): T }, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(body?.error ?? `${res.status} ${res.statusText}`, res.status);
  }
  return schema.parse(await res.json());
}

/** The maps linking to `mapId` and the titles of the `linked` maps that exist; a share link's page carries its token. */
export function getMapJourney(mapId: string, token: string | null, linked: readonly string[], signal?: AbortSignal): Promise<MapJourney> {
  const params = new URLSearchParams();
  if (linked.length > 0) params.set('linked', linked.join(','));
  if (token) params.set('token', token);
  const query = params.toString();
  return getJson(`/api/maps/${encodeURIComponent(mapId)}/journey${query ? `?${query}` : ''}`, MapJourneySchema, signal);
}

/** Every map and every link between maps, for the dashboard's tree. */
export const getJourneyGraph = (signal?: AbortSignal): Promise<JourneyGraph> => getJson('/api/journeys', JourneyGraphSchema, signal);
