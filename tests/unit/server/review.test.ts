/**
 * Owners and freshness on the server: the map list carries each map's owner
 * and review fields (from its row, kept by the room), filters by owner and
 * freshness and puts overdue maps first; "Mark as reviewed" sets
 * lastReviewedAt on the server's clock, saves a named version and updates
 * the row at once; only an edit link may mark a map reviewed.
 */
import { describe, expect, it } from 'vitest';
import { MapListSchema, metaMap, updateMeta, change } from '../../../src/model';
import { DAY_MS } from '../../../src/model/review';
import { MarkReviewedResultSchema, VersionListSchema } from '../../../src/model/versions';
import { serverHarness, type Server } from '../../fixtures/harness';
import { smallMapFile } from '../../fixtures/mapFile';
import { createMap, createMapWithLinks, jsonRequest, tokenOf, waitFor } from '../../fixtures/server';

const PASSWORD = 'a-workspace-password';
const h = serverHarness();

async function list(s: Server, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/api/maps?${new URLSearchParams(params).toString()}`, { headers });
  expect(res.status).toBe(200);
  return MapListSchema.parse(await res.json());
}

/** Imports the small map file with these meta fields: the way to have a map reviewed long ago. */
async function importWith(s: Server, title: string, meta: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const file = smallMapFile();
  const body = { ...file, meta: { ...file.meta, title, ...meta } };
  const res = await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', body, headers));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const review = (s: Server, id: string, body: unknown, query = '') =>
  fetch(`${s.url}/api/maps/${id}/review${query}`, jsonRequest('POST', body));

describe('map list: owners and freshness', () => {
  it('carries owner and review fields, puts overdue maps first, filters by owner and freshness, and lists the owners', async () => {
    const s = await h.start();
    const now = Date.now();
    const stale = await importWith(s, 'Stale onboarding', { owner: 'Ana Li', reviewEveryDays: 30, lastReviewedAt: now - 100 * DAY_MS });
    const current = await importWith(s, 'Fresh checkout', { owner: 'ana li ', reviewEveryDays: 90, lastReviewedAt: now - 10 * DAY_MS });
    const unscheduled = await importWith(s, 'Unscheduled support', { owner: '王芳' });
    const plain = await createMap(s.url, { title: 'Newest plain map' });

    const all = await list(s);
    // Newest first, except the overdue map, which leads.
    expect(all.maps.map((m) => m.id)).toEqual([stale, plain, unscheduled, current]);
    expect(all.stale).toBe(1);
    // One entry per owner whatever the case, spelt as on the most recently edited of their maps.
    expect(all.owners).toEqual(['ana li', '王芳']);
    const staleSummary = all.maps[0]!;
    expect(staleSummary.stats?.review).toMatchObject({ owner: 'Ana Li', reviewEveryDays: 30, lastReviewedAt: now - 100 * DAY_MS });
    expect(all.maps.find((m) => m.id === plain)?.stats?.review).toEqual({ createdAt: expect.any(Number) as number });

    // By title too, the overdue map first.
    expect((await list(s, { sort: 'title' })).maps.map((m) => m.id)).toEqual([stale, current, plain, unscheduled]);

    // Owner: trimmed, any case.
    const ana = await list(s, { owner: '  ANA LI' });
    expect(ana.maps.map((m) => m.id)).toEqual([stale, current]);
    expect(ana.total).toBe(2);
    expect(ana.owners).toHaveLength(2); // the facet is the workspace's, not the filtered page's

    expect((await list(s, { freshness: 'stale' })).maps.map((m) => m.id)).toEqual([stale]);
    expect((await list(s, { freshness: 'current' })).maps.map((m) => m.id)).toEqual([current]);
    expect((await list(s, { freshness: 'unscheduled' })).maps.map((m) => m.id)).toEqual([plain, unscheduled]);
    expect((await list(s, { freshness: 'current', owner: '王芳' })).total).toBe(0);

    const bad = await fetch(`${s.url}/api/maps?freshness=old`);
    expect(bad.status).toBe(400);
  });

  it('pages through overdue maps first, each map once, with the cursor carrying the instant of the first page', async () => {
    const s = await h.start();
    const now = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await importWith(s, `Map ${i}`, i % 2 ? { reviewEveryDays: 30, lastReviewedAt: now - 40 * DAY_MS } : {}));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(s, { limit: '2', ...(cursor ? { cursor } : {}) });
      seen.push(...page.maps.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[3], ids[1], ids[4], ids[2], ids[0]]);
  });

  it('keeps the row current as editors set the owner and the cadence', async () => {
    const s = await h.start();
    const id = await createMap(s.url, { title: 'Edited' });
    const client = await h.client(s, id);
    change(client.doc, () => updateMeta(client.doc, { owner: 'Mei', reviewEveryDays: 60 }));
    await waitFor(async () => (await list(s, { owner: 'mei' })).total === 1, 'owner on the row');
    const [map] = (await list(s, { owner: 'mei' })).maps;
    expect(map?.stats?.review).toMatchObject({ owner: 'Mei', reviewEveryDays: 60 });
    expect((await list(s, { freshness: 'current' })).maps.map((m) => m.id)).toEqual([id]);
  });
});

describe('POST /api/maps/:id/review', () => {
  it('sets lastReviewedAt on the server clock, saves a named version with it, and the map leaves the overdue list at once', async () => {
    const s = await h.start();
    const id = await importWith(s, 'Overdue', { owner: 'Ana', reviewEveryDays: 30, lastReviewedAt: Date.now() - 45 * DAY_MS });
    const client = await h.client(s, id);
    expect((await list(s, { freshness: 'stale' })).maps.map((m) => m.id)).toEqual([id]);

    const before = Date.now();
    const res = await review(s, id, { name: 'Reviewed 4 Dec', createdBy: 'Ana' });
    expect(res.status).toBe(200);
    const result = MarkReviewedResultSchema.parse(await res.json());
    expect(result.lastReviewedAt).toBeGreaterThanOrEqual(before);
    expect(result.version).toMatchObject({ name: 'Reviewed 4 Dec', kind: 'named', createdBy: 'Ana' });

    // No wait: the row was written with the review.
    const lists = await list(s);
    expect(lists.stale).toBe(0);
    expect(lists.maps[0]?.stats?.review?.lastReviewedAt).toBe(result.lastReviewedAt);
    expect((await list(s, { freshness: 'current' })).maps.map((m) => m.id)).toEqual([id]);

    // Everyone on the map sees it live.
    await waitFor(() => metaMap(client.doc).get('lastReviewedAt') === result.lastReviewedAt, 'lastReviewedAt reaches the client');

    // The named version holds the review.
    const versions = VersionListSchema.parse(await (await fetch(`${s.url}/api/maps/${id}/versions`)).json()).versions;
    expect(versions.map((v) => v.id)).toContain(result.version.id);
    const content = (await (await fetch(`${s.url}/api/maps/${id}/versions/${result.version.id}`)).json()) as {
      map: { meta: { lastReviewedAt?: number } };
    };
    expect(content.map.meta.lastReviewedAt).toBe(result.lastReviewedAt);

    // And the export carries it.
    const exported = (await (await fetch(`${s.url}/api/maps/${id}/export.json`)).json()) as { meta: Record<string, unknown> };
    expect(exported.meta).toMatchObject({ owner: 'Ana', reviewEveryDays: 30, lastReviewedAt: result.lastReviewedAt, schemaVersion: 4 });
  });

  it('takes the mark back when the version cannot be saved (named version limit)', async () => {
    const s = await h.start({ MAX_VERSIONS_PER_MAP: 1 });
    const id = await importWith(s, 'Full', { reviewEveryDays: 30, lastReviewedAt: 1_000 });
    expect((await fetch(`${s.url}/api/maps/${id}/versions`, jsonRequest('POST', { name: 'one' }))).status).toBe(201);
    const res = await review(s, id, { name: 'Reviewed' });
    expect(res.status).toBe(409);
    const client = await h.client(s, id);
    expect(metaMap(client.doc).get('lastReviewedAt')).toBe(1_000);
  });

  it('needs an edit link: view and comment links get 403; a name is required', async () => {
    const s = await h.start({ JOURNEYBOARD_PASSWORD: PASSWORD });
    const login = await fetch(`${s.url}/api/session`, jsonRequest('POST', { password: PASSWORD }));
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { id, links } = await createMapWithLinks(s.url, {}, { cookie });
    for (const link of [links.view, links.comment]) {
      expect((await review(s, id, { name: 'Reviewed' }, `?token=${encodeURIComponent(tokenOf(link))}`)).status).toBe(403);
    }
    expect((await review(s, id, { name: '' }, `?token=${encodeURIComponent(tokenOf(links.edit))}`)).status).toBe(400);
    expect((await review(s, id, { name: 'Reviewed' }, `?token=${encodeURIComponent(tokenOf(links.edit))}`)).status).toBe(200);
  });
});
