/**
 * Owners and freshness in the model: the optional v3 meta fields (owner,
 * reviewEveryDays, lastReviewedAt), what the format accepts of them, that
 * they survive a map file's export and import, the staleness rule, and how
 * spans of time are worded in both languages.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MapDocumentSchema, MetaSchema, SCHEMA_VERSION, loadMapDocument, readMeta, docToMapDocument, metaMap } from '../../../src/model';
import { mapFileFromDocs, parseMapFile } from '../../../src/model/exchange/mapFile';
import { DAY_MS, freshness, isStale, ownerKey, relativeDays, reviewDueAt, reviewSpan, spanText } from '../../../src/model/review';
import { mapStats, mapReview } from '../../../src/model/stats';
import { smallMapFile } from '../../fixtures/mapFile';
import { restoreContent } from '../../../src/model/restore';

const baseMeta = smallMapFile().meta;

describe('meta: owner, reviewEveryDays, lastReviewedAt', () => {
  it('are optional: a meta without them is valid (they came while the version was 3; v4 describes them)', () => {
    expect(SCHEMA_VERSION).toBe(4);
    expect(MetaSchema.safeParse(baseMeta).success).toBe(true);
    const full = { ...baseMeta, owner: '王芳', reviewEveryDays: 90, lastReviewedAt: 1_700_000_000_000 };
    expect(MetaSchema.parse(full)).toEqual(full);
  });

  it('refuses values the format does not allow', () => {
    for (const bad of [
      { owner: 'x'.repeat(101) },
      { owner: 42 },
      { reviewEveryDays: 0 },
      { reviewEveryDays: 3651 },
      { reviewEveryDays: 30.5 },
      { reviewEveryDays: '90' },
      { lastReviewedAt: -1 },
      { lastReviewedAt: 1.5 },
    ]) {
      expect(MetaSchema.safeParse({ ...baseMeta, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
    // Any whole number of days is allowed, not only the cadences the UI offers.
    expect(MetaSchema.safeParse({ ...baseMeta, reviewEveryDays: 45 }).success).toBe(true);
  });

  it('survive a map file export and import, and a reader repairs a bad one away without losing the map', () => {
    const file = smallMapFile();
    file.meta = { ...file.meta, owner: 'Ana', reviewEveryDays: 30, lastReviewedAt: 1_700_000_500_000 };
    const parsed = parseMapFile(JSON.stringify(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const doc = new Y.Doc();
    loadMapDocument(doc, parsed.map);
    expect(readMeta(doc)).toMatchObject({ owner: 'Ana', reviewEveryDays: 30, lastReviewedAt: 1_700_000_500_000 });
    const exported = mapFileFromDocs(doc);
    expect(exported.meta).toMatchObject({ owner: 'Ana', reviewEveryDays: 30, lastReviewedAt: 1_700_000_500_000, schemaVersion: 4 });
    expect(MapDocumentSchema.safeParse(docToMapDocument(doc)).success).toBe(true);

    // A client may write anything into meta: the reader drops what is invalid, the rest of the map stays.
    metaMap(doc).set('reviewEveryDays', 'often');
    const meta = readMeta(doc);
    expect(meta?.title).toBe(file.meta.title);
    expect(meta?.reviewEveryDays).toBeUndefined();
    expect(MapDocumentSchema.safeParse(docToMapDocument(doc)).success).toBe(true);
  });

  it('are on the map row summary (mapStats), invalid values left out', () => {
    const doc = new Y.Doc();
    loadMapDocument(doc, MapDocumentSchema.parse(smallMapFile() as unknown));
    expect(mapStats(doc).review).toEqual({ createdAt: baseMeta.createdAt });
    const meta = metaMap(doc);
    meta.set('owner', '  Ana  ');
    meta.set('reviewEveryDays', 60);
    meta.set('lastReviewedAt', 1_700_000_900_000);
    expect(mapReview(meta)).toEqual({
      owner: 'Ana',
      reviewEveryDays: 60,
      lastReviewedAt: 1_700_000_900_000,
      createdAt: baseMeta.createdAt,
    });
    meta.set('owner', '   ');
    meta.set('reviewEveryDays', -3);
    meta.set('lastReviewedAt', 'yesterday');
    expect(mapReview(meta)).toEqual({ createdAt: baseMeta.createdAt });
  });
});

describe('staleness', () => {
  const created = 1_700_000_000_000;
  it('a map with no cadence is never stale', () => {
    expect(reviewDueAt({ createdAt: created })).toBeNull();
    expect(freshness({ createdAt: created, lastReviewedAt: created }, created + 10_000 * DAY_MS)).toBe('unscheduled');
  });

  it('is due cadence days after the last review, or after creation if never reviewed; stale only once past it', () => {
    const neverReviewed = { createdAt: created, reviewEveryDays: 90 };
    expect(reviewDueAt(neverReviewed)).toBe(created + 90 * DAY_MS);
    expect(freshness(neverReviewed, created + 90 * DAY_MS)).toBe('current'); // due today: not yet overdue
    expect(freshness(neverReviewed, created + 90 * DAY_MS + 1)).toBe('stale');
    const reviewed = { ...neverReviewed, lastReviewedAt: created + 80 * DAY_MS };
    expect(reviewDueAt(reviewed)).toBe(created + 170 * DAY_MS);
    expect(isStale(reviewed, created + 100 * DAY_MS)).toBe(false);
    expect(isStale(reviewed, created + 171 * DAY_MS)).toBe(true);
  });

  it('compares owners trimmed and in any case', () => {
    expect(ownerKey('  Ana Li ')).toBe(ownerKey('ana li'));
    expect(ownerKey(undefined)).toBe('');
  });
});

describe('wording', () => {
  it('says a span in days up to two weeks, weeks up to two months, months up to a year, then years', () => {
    expect(reviewSpan(12 * DAY_MS)).toEqual({ value: 12, unit: 'day' });
    expect(reviewSpan(21 * DAY_MS)).toEqual({ value: 3, unit: 'week' });
    expect(reviewSpan(-120 * DAY_MS)).toEqual({ value: 4, unit: 'month' });
    expect(reviewSpan(800 * DAY_MS)).toEqual({ value: 2, unit: 'year' });
  });

  it('is localised with Intl', () => {
    const now = 1_750_000_000_000;
    expect(relativeDays(now - 120 * DAY_MS, now, 'en')).toBe('4 months ago');
    expect(relativeDays(now + 12 * DAY_MS, now, 'en')).toBe('in 12 days');
    expect(relativeDays(now - 3600e3, now, 'en')).toBe('today');
    expect(relativeDays(now - 120 * DAY_MS, now, 'zh-CN')).toBe('4个月前');
    expect(relativeDays(now + 12 * DAY_MS, now, 'zh-CN')).toBe('12天后');
    expect(spanText(21 * DAY_MS, 'en')).toBe('3 weeks');
    expect(spanText(21 * DAY_MS, 'zh-CN')).toBe('3周');
    expect(spanText(2 * 3600e3, 'en')).toBe('1 day');
  });
});

describe('restoring a version', () => {
  it('leaves the owner, the cadence and the last review as they are (they are about the map, not its content)', () => {
    const version = new Y.Doc();
    loadMapDocument(
      version,
      MapDocumentSchema.parse({ ...smallMapFile(), meta: { ...baseMeta, owner: 'Old owner', reviewEveryDays: 30 } }),
    );
    const target = docToMapDocument(version);
    const live = new Y.Doc();
    loadMapDocument(live, MapDocumentSchema.parse(smallMapFile() as unknown));
    metaMap(live).set('owner', 'Mei');
    metaMap(live).set('lastReviewedAt', 1_700_000_900_000);
    restoreContent(live, target, null);
    expect(readMeta(live)).toMatchObject({ owner: 'Mei', lastReviewedAt: 1_700_000_900_000 });
    expect(readMeta(live)?.reviewEveryDays).toBeUndefined();
  });
});
