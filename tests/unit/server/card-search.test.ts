/**
 * GET /api/search: cards found by text in every map, in English and Chinese,
 * from each map's searchable copy (kept by the room as people edit, stored
 * at once when a map is created or imported, and indexed at startup for a
 * map saved before search existed); the lane-kind filter, the cap, and who
 * may search.
 */
import { describe, expect, it } from 'vitest';
import { addCard, change, docFromMapDocument, editSharedText } from '../../../src/model';
import { CardSearchResultSchema, MAX_SEARCH_CARDS, type CardSearchResult } from '../../../src/model/cardSearch';
import { serverHarness, type Server } from '../../fixtures/harness';
import { bigMapFile, smallMapFile } from '../../fixtures/mapFile';
import { createMap, createMapWithLinks, jsonRequest, storeMapDoc, tokenOf, waitFor } from '../../fixtures/server';

const h = serverHarness();

async function search(s: Server, params: Record<string, string>, headers: Record<string, string> = {}): Promise<CardSearchResult> {
  const res = await fetch(`${s.url}/api/search?${new URLSearchParams(params).toString()}`, { headers });
  expect(res.status).toBe(200);
  return CardSearchResultSchema.parse(await res.json());
}

/** Imports the small map (two stages, a touchpoint and a KPI lane) plus a pain-point lane with these cards in its first stage. */
async function importMap(s: Server, title: string, pains: string[], headers: Record<string, string> = {}): Promise<string> {
  const file = smallMapFile();
  const body = {
    ...file,
    meta: { ...file.meta, title },
    lanes: { ...file.lanes, l3: { id: 'l3', order: 'a2', kind: 'painPoints', name: '痛点', department: '' } },
    cards: {
      ...file.cards,
      ...Object.fromEntries(
        pains.map((text, i) => [`p${i}`, { id: `p${i}`, order: `a${i}`, laneId: 'l3', stageId: 's1', text, votes: {} }]),
      ),
    },
  };
  const res = await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', body, headers));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const texts = (r: CardSearchResult) => r.maps.map((m) => [m.title, m.cards.map((c) => c.text)]);

describe('GET /api/search', () => {
  it('finds cards by a Chinese substring in every map, most recently edited map first, with lane kind, lane and stage', async () => {
    const s = await h.start();
    await importMap(s, '会员复购', ['配送太慢', '客服没回复']);
    await importMap(s, '新客首单', ['快递配送员没打电话']);
    await importMap(s, '退货', ['退款很慢']);
    const r = await search(s, { q: '配送' });
    expect(texts(r)).toEqual([
      ['新客首单', ['快递配送员没打电话']],
      ['会员复购', ['配送太慢']],
    ]);
    expect(r.maps[1]!.cards[0]).toMatchObject({ kind: 'painPoints', lane: '痛点', stage: '认知' });
    expect(r).toMatchObject({ cards: 2, capped: false, unindexed: 0 });
  });

  it('matches Latin text in any case (full-width too), filters by lane kind, and finds nothing for a stage name', async () => {
    const s = await h.start();
    const id = await importMap(s, 'Checkout', ['Late DELIVERY of the parcel', 'Delivery slot unclear']);
    const client = await h.client(s, id);
    addCard(client.doc, { laneId: 'l1', stageId: 's2', text: 'Delivery tracking page' });
    await waitFor(async () => (await search(s, { q: 'tracking' })).cards === 1, 'the new card becomes searchable');

    expect((await search(s, { q: 'delivery' })).cards).toBe(3);
    expect((await search(s, { q: 'ＤＥＬＩＶＥＲＹ' })).cards).toBe(3);
    expect(texts(await search(s, { q: 'delivery', kind: 'painPoints' }))).toEqual([
      ['Checkout', ['Late DELIVERY of the parcel', 'Delivery slot unclear']],
    ]);
    expect((await search(s, { q: 'delivery', kind: 'touchpoints' })).maps[0]!.cards.map((c) => c.text)).toEqual(['Delivery tracking page']);
    expect((await search(s, { q: '认知' })).cards).toBe(0);
  });

  it('follows edits: a card’s changed text is found by its new words, not its old ones; a deleted map is gone', async () => {
    const s = await h.start();
    const id = await importMap(s, 'Edited', ['配送太慢']);
    const client = await h.client(s, id);
    change(client.doc, () => editSharedText(client.doc, 'cards', 'p0', 'text', '物流太慢'));
    await waitFor(async () => (await search(s, { q: '物流' })).cards === 1, 'the new text is searchable');
    expect((await search(s, { q: '配送' })).cards).toBe(0);
    expect((await fetch(`${s.url}/api/maps/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await search(s, { q: '物流' })).cards).toBe(0);
  });

  it(`answers at most ${MAX_SEARCH_CARDS} cards and says so`, async () => {
    const s = await h.start();
    const file = bigMapFile(MAX_SEARCH_CARDS + 50, 40);
    const res = await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', file));
    expect(res.status).toBe(201);
    const r = await search(s, { q: '小红书' });
    expect(r.cards).toBe(MAX_SEARCH_CARDS);
    expect(r.maps[0]!.cards).toHaveLength(MAX_SEARCH_CARDS);
    expect(r.capped).toBe(true);
  });

  it('indexes at startup a map stored without a searchable copy (saved before search existed)', async () => {
    const first = await h.start();
    await first.close();
    const store = h.openStore(first.config.DATA_DIR);
    const doc = docFromMapDocument({
      ...smallMapFile(),
      cards: { c9: { id: 'c9', order: 'a0', laneId: 'l1', stageId: 's1', text: '配送延误', votes: {} } },
    });
    await storeMapDoc(store, 'legacyMap', doc);
    expect(await store.unsearchableMaps()).toEqual(['legacyMap']);
    await store.close();
    const s = await h.start({ DATA_DIR: first.config.DATA_DIR });
    await waitFor(async () => (await search(s, { q: '配送' })).cards === 1, 'the old map is indexed');
    expect((await search(s, { q: '配送' })).unindexed).toBe(0);
  });

  it('refuses a query that is empty, longer than 200 characters, more than one line, or of an unknown lane kind', async () => {
    const s = await h.start();
    const queries: Record<string, string>[] = [{ q: '  ' }, { q: 'x'.repeat(201) }, { q: '配送\n太慢' }, { q: 'a', kind: 'pains' }, {}];
    for (const params of queries) {
      const res = await fetch(`${s.url}/api/search?${new URLSearchParams(params).toString()}`);
      expect(res.status).toBe(400);
    }
  });

  it('is the workspace’s: a share link, which opens one map, does not search the others', async () => {
    const PASSWORD = 'a-workspace-password';
    const s = await h.start({ JOURNEYBOARD_PASSWORD: PASSWORD });
    const login = await fetch(`${s.url}/api/session`, jsonRequest('POST', { password: PASSWORD }));
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    await importMap(s, 'Private', ['配送太慢'], { cookie });
    const { links } = await createMapWithLinks(s.url, {}, { cookie });
    expect((await search(s, { q: '配送' }, { cookie })).cards).toBe(1);
    expect((await fetch(`${s.url}/api/search?q=%E9%85%8D%E9%80%81`)).status).toBe(401);
    const viaLink = await fetch(`${s.url}/api/search?q=%E9%85%8D%E9%80%81&token=${encodeURIComponent(tokenOf(links.edit))}`);
    expect(viaLink.status).toBe(401);
  });
});

describe('GET /api/search in a cluster (PostgreSQL)', () => {
  it('finds a card typed on one node from another node', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2);
    const [a, b] = nodes as [Server, Server];
    const id = await createMap(a.url, { title: '集群' });
    const client = await h.client(a, id);
    const lanes = client.doc.getMap('lanes');
    const stages = client.doc.getMap('stages');
    const laneId = [...lanes.keys()][0]!;
    const stageId = [...stages.keys()][0]!;
    addCard(client.doc, { laneId, stageId, text: '配送地址填错' });
    await waitFor(async () => (await search(b, { q: '地址' })).cards === 1, 'found through the other node');
    expect(texts(await search(b, { q: '配送' }))).toEqual([['集群', ['配送地址填错']]]);
  });
});
