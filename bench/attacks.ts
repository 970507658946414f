/**
 * The attacks issue 10 measured, run against a real server, so their effect
 * can be compared before and after the fixes: it uses only the HTTP API, the
 * websocket protocol and test fixtures, so it also runs in an older checkout
 * (the figures before the fixes were taken in e046993, with the fixture
 * storeMapDoc copied into its tests/fixtures/server.ts).
 *
 * - pendingUpdates: one socket, under the rate limit, sends updates whose
 *   earlier updates it never sends (3.5 MB of them). Figures: how long a
 *   colleague's edit takes to reach another client meanwhile, and what a
 *   joining client downloads before, during and after (also after a restart).
 * - killLargeMap: an 8,000-card map, edits streaming from one client to
 *   another, the server killed with -9: edits the other client had received
 *   that are not stored after the restart.
 * - importHealth: /health latency while the largest import the server takes
 *   (MAX_IMPORT_BYTES: a 10 MiB file of as many cards as fit; and a 10,000-card file)
 *   is posted, the server in its own process.
 */
import path from 'node:path';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addCard, collection, listEntities, updateCardText } from '../src/model';
import { openSqliteStore } from '../server/store/sqlite';
import { fillToCards } from '../tests/fixtures/large-map';
import { cardTextArrives, mapDoc } from '../tests/fixtures/model';
import {
  connectSynced,
  createMap,
  freePort,
  kill9,
  spawnServer,
  startServer,
  storeMapDoc,
  tempDir,
  waitFor,
  wsBase,
} from '../tests/fixtures/server';

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => +(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN).toFixed(1);
  return { n: s.length, median: q(0.5), p95: q(0.95), max: q(1) };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** Bytes a client joining `mapId` receives in the server's answer to an empty sync step 1. */
async function joinBytes(url: string, mapId: string): Promise<number> {
  const ws = new WebSocket(`${wsBase(url)}/${mapId}`);
  ws.on('error', () => {});
  let biggest = 0;
  ws.on('message', (data: Buffer) => {
    if (data[0] === 0 && data[1] === 1) biggest = Math.max(biggest, data.byteLength); // sync step 2
  });
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.send(syncMessage(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(new Y.Doc())));
  await waitFor(() => biggest > 0, 'sync step 2', 60_000);
  ws.close();
  return biggest;
}

async function pendingUpdates() {
  const server = await startServer({ LOG_LEVEL: 'silent' });
  const id = await createMap(server.url, { template: 'backpack', locale: 'zh-CN' });
  const a = await connectSynced(server.url, id);
  const b = await connectSynced(server.url, id);
  const joinBefore = await joinBytes(server.url, id);

  // The attacker's edits, built on one it never sends: 1000 updates of about 3.5 KB.
  const evil = new Y.Doc();
  Y.applyUpdate(evil, Y.encodeStateAsUpdate(a.doc));
  const cell = { laneId: listEntities(evil, 'lanes')[0]!.id, stageId: listEntities(evil, 'stages')[0]!.id };
  const updates: Uint8Array[] = [];
  evil.on('update', (u: Uint8Array) => updates.push(u));
  const ghost = addCard(evil, { ...cell, text: 'never sent' });
  for (let i = 0; i < 1000; i++) updateCardText(evil, ghost, `${i} ${'垃圾'.repeat(580)}`);
  const forged = updates.slice(1).map((u) => syncMessage(syncProtocol.messageYjsUpdate, u));
  const forgedBytes = forged.reduce((n, m) => n + m.byteLength, 0);

  // One socket at a time, 100 messages a second (a third of the rate limit); a closed socket is reopened.
  let attacking = true;
  let sent = 0;
  let socketsUsed = 0;
  const attacker = (async () => {
    while (attacking && sent < forged.length) {
      socketsUsed++;
      const ws = new WebSocket(`${wsBase(server.url)}/${id}`);
      ws.on('error', () => {});
      await new Promise<void>((resolve) => {
        ws.once('open', () => resolve());
        ws.once('close', () => resolve());
      });
      while (attacking && sent < forged.length && ws.readyState === ws.OPEN) {
        ws.send(forged[sent++]!);
        await sleep(10);
      }
      ws.terminate();
    }
  })();

  // Meanwhile a colleague edits a card every 100 ms: how long until the other client has it?
  const card = listEntities(a.doc, 'cards')[0]!.id;
  const latency: number[] = [];
  // While the attack runs, then 20 more edits (within a minute: a stalled server would take far longer).
  const started = performance.now();
  for (let i = 0; i < 100 && (sent < forged.length || (i < 20 && performance.now() - started < 60_000)); i++) {
    const text = `edit ${i}`;
    const arrived = cardTextArrives(b.doc, card, text);
    const t0 = performance.now();
    updateCardText(a.doc, card, text);
    await arrived;
    latency.push(performance.now() - t0);
    await sleep(100);
  }
  attacking = false;
  await attacker;
  const joinAfter = await joinBytes(server.url, id);
  a.close();
  b.close();
  const dataDir = server.config.DATA_DIR;
  await server.close();
  const again = await startServer({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  const joinAfterRestart = await joinBytes(again.url, id);
  await again.close();
  return {
    forgedUpdates: sent,
    forgedBytes,
    attackerSockets: socketsUsed,
    editLatencyMs: stats(latency),
    joinBytes: { before: joinBefore, after: joinAfter, afterRestart: joinAfterRestart },
  };
}

/** The highest "edit n" each of `cardIds` has in `doc` (-1 for none). */
const editNumbers = (doc: Y.Doc, cardIds: string[]) =>
  cardIds.map((cardId) =>
    Number(/^edit (\d+)$/.exec(String((collection(doc, 'cards').get(cardId) as Y.Map<unknown>)?.get('text')))?.[1] ?? -1),
  );

async function killLargeMapOnce(): Promise<{ received: number; lost: number }> {
  const port = await freePort();
  const dataDir = tempDir();
  const url = `http://127.0.0.1:${port}`;
  const doc = mapDoc('backpack');
  fillToCards(doc, 8000);
  const store = openSqliteStore(dataDir);
  const id = 'largeMap8000cards';
  await storeMapDoc(store, id, doc);
  await store.close();
  let child = await spawnServer(port, dataDir);
  const author = await connectSynced(url, id);
  const witness = await connectSynced(url, id);
  const cardIds = listEntities(author.doc, 'cards')
    .slice(0, 50)
    .map((c) => c.id);
  const seen = new Map<string, number>();
  witness.doc.on('update', () =>
    editNumbers(witness.doc, cardIds).forEach((n, k) => n > (seen.get(cardIds[k]!) ?? -1) && seen.set(cardIds[k]!, n)),
  );
  // Bursts of five edits every 4 ms, as several people typing fast; the server is killed right after one.
  let i = 0;
  for (let burst = 150 + Math.floor(Math.random() * 100); burst > 0; burst--) {
    for (let k = 0; k < 5; k++, i++) updateCardText(author.doc, cardIds[i % cardIds.length]!, `edit ${i}`);
    await sleep(burst === 1 ? 0 : 4);
  }
  await kill9(child);
  await sleep(200);
  author.close();
  witness.close();
  child = await spawnServer(port, dataDir);
  const later = await connectSynced(url, id);
  const stored = editNumbers(later.doc, cardIds);
  later.close();
  await kill9(child);
  // Card k gets edits k, k + 50, k + 100 …: how many of them up to edit x.
  const upTo = (k: number, x: number) => (x < k ? 0 : Math.floor((x - k) / cardIds.length) + 1);
  let received = 0;
  let lost = 0;
  cardIds.forEach((cardId, k) => {
    const s = seen.get(cardId) ?? -1;
    received += upTo(k, s);
    lost += Math.max(0, upTo(k, s) - upTo(k, stored[k]!));
  });
  return { received, lost };
}

async function killLargeMap(trials = 5) {
  const runs: { received: number; lost: number }[] = [];
  for (let t = 0; t < trials; t++) runs.push(await killLargeMapOnce());
  return { cards: 8000, trials, editsReceivedByAnotherClient: runs.map((r) => r.received), lostOfThose: runs.map((r) => r.lost) };
}

/**
 * A map file in the open format, as the server exports it, grown with copies
 * of one of its cards (each with a `textLength` text) to `cards` cards, or,
 * with `cards: 'fill'`, to as many as fit in `bytes`.
 */
async function mapFileText(
  url: string,
  cards: number | 'fill',
  textLength: number,
  bytes = 10 * 1024 * 1024,
): Promise<{ text: string; cards: number }> {
  const id = await createMap(url, { template: 'backpack' });
  const file = (await (await fetch(`${url}/api/maps/${id}/export.json`)).json()) as { cards: Record<string, Record<string, unknown>> };
  const { laneId, stageId } = Object.values(file.cards)[0]!;
  const text = '顾客 compares'.repeat(textLength).slice(0, textLength);
  const card = (i: number) => ({ id: `x${i}`, order: `a${i}`, laneId, stageId, text });
  const base = Object.keys(file.cards).length;
  const perCard = Buffer.byteLength(JSON.stringify({ x100000: card(100_000) })) + 1;
  const wanted = cards === 'fill' ? base + Math.floor((bytes - Buffer.byteLength(JSON.stringify(file)) - 1024) / perCard) : cards;
  for (let i = 0, n = base; n < wanted; i++, n++) file.cards[`x${i}`] = card(i);
  return { text: JSON.stringify(file), cards: wanted };
}

async function importHealth() {
  const port = await freePort();
  const child = await spawnServer(port, tempDir(), path.resolve('dist'), { LOG_LEVEL: 'error', MAX_MAPS_PER_HOUR: '1000' });
  const url = `http://127.0.0.1:${port}`;
  const results: Record<string, unknown> = {};
  try {
    for (const [name, { text, cards }] of [
      ['max10MiB', await mapFileText(url, 'fill', 1)],
      ['cards10000', await mapFileText(url, 10_000, 600)],
    ] as const) {
      const latencies: number[] = [];
      let done = false;
      const poll = (async () => {
        while (!done) {
          const t0 = performance.now();
          await fetch(`${url}/health`);
          latencies.push(performance.now() - t0);
          await sleep(20);
        }
      })();
      const t0 = performance.now();
      const res = await fetch(`${url}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
      const importMs = performance.now() - t0;
      const status = res.status;
      const body = (await res.json()) as { id?: string; error?: string };
      done = true;
      await poll;
      let openMs: number | null = null;
      if (body.id) {
        const t1 = performance.now();
        const client = await connectSynced(url, body.id);
        openMs = +(performance.now() - t1).toFixed(0);
        client.close();
      }
      results[name] = { bytes: Buffer.byteLength(text), cards, status, importMs: +importMs.toFixed(0), healthMs: stats(latencies), openMs };
    }
  } finally {
    await kill9(child);
  }
  return results;
}

const PARTS = { pendingUpdates, killLargeMap, importHealth } as const;

/** The attacks named in `only` (default: all), each figure as it comes printed to stderr. */
export async function attacks(only: readonly string[] = Object.keys(PARTS)) {
  const results: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(PARTS)) {
    if (!only.includes(name)) continue;
    const t0 = performance.now();
    results[name] = await run();
    console.error(`attacks: ${name} took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  return results;
}

// Run alone: `npx tsx bench/attacks.ts [part …]` (also in an older checkout, for the figures before the fixes).
if (process.argv[1]?.endsWith('attacks.ts')) {
  console.log(JSON.stringify(await attacks(process.argv.length > 2 ? process.argv.slice(2) : undefined), null, 2));
  process.exit(0);
}
