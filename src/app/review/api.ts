/** "Mark as reviewed" (server: POST /api/maps/:id/review, server/versions.ts markReviewed). */
import { MarkReviewedResultSchema, type MarkReviewedResult } from '../../model/versions';
import { ApiError } from '../api';

/** Marks the map reviewed now (the server's clock) and saves a named version `name`; share-link pages pass their token. */
export async function markReviewed(mapId: string, token: string | null, name: string, createdBy: string): Promise<MarkReviewedResult> {
  const base = `/api/maps/${encodeURIComponent(mapId)}/review`;
  const res = await fetch(token ? `${base}?token=${encodeURIComponent(token)}` : base, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, createdBy }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(body?.error ?? `${res.status} ${res.statusText}`, res.status);
  }
  return MarkReviewedResultSchema.parse(await res.json());
}
