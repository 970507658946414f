/** The version-history API of one map (server: /api/maps/:id/versions). */
import { z } from 'zod';
import { MapDocumentSchema } from '../../model/schema';
import { RestoreResultSchema, VersionListSchema, VersionSummarySchema, type VersionSummary } from '../../model/versions';
import { migrateMapJSON } from '../../model/migrate';
import { ApiError } from '../api';
import { CompareResultSchema } from '../../model/compare/wire';

export type Version = VersionSummary;

async function call<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: init?.body ? { 'content-type': 'application/json' } : undefined });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(body?.error ?? `${res.status} ${res.statusText}`, res.status);
  }
  return schema.parse(res.status === 204 ? undefined : await res.json());
}

/** Share-link pages carry their token to the API too. */
function url(mapId: string, path: string, token: string | null): string {
  const base = `/api/maps/${encodeURIComponent(mapId)}/versions${path}`;
  return token ? `${base}?token=${encodeURIComponent(token)}` : base;
}

export const listVersions = (mapId: string, token: string | null) => call(url(mapId, '', token), VersionListSchema);

export const saveVersion = (mapId: string, token: string | null, name: string, createdBy: string) =>
  call(url(mapId, '', token), VersionSummarySchema, { method: 'POST', body: JSON.stringify({ name, createdBy }) });

/** A version's content, in the open format (migrated if it is older). */
export const previewVersion = async (mapId: string, token: string | null, versionId: string) => {
  const raw = await call(url(mapId, `/${encodeURIComponent(versionId)}`, token), z.record(z.string(), z.unknown()));
  const content = 'map' in raw ? raw.map : raw;
  return MapDocumentSchema.parse(migrateMapJSON(content));
};

export const restoreVersion = (mapId: string, token: string | null, versionId: string, createdBy: string) =>
  call(url(mapId, `/${encodeURIComponent(versionId)}/restore`, token), RestoreResultSchema, {
    method: 'POST',
    body: JSON.stringify({ createdBy }),
  });

export const deleteVersion = (mapId: string, token: string | null, versionId: string) =>
  call(url(mapId, `/${encodeURIComponent(versionId)}`, token), z.unknown(), { method: 'DELETE' });

/** What changed from version `from` to version `to` (or COMPARE_NOW: the map now), worked out by the server. */
export const compareVersions = (mapId: string, token: string | null, from: string, to: string) =>
  call(url(mapId, `/${encodeURIComponent(from)}/compare/${encodeURIComponent(to)}`, token), CompareResultSchema);
