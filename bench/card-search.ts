/**
 * Card search across maps (GET /api/search) over 200 maps of 600 cards each
 * on SQLite: the zh-CN backpack template filled to 600 cards
 * (tests/fixtures/large-map.ts), each map's copy made from it with texts of
 * its own (a number per card; 配送延迟 on a pain point in every tenth map; refund
 * on one card in every map). Measured through a real server on loopback,
 * request to parsed answer, 15 times per query (median, p95, max):
 *   - rare: 配送延迟 (on a pain point), 20 cards in 20 maps
 *   - common: 背包 (about a sixth of every map's cards): capped at 200
 *   - everyMap: refund, one card in each of the 200 maps (each map's whole copy read)
 *   - miss: a word in no card (every map's folded text scanned, nothing read)
 *   - kind: 配送延迟 among pain points only (the same 20), and among touchpoints (none)
 * and what keeping the copies costs: reading a 600-card map's copy from its
 * doc and comparing it with the last one (the row keeper does this at most
 * every 2 s per busy map, off the edit path), and storing one map's copy.
 * `npx tsx bench/card-search.ts` runs it alone.
 */
import * as Y from 'yjs';
import { docFromMapDocument } from '../src/model';
import { buildTemplate } from '../src/model/templates';
import { CardSearchResultSchema, type SearchCard } from '../src/model/cardSearch';
import { searchCardsOf } from '../src/model/cardSearchIndex';
import { openSqliteStore } from '../server/store/sqlite';
import { fillToCards } from '../tests/fixtures/large-map';
import { startServer, tempDir } from '../tests/fixtures/server';
import { mergeIntoLatest } from './latestResults';

const MAPS = 200;
const CARDS = 600;
const RUNS = 15;

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +s.at(-1)!.toFixed(2) };
};

function timed(fn: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Map `m`'s copy: the template's cards with texts (and ids) of its own. */
const mapCards = (base: readonly SearchCard[], m: number): SearchCard[] => {
  const pain = Math.max(
    0,
    base.findIndex((c) => c.kind === 'painPoints'),
  );
  return base.map((c, i) => ({
    ...c,
    id: `m${m}c${i}`,
    text: `${c.text} ${m}-${i}${m % 10 === 0 && i === pain ? ' 配送延迟' : ''}${i === (m * 7) % base.length ? ' refund requested' : ''}`,
  }));
};

export async function cardSearchBench() {
  const now = Date.now();
  const doc = docFromMapDocument(buildTemplate('backpack', { locale: 'zh-CN', now }));
  fillToCards(doc, CARDS);
  const base = searchCardsOf(doc);
  const state = Y.encodeStateAsUpdate(doc);

  // What the row keeper does for a busy map every 2 s: read the copy, compare it as JSON.
  const last = JSON.stringify(base);
  const keeperCheckMs = summary(timed(() => void (JSON.stringify(searchCardsOf(doc)) === last), 40));

  const dataDir = tempDir();
  const store = openSqliteStore(dataDir);
  const putMs: number[] = [];
  for (let m = 0; m < MAPS; m++) {
    const id = `map${String(m).padStart(3, '0')}`;
    await store.createMap({ id, title: `背包旅程 ${m}`, createdAt: now, updatedAt: now + m }, state);
    const t0 = performance.now();
    await store.putSearchCards(id, mapCards(base, m));
    putMs.push(performance.now() - t0);
  }
  await store.close();

  const server = await startServer({ DATA_DIR: dataDir });
  try {
    const query = async (params: Record<string, string>) => {
      const samples: number[] = [];
      let answer = CardSearchResultSchema.parse({ maps: [], cards: 0, capped: false, unindexed: 0 });
      for (let i = 0; i < RUNS + 2; i++) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/search?${new URLSearchParams(params).toString()}`);
        answer = CardSearchResultSchema.parse(await res.json());
        if (i >= 2) samples.push(performance.now() - t0); // two warm-ups
      }
      return { ...summary(samples), cards: answer.cards, maps: answer.maps.length, capped: answer.capped };
    };
    return {
      maps: MAPS,
      cardsPerMap: base.length,
      searchMs: {
        rare: await query({ q: '配送延迟' }),
        common: await query({ q: '背包' }),
        everyMap: await query({ q: 'refund' }),
        miss: await query({ q: '不存在的词' }),
        kind: await query({ q: '配送延迟', kind: 'painPoints' }),
        otherKind: await query({ q: '配送延迟', kind: 'touchpoints' }),
      },
      keeperCheckMs,
      storeCopyMs: summary(putMs),
      copyBytesPerMap: Buffer.byteLength(JSON.stringify(mapCards(base, 1))),
    };
  } finally {
    await server.close();
  }
}

// Run alone, it also writes its figures into bench/results/latest.json as `cardSearch`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await cardSearchBench();
  console.log(JSON.stringify(result, null, 2));
  mergeIntoLatest('cardSearch', result);
}
