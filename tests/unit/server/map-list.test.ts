/**
 * `GET /api/maps` with 2,000 maps, over real HTTP: keyset pages in both
 * orders (every map exactly once, in order, while maps are edited between
 * pages), search with totals, validation of every parameter, and pages that
 * stay small.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MapListSchema, newId, type Locale, type MapList, type MapSort } from '../../../src/model';
import type { MapRecord } from '../../../server/store/types';
import { serverHarness, type Server } from '../../fixtures/harness';
import { jsonRequest } from '../../fixtures/server';

const MAPS = 2000;
const STAGES = ['Awareness', 'Consideration', 'Decision', 'Onboarding', 'Usage', 'Advocacy'];
/** Every tenth map is about checkout; a few titles repeat, numbers must sort by value, some are Chinese. */
function titleOf(i: number): string {
  if (i % 10 === 0) return `Checkout journey ${i}`;
  if (i % 10 === 1) return `会员复购旅程 ${i}`;
  if (i % 10 === 2) return 'Same title';
  if (i % 10 === 3) return `onboarding ${i}`;
  return `Map ${i}`;
}

const h = serverHarness();
/** One server for the whole file (2,000 maps take a while to insert). */
let server: Server;
/** The maps as inserted. The tests run in order: the first reads them as they are, later ones rename and delete some. */
const inserted: MapRecord[] = [];

beforeAll(async () => {
  server = await h.startForFile();
  const start = 1_700_000_000_000;
  for (let i = 0; i < MAPS; i++) {
    // 1,000 distinct times for 2,000 maps: every time is shared, so ties must go by id.
    const updatedAt = start + ((i * 7919) % 1000) * 1000;
    const record: MapRecord = {
      id: newId(),
      title: titleOf(i),
      createdAt: updatedAt,
      updatedAt,
      stats: { stages: 6, cards: i % 40, persona: 'Lina, 34', stageNames: STAGES },
    };
    inserted.push(record);
    // Straight into the store, for speed; an empty Yjs update is a valid state.
    await server.store.createMap(record, new Uint8Array([0, 0]));
  }
});

type Params = Partial<Record<'q' | 'sort' | 'locale' | 'limit' | 'cursor', string>>;
const get = (params: Params) => fetch(`${server.url}/api/maps?${new URLSearchParams(params as Record<string, string>)}`);
async function page(params: Params): Promise<MapList & { bytes: number }> {
  const res = await get(params);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { ...MapListSchema.parse(JSON.parse(text)), bytes: Buffer.byteLength(text) };
}

/** Every page from the first to the last, calling `between` after each page. */
async function allPages(params: Params, between: (pageIndex: number, seen: string[]) => Promise<void> = async () => {}) {
  const pages: MapList[] = [];
  let cursor: string | null = null;
  do {
    const next = await page({ ...params, ...(cursor ? { cursor } : {}) });
    pages.push(next);
    cursor = next.nextCursor;
    await between(
      pages.length - 1,
      pages.flatMap((p) => p.maps.map((m) => m.id)),
    );
  } while (cursor);
  return pages;
}

// The orders written out again here, as the dashboard has always shown them, to check the server's.
const byId = (a: MapRecord, b: MapRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
function expectedOrder(maps: readonly MapRecord[], sort: MapSort, locale: Locale = 'en'): string[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const order =
    sort === 'edited'
      ? (a: MapRecord, b: MapRecord) => b.updatedAt - a.updatedAt || byId(a, b)
      : (a: MapRecord, b: MapRecord) => collator.compare(a.title, b.title) || byId(a, b);
  return [...maps].sort(order).map((m) => m.id);
}

const rename = async (id: string, title: string) => {
  const res = await fetch(`${server.url}/api/maps/${id}`, jsonRequest('PATCH', { title }));
  expect(res.status).toBe(200);
};

describe('GET /api/maps with 2,000 maps', () => {
  it('pages by 50 through every map exactly once, in order, in both sorts and both collations', async () => {
    for (const [sort, locale] of [
      ['edited', 'en'],
      ['title', 'en'],
      ['title', 'zh-CN'],
    ] as const) {
      const pages = await allPages({ sort, locale, limit: '50' });
      expect(pages).toHaveLength(MAPS / 50);
      expect(pages.every((p) => p.maps.length === 50 && p.total === MAPS)).toBe(true);
      expect(pages.at(-1)!.nextCursor).toBeNull();
      expect(pages.flatMap((p) => p.maps.map((m) => m.id))).toEqual(expectedOrder(inserted, sort, locale));
    }
    // The default is 50 maps, last edited first.
    const first = await page({});
    expect(first.maps.map((m) => m.id)).toEqual(expectedOrder(inserted, 'edited').slice(0, 50));
    expect(first.maps[0]).toMatchObject({ stats: { stages: 6, stageNames: STAGES } });
  });

  it('neither repeats nor skips a map nobody touched while others are edited between pages', async () => {
    for (const sort of ['edited', 'title'] as const) {
      const before = (await allPages({ sort })).flatMap((p) => p.maps);
      const edited = new Set<string>();
      const pages = await allPages({ sort }, async (pageIndex, seen) => {
        if (pageIndex % 5 !== 2) return;
        // One map already listed and one still to come, renamed (which also makes them the latest edited):
        // they move, and would shift every later page of an offset-based list by one.
        const unseen = before.filter((m) => !seen.includes(m.id) && !edited.has(m.id));
        const listed = before.find((m) => seen.includes(m.id) && !edited.has(m.id));
        for (const map of [unseen[unseen.length >> 1], listed]) {
          if (!map) continue;
          edited.add(map.id);
          await rename(map.id, `${map.title.startsWith('A') ? 'Z' : 'A'} ${map.title}`);
        }
      });
      expect(edited.size).toBeGreaterThan(10);
      const seen = pages.flatMap((p) => p.maps.map((m) => m.id));
      const untouched = before.map((m) => m.id).filter((id) => !edited.has(id));
      expect(seen.filter((id) => !edited.has(id))).toEqual(untouched);
      for (const p of pages) expect(new Set(p.maps.map((m) => m.id)).size).toBe(p.maps.length);
      expect(pages.every((p) => p.total === MAPS)).toBe(true);
    }
  });

  it('searches titles: every match once, in order, and the total counts them', async () => {
    const all = (await allPages({ sort: 'title', limit: '200' })).flatMap((p) => p.maps);
    const checkout = all.filter((m) => m.title.toLowerCase().includes('checkout'));
    expect(checkout.length).toBeGreaterThan(100);
    for (const q of ['checkout', 'CHECKOUT', 'ｃｈｅｃｋｏｕｔ']) {
      const pages = await allPages({ q, sort: 'title', limit: '30' });
      expect(pages.every((p) => p.total === checkout.length)).toBe(true);
      expect(pages.flatMap((p) => p.maps.map((m) => m.id))).toEqual(checkout.map((m) => m.id));
    }
    const chinese = await page({ q: '复购' });
    expect(chinese.total).toBe(all.filter((m) => m.title.includes('复购')).length);
    expect(chinese.maps.every((m) => m.title.includes('复购'))).toBe(true);
    // One map, found from anywhere in the list.
    const target = all[1234]!;
    const found = await page({ q: target.title });
    expect(found.maps.map((m) => m.id)).toContain(target.id);
    expect(await page({ q: 'no map is called this' })).toMatchObject({ maps: [], total: 0, nextCursor: null });
  });

  it('keeps a page small: 50 maps with summaries in well under 40 KB', async () => {
    const first = await page({});
    expect(first.maps).toHaveLength(50);
    expect(first.bytes).toBeLessThan(40 * 1024);
    const largest = await page({ limit: '200' });
    expect(largest.maps).toHaveLength(200);
    expect(largest.bytes).toBeLessThan(4 * 40 * 1024);
  });
});

describe('GET /api/maps parameters', () => {
  it('answers invalid parameters with 400 and what is wrong where', async () => {
    for (const [params, path] of [
      [{ limit: '0' }, 'limit'],
      [{ limit: '201' }, 'limit'],
      [{ limit: '1.5' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ limit: '' }, 'limit'],
      [{ sort: 'newest' }, 'sort'],
      [{ locale: 'fr' }, 'locale'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ cursor: 'not/base64url!' }, 'cursor'],
    ] as const) {
      const res = await get(params);
      expect({ params, status: res.status }).toEqual({ params, status: 400 });
      const body = (await res.json()) as { error: string; issues: { path: string }[] };
      expect(body.error).toBe('invalid query');
      expect(body.issues.map((i) => i.path)).toContain(path);
    }
    expect((await page({ limit: '200' })).maps).toHaveLength(200);
    expect((await page({ limit: '1' })).maps).toHaveLength(1);
  });

  it('refuses a cursor it did not make for this sort with 400', async () => {
    const edited = (await page({ sort: 'edited' })).nextCursor!;
    const title = (await page({ sort: 'title' })).nextCursor!;
    for (const [sort, cursor] of [
      ['title', edited],
      ['edited', title],
      ['edited', edited.slice(0, -4)],
      ['edited', Buffer.from('{"id":"x"}').toString('base64url')],
      ['edited', 'AAAA'],
    ] as const) {
      const res = await get({ sort, cursor });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid query', issues: [{ path: 'cursor' }] });
    }
    // The cursor still works after the map it points at is gone: it is a position, not a map.
    const first = await page({ sort: 'title', limit: '3' });
    await fetch(`${server.url}/api/maps/${first.maps.at(-1)!.id}`, { method: 'DELETE' });
    const next = await page({ sort: 'title', limit: '3', cursor: first.nextCursor! });
    const fresh = await page({ sort: 'title', limit: '5' });
    expect(next.maps.map((m) => m.id)).toEqual(fresh.maps.slice(2, 5).map((m) => m.id));
  });
});

describe('GET /api/maps?sort=title&locale=zh-CN', () => {
  it('orders Chinese titles by pinyin', async () => {
    const own = await h.start();
    // zhāng, ā, běi, chóng, zhōng, and an English title (the Chinese collation puts Han before Latin)
    const titles = ['张家界旅程', '阿里巴巴采购', '北京门店自提', '重庆火锅外卖', '中国区续费', 'Checkout'];
    for (const title of titles) {
      const res = await fetch(`${own.url}/api/maps`, jsonRequest('POST', { title, locale: 'zh-CN' }));
      expect(res.status).toBe(201);
    }
    const pinyin = ['阿里巴巴采购', '北京门店自提', '重庆火锅外卖', '张家界旅程', '中国区续费', 'Checkout'];
    const titlesOf = async (params: Params) => {
      const res = await fetch(`${own.url}/api/maps?${new URLSearchParams({ sort: 'title', ...params } as Record<string, string>)}`);
      return MapListSchema.parse(await res.json());
    };
    expect((await titlesOf({ locale: 'zh-CN' })).maps.map((m) => m.title)).toEqual(pinyin);
    // Two at a time, the pages follow the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const p: MapList = await titlesOf({ locale: 'zh-CN', limit: '2', ...(cursor ? { cursor } : {}) });
      paged.push(...p.maps.map((m) => m.title));
      cursor = p.nextCursor;
    } while (cursor);
    expect(paged).toEqual(pinyin);
    // English collation does not know pinyin: the Chinese titles come in another order.
    expect((await titlesOf({ locale: 'en' })).maps.map((m) => m.title)).not.toEqual(pinyin);
  });
});
