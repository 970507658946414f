import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addCard, listEntities, moveCard } from '../../../src/model';
import { connect, connectSynced, createMap, rawSocket, startServer, waitFor, wsBase, type Client } from '../../fixtures/server';

const servers: Awaited<ReturnType<typeof startServer>>[] = [];
const clients: Client[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(overrides = {}) {
  const s = await startServer(overrides);
  servers.push(s);
  return s;
}
async function client(url: string, id: string) {
  const c = await connectSynced(url, id);
  clients.push(c);
  return c;
}
const cellOf = (doc: Y.Doc) => ({ laneId: listEntities(doc, 'lanes')[0]!.id, stageId: listEntities(doc, 'stages')[0]!.id });
const texts = (doc: Y.Doc) =>
  listEntities(doc, 'cards')
    .map((c) => c.text)
    .sort();

describe('sync', () => {
  it('relays edits between two clients', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const b = await client(s.url, id);
    const cardId = addCard(a.doc, { ...cellOf(a.doc), text: '你好，世界' });
    await waitFor(() => listEntities(b.doc, 'cards').some((c) => c.id === cardId), 'card on B');
    moveCard(b.doc, cardId, { laneId: cellOf(b.doc).laneId, stageId: listEntities(b.doc, 'stages')[2]!.id });
    await waitFor(() => listEntities(a.doc, 'cards')[0]?.stageId === listEntities(a.doc, 'stages')[2]!.id, 'move on A');
  });

  it('keeps every edit across a graceful restart on the same DATA_DIR', async () => {
    const s1 = await start();
    const id = await createMap(s1.url);
    const a = await client(s1.url, id);
    for (let i = 0; i < 20; i++) addCard(a.doc, { ...cellOf(a.doc), text: `card ${i}` });
    await waitFor(async () => (await s1.store.logLength(id)) >= 20, 'stored');
    a.close();
    clients.length = 0;
    await s1.close();
    servers.length = 0;
    const s2 = await start({ DATA_DIR: s1.config.DATA_DIR });
    const b = await client(s2.url, id);
    expect(texts(b.doc)).toHaveLength(20);
  });

  it('refuses a socket to an unknown map without creating it', async () => {
    const s = await start();
    const { closed } = await rawSocket(s.url, 'noSuchMap123');
    expect(await closed).toEqual({ code: 4404, reason: 'map not found' });
    const list = (await (await fetch(`${s.url}/api/maps`)).json()) as unknown[];
    expect(list).toHaveLength(0);
  });

  it('closes only the socket that sends a malformed message', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const b = await client(s.url, id);
    const bad = await rawSocket(s.url, id);
    bad.ws.send(Uint8Array.from([0xff, 0xff, 0xff]));
    expect((await bad.closed).code).toBe(1007);
    const bad2 = await rawSocket(s.url, id);
    bad2.ws.send(Uint8Array.from([0, 2, 50, 1, 2, 3])); // a sync update with garbage inside
    expect((await bad2.closed).code).toBe(1007);
    const bad3 = await rawSocket(s.url, id);
    bad3.ws.send('text frame');
    expect((await bad3.closed).code).toBe(1007);
    addCard(a.doc, { ...cellOf(a.doc), text: 'still syncing' });
    await waitFor(() => texts(b.doc).includes('still syncing'), 'sync after malformed');
    expect((await fetch(`${s.url}/health`)).ok).toBe(true);
  });

  it('refuses an oversized message and keeps serving others', async () => {
    const s = await start({ MAX_MESSAGE_BYTES: 64 * 1024 });
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const b = await client(s.url, id);
    const big = await rawSocket(s.url, id);
    big.ws.send(new Uint8Array(200 * 1024));
    expect((await big.closed).code).toBe(1009);
    addCard(a.doc, { ...cellOf(a.doc), text: 'after the big one' });
    await waitFor(() => texts(b.doc).includes('after the big one'), 'sync after oversized');
  });

  it('closes a socket that floods messages', async () => {
    const s = await start({ MAX_MESSAGES_PER_SECOND: 10 });
    const id = await createMap(s.url);
    const flood = await rawSocket(s.url, id);
    const query = Uint8Array.from([3]);
    for (let i = 0; i < 100; i++) flood.ws.send(query);
    expect(await flood.closed).toEqual({ code: 1008, reason: 'rate limit' });
  });
});

describe('awareness', () => {
  it("drops an update that speaks for another socket's client, and removes a leaver's state", async () => {
    const s = await start();
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const observer = await client(s.url, id);
    a.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    await waitFor(
      () =>
        (observer.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Alice',
      'Alice visible',
    );

    // A forged update: another doc with A's client id, claiming to be Mallory.
    const forgedDoc = new Y.Doc();
    forgedDoc.clientID = a.doc.clientID;
    const forged = new awarenessProtocol.Awareness(forgedDoc);
    forged.setLocalState({ user: { name: 'Mallory' } });
    forged.setLocalState({ user: { name: 'Mallory' } }); // clock past Alice's
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(forged, [a.doc.clientID]));
    const attacker = new WebSocket(`${wsBase(s.url)}/${id}`);
    await new Promise((r) => attacker.once('open', r));
    attacker.send(encoding.toUint8Array(e));
    // Prove the server handled it: a later harmless change by A still arrives, Alice unchanged.
    a.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await waitFor(
      () => (observer.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: unknown } | undefined)?.cursor !== undefined,
      'cursor',
    );
    expect((observer.provider.awareness.getStates().get(a.doc.clientID) as { user: { name: string } }).user.name).toBe('Alice');
    expect(attacker.readyState).toBe(WebSocket.OPEN);
    attacker.close();
    forged.destroy();

    // A leaves: the observer no longer sees A.
    const aId = a.doc.clientID;
    a.close();
    await waitFor(() => !observer.provider.awareness.getStates().has(aId), 'A gone');
  });
});

describe('storage', () => {
  it('compacts the update log into a snapshot and loses nothing', async () => {
    const s = await start({ COMPACT_AFTER_UPDATES: 25, ROOM_IDLE_MS: 0 });
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    for (let i = 0; i < 120; i++) addCard(a.doc, { ...cellOf(a.doc), text: `n${i}` });
    await waitFor(() => s.rooms.connections === 1 && listEntities(a.doc, 'cards').length === 120, 'local');
    const b = await client(s.url, id);
    await waitFor(() => texts(b.doc).length === 120, 'all on B');
    expect(await s.store.logLength(id)).toBeLessThan(25);
    a.close();
    b.close();
    clients.length = 0;
    // The room unloads (flush + compaction) once nobody is on it.
    await waitFor(async () => s.rooms.size === 0, 'room unloaded');
    expect(await s.store.logLength(id)).toBe(0);
    const c = await client(s.url, id);
    expect(texts(c.doc)).toHaveLength(120);
  });

  it('an unconnected client syncs its offline edits when it connects', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const late = connect(s.url, id, { connect: false });
    clients.push(late);
    Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(a.doc));
    addCard(late.doc, { ...cellOf(late.doc), text: 'written offline' });
    late.provider.connect();
    await waitFor(() => texts(a.doc).includes('written offline'), 'offline edit arrives');
  });
});
