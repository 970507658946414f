/**
 * Linked journeys on the server: the link index follows the documents (a
 * stage or card linked, unlinked, deleted; imported files keep their links),
 * GET /api/maps/:id/journey answers the parents and the linked maps' titles
 * (none to a share link's holder), GET /api/journeys the whole graph, and a
 * deleted map leaves the index.
 */
import { describe, expect, it } from 'vitest';
import { setLinkedMap } from '../../../src/model/commands/journeyLinks';
import { deleteCard } from '../../../src/model';
import { JourneyGraphSchema, MapJourneySchema, type MapJourney } from '../../../src/model/journeys/wire';
import { serverHarness, type Server } from '../../fixtures/harness';
import { smallMapFile } from '../../fixtures/mapFile';
import { createMap, createMapWithLinks, jsonRequest, tokenOf, waitFor } from '../../fixtures/server';

const h = serverHarness();

async function journey(s: Server, id: string, linked: string[] = [], query = ''): Promise<MapJourney> {
  const res = await fetch(`${s.url}/api/maps/${id}/journey?linked=${linked.join(',')}${query}`);
  expect(res.status).toBe(200);
  return MapJourneySchema.parse(await res.json());
}

async function graph(s: Server) {
  const res = await fetch(`${s.url}/api/journeys`);
  expect(res.status).toBe(200);
  return JourneyGraphSchema.parse(await res.json());
}

const parentTitles = async (s: Server, id: string) => (await journey(s, id)).parents.map((p) => p.title);

describe('linked journeys on the server', () => {
  it('indexes a stage’s and a card’s link as they are set and removed, and answers parents and linked titles', async () => {
    const s = await h.start();
    const a = await createMap(s.url, { title: 'After purchase' });
    const b = await createMap(s.url, { title: 'Returns' });
    const c = await createMap(s.url, { title: 'Refunds' });
    const client = await h.client(s, a);
    const stageId = [...client.doc.getMap('stages').keys()][0]!;
    setLinkedMap(client.doc, { carrier: 'stage', id: stageId }, b);
    await waitFor(async () => (await parentTitles(s, b)).length === 1, 'the stage’s link is indexed');
    expect(await journey(s, b)).toEqual({ parents: [{ id: a, title: 'After purchase' }], linked: [], hidden: false });
    // Titles of the linked maps that exist; a missing one is left out.
    expect((await journey(s, a, [b, c, 'noSuchMap'])).linked.map((m) => m.title).sort()).toEqual(['Refunds', 'Returns']);

    // A second map linking to b: both are parents, by title.
    const other = await h.client(s, c);
    setLinkedMap(other.doc, { carrier: 'stage', id: [...other.doc.getMap('stages').keys()][0]! }, b);
    await waitFor(async () => (await parentTitles(s, b)).length === 2, 'the second parent is indexed');
    expect(await parentTitles(s, b)).toEqual(['After purchase', 'Refunds']);

    setLinkedMap(client.doc, { carrier: 'stage', id: stageId }, null);
    await waitFor(async () => (await parentTitles(s, b)).length === 1, 'the removed link leaves the index');
    expect(await parentTitles(s, b)).toEqual(['Refunds']);
  });

  it('keeps an imported file’s links, to maps that exist or not, and drops a deleted card’s link', async () => {
    const s = await h.start();
    const b = await createMap(s.url, { title: 'Returns' });
    const file = smallMapFile();
    const body = {
      ...file,
      meta: { ...file.meta, title: 'Imported' },
      stages: { ...file.stages, s1: { ...file.stages.s1, linkedMapId: 'fromAnotherServer' } },
      cards: { ...file.cards, c1: { ...file.cards.c1, linkedMapId: b } },
    };
    const res = await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', body));
    expect(res.status).toBe(201);
    const a = ((await res.json()) as { id: string }).id;
    expect(await parentTitles(s, b)).toEqual(['Imported']);
    // The export keeps both links.
    const exported = (await (await fetch(`${s.url}/api/maps/${a}/export.json`)).json()) as typeof body;
    expect(exported.stages.s1.linkedMapId).toBe('fromAnotherServer');
    expect(exported.cards.c1.linkedMapId).toBe(b);
    // The missing map is not found, not an error.
    expect((await journey(s, a, ['fromAnotherServer', b])).linked).toEqual([{ id: b, title: 'Returns' }]);
    expect((await graph(s)).links).toEqual([[a, b]]);

    const client = await h.client(s, a);
    deleteCard(client.doc, 'c1');
    await waitFor(async () => (await parentTitles(s, b)).length === 0, 'the deleted card’s link leaves the index');
  });

  it('answers the graph of every map and link between existing maps, and forgets a deleted map', async () => {
    const s = await h.start();
    const a = await createMap(s.url, { title: 'A' });
    const b = await createMap(s.url, { title: 'B' });
    const client = await h.client(s, a);
    const stages = [...client.doc.getMap('stages').keys()];
    // Two stages linking to b: one edge a -> b.
    setLinkedMap(client.doc, { carrier: 'stage', id: stages[0]! }, b);
    setLinkedMap(client.doc, { carrier: 'stage', id: stages[1]! }, b);
    await waitFor(async () => (await graph(s)).links.length === 1, 'the links are indexed');
    const g = await graph(s);
    expect(g.maps.map((m) => m.title).sort()).toEqual(['A', 'B']);
    expect(g.links).toEqual([[a, b]]);
    expect((await fetch(`${s.url}/api/maps/${b}`, { method: 'DELETE' })).status).toBe(204);
    expect((await graph(s)).links).toEqual([]);
    expect((await fetch(`${s.url}/api/maps/${a}`, { method: 'DELETE' })).status).toBe(204);
    expect(await graph(s)).toEqual({ maps: [], links: [] });
  });

  it('shows a share link’s holder no other map’s title; the graph is the workspace’s; bad ids are a 400', async () => {
    const PASSWORD = 'a-workspace-password';
    const s = await h.start({ JOURNEYBOARD_PASSWORD: PASSWORD });
    const login = await fetch(`${s.url}/api/session`, jsonRequest('POST', { password: PASSWORD }));
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const parent = await createMapWithLinks(s.url, { title: 'Secret parent' }, { cookie });
    const child = await createMapWithLinks(s.url, { title: 'Child' }, { cookie });
    const client = await h.client(s, parent.id, { token: tokenOf(parent.links.edit) });
    setLinkedMap(client.doc, { carrier: 'stage', id: [...client.doc.getMap('stages').keys()][0]! }, child.id);
    const asWorkspace = async () =>
      (await (await fetch(`${s.url}/api/maps/${child.id}/journey`, { headers: { cookie } })).json()) as MapJourney;
    await waitFor(async () => (await asWorkspace()).parents.length === 1, 'the link is indexed');

    const viaLink = await fetch(
      `${s.url}/api/maps/${child.id}/journey?linked=${parent.id}&token=${encodeURIComponent(tokenOf(child.links.view))}`,
    );
    expect(viaLink.status).toBe(200);
    const body = await viaLink.text();
    expect(JSON.parse(body)).toEqual({ parents: [], linked: [], hidden: true });
    expect(body).not.toContain('Secret parent');
    expect((await fetch(`${s.url}/api/maps/${child.id}/journey`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/journeys`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/journeys?token=${encodeURIComponent(tokenOf(child.links.edit))}`)).status).toBe(401);
    for (const linked of ['bad id!', '__proto__', Array.from({ length: 201 }, (_, i) => `m${i}`).join(',')]) {
      const res = await fetch(`${s.url}/api/maps/${child.id}/journey?linked=${encodeURIComponent(linked)}`, { headers: { cookie } });
      expect(res.status).toBe(400);
    }
    expect((await fetch(`${s.url}/api/maps/nope/journey`, { headers: { cookie } })).status).toBe(404);
  });
});

describe('linked journeys in a cluster (PostgreSQL)', () => {
  it('shows on one node the parent a stage linked on another node', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2);
    const [a, b] = nodes as [Server, Server];
    const parent = await createMap(a.url, { title: '售后' });
    const child = await createMap(a.url, { title: '退货' });
    const client = await h.client(a, parent);
    setLinkedMap(client.doc, { carrier: 'stage', id: [...client.doc.getMap('stages').keys()][0]! }, child);
    await waitFor(async () => (await parentTitles(b, child)).length === 1, 'the link is seen from the other node');
    expect(await parentTitles(b, child)).toEqual(['售后']);
    expect((await graph(b)).links).toEqual([[parent, child]]);
  });
});
