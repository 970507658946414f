/**
 * The real entry point (`node --import tsx server/index.ts`) in a child
 * process: kill -9 loses nothing the server acknowledged, SIGTERM stores and
 * compacts everything and closes sockets cleanly, bad configuration exits 1.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, listEntities } from '../../../src/model';
import { serverHarness } from '../../fixtures/harness';
import { connect, createMap, freePort, kill9, tempDir, waitFor } from '../../fixtures/server';

const h = serverHarness();

const cell = (doc: Y.Doc) => ({ laneId: listEntities(doc, 'lanes')[0]!.id, stageId: listEntities(doc, 'stages')[0]!.id });
const texts = (doc: Y.Doc) =>
  listEntities(doc, 'cards')
    .map((c) => c.text)
    .sort();

it('survives kill -9: stored edits stay, clients reconnect by themselves and resend the rest', async () => {
  const port = await freePort();
  const dataDir = tempDir();
  const url = `http://127.0.0.1:${port}`;
  const first = await h.spawnServer(port, dataDir);
  const id = await createMap(url);

  // A writes 30 cards; B (a second client) confirms the server relayed them all.
  const a = await h.client(url, id);
  const b = await h.client(url, id);
  for (let i = 0; i < 30; i++) addCard(a.doc, { ...cell(a.doc), text: `before ${i}` });
  await waitFor(() => texts(b.doc).length === 30, 'relayed before the crash');
  b.close();

  await kill9(first);
  await waitFor(() => !a.provider.wsconnected, 'A notices the crash');
  // Edits made while the server is down stay on A until it is back.
  addCard(a.doc, { ...cell(a.doc), text: 'while down' });

  await h.spawnServer(port, dataDir);
  // The same provider reconnects without help and syncs the edit the server never saw.
  await waitFor(() => a.provider.wsconnected && a.provider.synced, 'A reconnects', 15_000);
  const fresh = await h.client(url, id);
  await waitFor(() => texts(fresh.doc).length === 31, 'all 31 cards on a fresh client');
  expect(texts(fresh.doc)).toContain('while down');
});

it('after kill -9 a relayed edit is in storage even when its author never comes back', async () => {
  const port = await freePort();
  const dataDir = tempDir();
  const url = `http://127.0.0.1:${port}`;
  const first = await h.spawnServer(port, dataDir);
  const id = await createMap(url);
  const a = await h.client(url, id);
  const witness = await h.client(url, id);
  addCard(a.doc, { ...cell(a.doc), text: '写入后立刻崩溃' });
  // Relayed means stored: the server appends in the same event-loop turn it
  // relays, far inside the 1 s the server promises.
  await waitFor(() => texts(witness.doc).includes('写入后立刻崩溃'), 'relayed');
  // The author goes away for good before the crash: only the server's storage has the edit now.
  a.close();
  witness.close();
  await kill9(first);

  await h.spawnServer(port, dataDir);
  const later = h.track(connect(url, id));
  await waitFor(() => later.provider.synced, 'sync after restart');
  expect(texts(later.doc)).toEqual(['写入后立刻崩溃']);
});

it('on SIGTERM stores and compacts everything, closes sockets with 1001 and exits 0', async () => {
  const port = await freePort();
  const dataDir = tempDir();
  const url = `http://127.0.0.1:${port}`;
  const server = h.spawnEntry({ PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: dataDir });
  await waitFor(
    () =>
      fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    'health',
    30_000,
  );
  expect(server.output()).toContain(`Journeyboard running at ${url}`);

  const id = await createMap(url);
  const a = await h.client(url, id);
  const witness = await h.client(url, id);
  const closeCodes: number[] = [];
  a.provider.on('connection-close', (event) => closeCodes.push(event?.code ?? -1));
  for (let i = 0; i < 40; i++) addCard(a.doc, { ...cell(a.doc), text: `card ${i}` });
  await waitFor(() => texts(witness.doc).length === 40, 'relayed');

  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(closeCodes[0]).toBe(1001);
  const lines = server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { ts: string; level: string; msg: string });
  expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening', 'map created', 'shutting down', 'stopped']));
  expect(lines.every((l) => typeof l.ts === 'string' && typeof l.level === 'string')).toBe(true);

  // Everything is in the snapshot; the log is empty.
  const store = h.openStore(dataDir);
  expect(await store.logLength(id)).toBe(0);
  const doc = new Y.Doc();
  for (const u of await store.loadState(id)) Y.applyUpdate(doc, u);
  expect(texts(doc)).toHaveLength(40);
});

it('exits 1 with a message naming the variable when the environment is invalid', async () => {
  const run = h.spawnEntry({ PORT: 'eighty', MAX_MESSAGE_BYTES: '-5', DATA_DIR: tempDir() });
  expect(await run.exited).toBe(1);
  expect(run.output()).toContain('Invalid configuration');
  expect(run.output()).toMatch(/PORT="eighty"/);
  expect(run.output()).toMatch(/MAX_MESSAGE_BYTES="-5"/);
  expect(run.output()).not.toContain('    at '); // a message, not a stack trace
});
