import type { ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, listEntities } from '../../../src/model';
import { connect, connectSynced, createMap, freePort, kill9, spawnServer, tempDir, waitFor, type Client } from '../../fixtures/server';

const children: ChildProcess[] = [];
const clients: Client[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  for (const c of children.splice(0)) if (c.exitCode === null) await kill9(c);
});

const cell = (doc: Y.Doc) => ({ laneId: listEntities(doc, 'lanes')[0]!.id, stageId: listEntities(doc, 'stages')[0]!.id });
const texts = (doc: Y.Doc) =>
  listEntities(doc, 'cards')
    .map((c) => c.text)
    .sort();

it('survives kill -9: stored edits stay, clients reconnect by themselves and resend the rest', async () => {
  const port = await freePort();
  const dataDir = tempDir();
  const url = `http://127.0.0.1:${port}`;
  children.push(await spawnServer(port, dataDir));
  const id = await createMap(url);

  // A writes 30 cards; B (a second client) confirms the server relayed them all.
  const a = await connectSynced(url, id);
  const b = await connectSynced(url, id);
  clients.push(a, b);
  for (let i = 0; i < 30; i++) addCard(a.doc, { ...cell(a.doc), text: `before ${i}` });
  await waitFor(() => texts(b.doc).length === 30, 'relayed before the crash');
  b.close();

  await kill9(children.pop()!);
  await waitFor(() => !a.provider.wsconnected, 'A notices the crash');
  // Edits made while the server is down stay on A until it is back.
  addCard(a.doc, { ...cell(a.doc), text: 'while down' });

  children.push(await spawnServer(port, dataDir));
  // A reconnects without help and syncs the edit the server never saw.
  await waitFor(() => a.provider.wsconnected && a.provider.synced, 'A reconnects', 15_000);
  const fresh = await connectSynced(url, id);
  clients.push(fresh);
  await waitFor(() => texts(fresh.doc).length === 31, 'all 31 cards on a fresh client');
  expect(texts(fresh.doc)).toContain('while down');
});

it('after kill -9 a relayed edit is in storage even when its author never comes back', async () => {
  const port = await freePort();
  const dataDir = tempDir();
  const url = `http://127.0.0.1:${port}`;
  children.push(await spawnServer(port, dataDir));
  const id = await createMap(url);
  const a = await connectSynced(url, id);
  const witness = await connectSynced(url, id);
  addCard(a.doc, { ...cell(a.doc), text: '写入后立刻崩溃' });
  await waitFor(() => texts(witness.doc).includes('写入后立刻崩溃'), 'relayed');
  // The author goes away for good before the crash: only the server's storage has the edit now.
  a.close();
  witness.close();
  await kill9(children.pop()!);

  children.push(await spawnServer(port, dataDir));
  const later = connect(url, id);
  clients.push(later);
  await waitFor(() => later.provider.synced, 'sync after restart');
  expect(texts(later.doc)).toEqual(['写入后立刻崩溃']);
});
