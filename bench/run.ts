/**
 * Benchmarks: numbers, not pass/fail. Printed and written to
 * bench/results/latest.json.
 *   - sync latency: a card edit in client A until client B has it, through a
 *     real server on loopback (median / p95 over many edits)
 *   - projection: layout + React Flow nodes for a 600-card map after one edit
 *   - storage: database size after many edits, before and after compaction
 *   - browser to browser: a card saved in Chromium A until painted in Chromium B
 *   - attacks: the attacks of issue 10 against a real server (bench/attacks.ts)
 *   - open: the 600-card map opened in Chromium until its first card shows,
 *     turn about with BENCH_OPEN_BASELINE=<rev> (bench/browser-open.ts)
 *   - frames: the 600-card map in Chromium, frame intervals while panning,
 *     zooming, dragging an emotion point and receiving a colleague's edits
 *     (BENCH_PROFILE=file.cpuprofile also writes a CPU profile of the edits)
 *   - throughput: 200 maps × 10 clients editing cards, the rate stepped up
 *     until p99 > 100 ms, for Journeyboard and the reference
 *     @y/websocket-server 0.1.1, and their ratio (bench/throughput.ts)
 *   - workshop: 30 people on one map moving their pointers and editing,
 *     on Journeyboard and the reference (bench/workshop.ts)
 *   - cursors: 29 colleagues' pointers moving on the 600-card map, seen in
 *     Chromium: frame intervals and main-thread time (bench/browser-cursors.ts)
 *   - serverExport: PDF and PNG of the 63-card template and a 600-card map
 *     made by the server's endpoints, and /health's worst wait meanwhile
 *     (bench/server-export.ts)
 *   - compare600: version compare of two versions of a 600-card map (and of a
 *     version and now) through the server's endpoint, and /health meanwhile
 *     (bench/compare.ts)
 *   - pageWeight: initial JavaScript of the dashboard and a map page, font bytes
 *     to open the zh-CN and en backpack maps, first and next visit (bench/page-weight.ts)
 *   - a11y: axe-core on the dashboard, the maps and their dialogs; Tab presses
 *     to the first card (bench/a11y.ts)
 *   - cluster: three nodes on PostgreSQL and Redis against one: latency across
 *     nodes, held rate, store append time, recovery from kill -9 (bench/cluster.ts)
 *   - cardSearch: GET /api/search over 200 maps of 600 cards on SQLite, and what
 *     keeping each map's searchable copy costs (bench/card-search.ts)
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { addCard, createLiveMap, listEntities, updateCardText } from '../src/model';
import { layoutGrid } from '../src/canvas/layout';
import { createNodeCache, projectNodes } from '../src/canvas/projection';
import { connectSynced, createMap, startServer, waitFor } from '../tests/fixtures/server';
import { cardTextArrives, mapDoc } from '../tests/fixtures/model';
import { browserLatency } from './browser-latency';
import { browserFrames } from './browser-frames';
import { browserOpen } from './browser-open';
import { browserExport } from './browser-export';
import { serverExport } from './server-export';
import { compareBench } from './compare';
import { browserCursors } from './browser-cursors';
import { cardSearchBench } from './card-search';
import { a11y } from './a11y';
import { attacks } from './attacks';
import { cluster } from './cluster';
import { pageWeight } from './page-weight';
import { throughput } from './throughput';
import { workshop } from './workshop';

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { n: s.length, median: +q(0.5).toFixed(3), p95: +q(0.95).toFixed(3), max: +s[s.length - 1]!.toFixed(3) };
};

async function syncLatency() {
  const server = await startServer({ COMPACT_AFTER_UPDATES: 500 });
  const id = await createMap(server.url);
  const a = await connectSynced(server.url, id);
  const b = await connectSynced(server.url, id);
  const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
  const cardId = addCard(a.doc, { ...cell, text: 'start' });
  await waitFor(() => listEntities(b.doc, 'cards').length === 1);
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const text = `edit ${i}`;
    const seen = cardTextArrives(b.doc, cardId, text);
    const t0 = performance.now();
    updateCardText(a.doc, cardId, text);
    await seen;
    samples.push(performance.now() - t0);
  }
  a.close();
  b.close();
  await server.close();
  return stats(samples);
}

function projection600() {
  const doc = mapDoc('blank');
  const lanes = listEntities(doc, 'lanes');
  const stages = listEntities(doc, 'stages');
  for (let i = 0; i < 600; i++)
    addCard(doc, { laneId: lanes[i % lanes.length]!.id, stageId: stages[i % stages.length]!.id, text: `卡片 ${i}` });
  const live = createLiveMap(doc);
  const cache = createNodeCache();
  const project = () => {
    const s = live.getSnapshot();
    return cache(projectNodes(s, layoutGrid(s.stages, s.lanes, s.cards)));
  };
  project();
  const cards = live.getSnapshot().cards;
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    updateCardText(doc, cards[i % cards.length]!.id, `edited ${i}`);
    const t0 = performance.now();
    project();
    samples.push(performance.now() - t0);
  }
  return { cards: cards.length, nodes: project().length, msPerProjection: stats(samples) };
}

async function storage() {
  // A scripted burst of 2000 edits is far above a person's rate: lift the flood limit for it.
  const server = await startServer({ COMPACT_AFTER_UPDATES: 1_000_000, ROOM_IDLE_MS: 0, MAX_MESSAGES_PER_SECOND: 100_000 });
  const id = await createMap(server.url);
  const a = await connectSynced(server.url, id);
  const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
  const cardId = addCard(a.doc, { ...cell, text: '' });
  for (let i = 0; i < 2000; i++) updateCardText(a.doc, cardId, `typing ${i}`);
  await waitFor(async () => (await server.store.logLength(id)) >= 2001, 'stored', 30_000);
  const dbFiles = () =>
    fs
      .readdirSync(server.config.DATA_DIR)
      .filter((f) => f.startsWith('journeyboard.sqlite'))
      .reduce((sum, f) => sum + fs.statSync(path.join(server.config.DATA_DIR, f)).size, 0);
  const logRows = await server.store.logLength(id);
  const stateBytes = Y.encodeStateAsUpdate(a.doc).length;
  const loadStart = performance.now();
  const uncompactedUpdates = await server.store.loadState(id);
  const loadMsUncompacted = performance.now() - loadStart;
  const before = uncompactedUpdates.reduce((n, u) => n + u.length, 0);
  a.close();
  await waitFor(() => server.rooms.size === 0, 'unload + compaction', 30_000);
  const after = (await server.store.loadState(id)).reduce((n, u) => n + u.length, 0);
  const diskBytes = dbFiles();
  await server.close();
  return {
    edits: 2000,
    logRows,
    storedBytesBeforeCompaction: before,
    storedBytesAfterCompaction: after,
    docStateBytes: stateBytes,
    loadMsUncompacted: +loadMsUncompacted.toFixed(2),
    diskBytes,
  };
}

const results = {
  at: new Date().toISOString(),
  node: process.version,
  syncLatencyMs: await syncLatency(),
  projection600: projection600(),
  storage: await storage(),
  browserToBrowserMs: await browserLatency().then((s) => (s ? stats(s) : 'skipped: needs npm run build')),
  open600: (await browserOpen()) ?? 'skipped: needs npm run build',
  frames600: (await browserFrames({ profile: process.env.BENCH_PROFILE })) ?? 'skipped: needs npm run build',
  export: (await browserExport()) ?? 'skipped: needs npm run build',
  serverExport: await serverExport(),
  cardSearch: await cardSearchBench(),
  compare600: await compareBench(),
  pageWeight: (await pageWeight()) ?? 'skipped: needs npm run build',
  a11y: (await a11y()) ?? 'skipped: needs npm run build',
  cursors600: (await browserCursors()) ?? 'skipped: needs npm run build',
  attacks: await attacks(),
  throughput: await throughput(),
  workshop: await workshop(),
  cluster: await cluster(),
};
console.log(JSON.stringify(results, null, 2));
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2) + '\n');
console.log('written to bench/results/latest.json');
