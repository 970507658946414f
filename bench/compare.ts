/**
 * Version compare (issue 16) on the 600-card map: the backpack template
 * (zh-CN) filled to 600 cards on a real server, a named version saved, then
 * 40 edits (20 texts, 10 cards removed, 5 moved to another stage, 5 added)
 * and a second version. Times `GET …/versions/:a/compare/:b` (two stored
 * versions) and `…/compare/now` (a version and the live room) from request
 * to last byte, the response's size, the first compare apart (it starts the
 * compare worker); `worstHealthMs` the slowest /health answer (asked every
 * 20 ms) meanwhile: whether a compare held the event loop. `inProcessMs`:
 * the compare's own CPU (compareStates: inflate, load, validate, diff, view)
 * in this process, without the worker or HTTP. `npx tsx bench/compare.ts`
 * runs it alone (and writes `compare600` into bench/results/latest.json).
 */
import * as Y from 'yjs';
import { addCard, deleteCard, listEntities, moveCard, updateCardText } from '../src/model';
import { compareStates } from '../server/compare/compareStates';
import { compressState } from '../server/versions';
import { largeMapOnServer } from './largeMapOnServer';
import { connectSynced, freePort, jsonRequest, kill9, spawnServer, tempDir, waitFor } from '../tests/fixtures/server';
import { mergeIntoLatest } from './latestResults';
import { healthWatch } from './healthWatch';

const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(url: string) {
  const t0 = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${text}`);
  const ms = performance.now() - t0;
  const body = JSON.parse(text) as { diff: { counts: unknown } };
  return { ms, kb: Math.round(Buffer.byteLength(text) / 1024), counts: body.diff.counts };
}

async function saveVersion(base: string, id: string, name: string): Promise<string> {
  const res = await fetch(`${base}/api/maps/${id}/versions`, jsonRequest('POST', { name }));
  if (res.status !== 201) throw new Error(`save version: HTTP ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

export async function compareBench() {
  const port = await freePort();
  const child = await spawnServer(port, tempDir());
  const base = `http://127.0.0.1:${port}`;
  try {
    const author = await largeMapOnServer(base, 600, 'zh-CN');
    const id = author.provider.roomname;
    const doc = author.doc;
    const v1 = await saveVersion(base, id, 'before review');
    const before = Y.encodeStateAsUpdate(doc);
    const cards = listEntities(doc, 'cards');
    const stages = listEntities(doc, 'stages');
    for (let i = 0; i < 20; i++) updateCardText(doc, cards[i * 13]!.id, `改过的卡片 ${i}`);
    for (let i = 0; i < 10; i++) deleteCard(doc, cards[300 + i]!.id);
    for (let i = 0; i < 5; i++) {
      const c = cards[400 + i * 11]!;
      moveCard(doc, c.id, { laneId: c.laneId, stageId: stages.find((s) => s.id !== c.stageId)!.id });
    }
    for (let i = 0; i < 5; i++) addCard(doc, { laneId: cards[i]!.laneId, stageId: cards[i]!.stageId, text: `新卡片 ${i}` });
    const expected = listEntities(doc, 'cards').length;
    // The edits are on the server once a fresh reader of the map sees them: a version saved then holds them.
    const check = await connectSynced(base, id);
    await waitFor(() => listEntities(check.doc, 'cards').length === expected, 'the edits on the server', 20_000);
    check.close();
    const v2 = await saveVersion(base, id, 'after review');
    const after = Y.encodeStateAsUpdate(doc);
    author.close();

    const cold = await timed(`${base}/api/maps/${id}/versions/${v1}/compare/${v2}`);
    const watch = healthWatch(base);
    const stored: number[] = [];
    const now: number[] = [];
    let last = cold;
    for (let i = 0; i < RUNS; i++) {
      last = await timed(`${base}/api/maps/${id}/versions/${v1}/compare/${v2}`);
      stored.push(last.ms);
      now.push((await timed(`${base}/api/maps/${id}/versions/${v1}/compare/now`)).ms);
    }
    const worstHealthMs = await watch();

    const inProcess: number[] = [];
    const request = { before: { state: compressState(before), deflated: true }, after: { state: compressState(after), deflated: true } };
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      compareStates(request);
      inProcess.push(performance.now() - t0);
    }
    const round = (xs: number[]) => xs.map((x) => +x.toFixed(1));
    return {
      cards: { before: cards.length, after: expected },
      counts: last.counts,
      coldFirstMs: Math.round(cold.ms),
      twoVersions: { medianMs: +median(stored).toFixed(1), runsMs: round(stored), kb: last.kb },
      versionAndNow: { medianMs: +median(now).toFixed(1), runsMs: round(now) },
      inProcessMs: { median: +median(inProcess).toFixed(1), runs: round(inProcess) },
      worstHealthMs,
    };
  } finally {
    await kill9(child);
  }
}

// Run alone, it also writes its figures into bench/results/latest.json as `compare600` (the other figures stay).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await compareBench();
  console.log(JSON.stringify(result, null, 2));
  mergeIntoLatest('compare600', result);
}
