/** The map list's pure parts: the two orders, the cursor, and choosing a page from the index rows. */
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../server/mapList/cursor';
import { mapOrder } from '../../../server/mapList/order';
import { pageOfMaps, type PageRequest } from '../../../server/mapList/page';
import type { MapIndexRow } from '../../../server/store/types';

const row = (id: string, title: string, updatedAt: number): MapIndexRow => ({ id, title, updatedAt });
const ids = (rows: MapIndexRow[]) => rows.map((r) => r.id);

describe('mapOrder', () => {
  it('edited: last edited first, equal times by id', () => {
    const rows = [row('b', 'x', 5), row('c', 'x', 9), row('a', 'x', 5), row('d', 'x', 1)];
    expect(ids(rows.sort(mapOrder('edited', 'en')))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('title: case and accents ignored, numbers by value, equal titles by id', () => {
    const rows = [row('1', 'Map 10', 0), row('2', 'map 2', 0), row('4', 'Map 2', 0), row('3', 'Éclair', 0), row('5', 'apple', 0)];
    expect(ids(rows.sort(mapOrder('title', 'en')))).toEqual(['5', '3', '2', '4', '1']);
  });

  it('title under zh-CN: Chinese by pinyin', () => {
    // zhāng, ā, běi, chóng, zhōng
    const rows = [row('z', '张家界', 0), row('a', '阿里', 0), row('b', '北京', 0), row('c', '重庆', 0), row('g', '中国', 0)];
    expect(ids(rows.sort(mapOrder('title', 'zh-CN')))).toEqual(['a', 'b', 'c', 'z', 'g']);
  });
});

describe('cursor', () => {
  it('carries the sort key and id of the last map, as base64url', () => {
    for (const last of [row('abc_-1', 'Checkout 🛒 “quoted” \\ 旅程', 1_700_000_000_123), row('x', '', 0)]) {
      const edited = encodeCursor('edited', last);
      const title = encodeCursor('title', last);
      for (const c of [edited, title]) expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor('edited', edited)).toMatchObject({ id: last.id, updatedAt: last.updatedAt });
      expect(decodeCursor('title', title)).toMatchObject({ id: last.id, title: last.title });
    }
  });

  it('is refused (null) when it is not one the server made for that sort', () => {
    const good = encodeCursor('edited', row('abc', 't', 5));
    expect(decodeCursor('title', good)).toBeNull(); // another sort's
    expect(decodeCursor('edited', good.slice(0, -3))).toBeNull(); // cut short
    const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of [
      'notbase64json',
      made({ updatedAt: 5, id: 'abc' }),
      made(['edited', '5', 'abc']),
      made(['edited', 5, '']),
      made(['edited', 5]),
      made(['newest', 5, 'abc']),
      made(null),
    ]) {
      expect(decodeCursor('edited', bad)).toBeNull();
    }
  });
});

describe('pageOfMaps', () => {
  const index = Array.from({ length: 7 }, (_, i) => row(`m${i}`, i % 2 ? `Checkout ${i}` : `Other ${i}`, 100 + i));
  const request = (over: Partial<PageRequest> = {}): PageRequest => ({
    q: '',
    sort: 'edited',
    locale: 'en',
    limit: 3,
    after: null,
    ...over,
  });

  it('pages through the maps after the last position, with the total on every page', () => {
    const first = pageOfMaps(index, request());
    expect(first).toMatchObject({ ids: ['m6', 'm5', 'm4'], total: 7 });
    const second = pageOfMaps(index, request({ after: decodeCursor('edited', first.nextCursor!) }));
    expect(second).toMatchObject({ ids: ['m3', 'm2', 'm1'], total: 7 });
    const last = pageOfMaps(index, request({ after: decodeCursor('edited', second.nextCursor!) }));
    expect(last).toEqual({ ids: ['m0'], total: 7, nextCursor: null, owners: [], stale: 0 });
  });

  it('has no next page when the page ends exactly at the last map', () => {
    expect(pageOfMaps(index, request({ limit: 7 })).nextCursor).toBeNull();
    expect(pageOfMaps(index, request({ limit: 6 })).nextCursor).not.toBeNull();
  });

  it('searches titles as the dashboard box does: total counts the matches', () => {
    expect(pageOfMaps(index, request({ q: 'ＣＨＥＣＫＯＵＴ', sort: 'title', limit: 2 }))).toMatchObject({ ids: ['m1', 'm3'], total: 3 });
    expect(pageOfMaps(index, request({ q: 'nothing' }))).toEqual({ ids: [], total: 0, nextCursor: null, owners: [], stale: 0 });
  });

  it('does not reorder the index it was given', () => {
    const copy = [...index];
    pageOfMaps(index, request({ sort: 'title' }));
    expect(index).toEqual(copy);
  });
});

describe('pageOfMaps: owners and freshness', () => {
  const DAY = 24 * 3600e3;
  const now = 1_750_000_000_000;
  // m0..m5, m5 edited last; m1 and m4 overdue (30-day cadence, reviewed 31 days ago), m3 due in one day.
  const reviewOf = (i: number) =>
    i === 1 || i === 4
      ? { owner: i === 1 ? 'Ana' : 'Bo', reviewEveryDays: 30, lastReviewedAt: now - 31 * DAY, createdAt: 0 }
      : i === 3
        ? { owner: ' ana ', reviewEveryDays: 30, lastReviewedAt: now - 29 * DAY, createdAt: 0 }
        : { createdAt: 0 };
  const index: MapIndexRow[] = Array.from({ length: 6 }, (_, i) => ({ ...row(`m${i}`, `Map ${i}`, 100 + i), review: reviewOf(i) }));
  const request = (over: Partial<PageRequest> = {}): PageRequest => ({
    q: '',
    sort: 'edited',
    locale: 'en',
    limit: 50,
    after: null,
    now,
    ...over,
  });

  it('puts overdue maps first, then the sort order; counts them; lists owners once each', () => {
    const page = pageOfMaps(index, request());
    expect(page.ids).toEqual(['m4', 'm1', 'm5', 'm3', 'm2', 'm0']);
    expect(page.stale).toBe(2);
    expect(page.owners).toEqual(['ana', 'Bo']); // " ana " (m3) is the newer spelling of Ana
    expect(pageOfMaps(index, request({ sort: 'title' })).ids).toEqual(['m1', 'm4', 'm0', 'm2', 'm3', 'm5']);
  });

  it('filters by owner (any case) and freshness', () => {
    expect(pageOfMaps(index, request({ owner: 'ANA' })).ids).toEqual(['m1', 'm3']);
    expect(pageOfMaps(index, request({ freshness: 'stale' })).ids).toEqual(['m4', 'm1']);
    expect(pageOfMaps(index, request({ freshness: 'current' })).ids).toEqual(['m3']);
    expect(pageOfMaps(index, request({ freshness: 'unscheduled' }))).toMatchObject({ ids: ['m5', 'm2', 'm0'], total: 3 });
    // a row with no review fields (written before they existed) is unscheduled
    expect(pageOfMaps([row('old', 'Old', 1)], request({ freshness: 'unscheduled' })).ids).toEqual(['old']);
  });

  it('judges later pages as of the first page: a map turning overdue meanwhile is neither repeated nor skipped', () => {
    const first = pageOfMaps(index, request({ limit: 3 }));
    expect(first.ids).toEqual(['m4', 'm1', 'm5']);
    const after = decodeCursor('edited', first.nextCursor!);
    expect(after).toMatchObject({ id: 'm5', stale: false, asOf: now });
    // Two days later m3 is overdue too; the rest of this listing still orders as of `now`.
    const second = pageOfMaps(index, request({ limit: 3, after, now: now + 2 * DAY }));
    expect(second.ids).toEqual(['m3', 'm2', 'm0']);
    expect(second.stale).toBe(3); // the count is of the present
  });
});
