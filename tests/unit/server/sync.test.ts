/**
 * The websocket endpoint as y-websocket clients see it: relaying, load before
 * sync, persistence across a restart, and sockets that misbehave or ask for
 * maps that do not exist.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addCard, listEntities, moveCard, readMeta } from '../../../src/model';
import { serverHarness } from '../../fixtures/harness';
import { connect, createMap, waitFor, wsBase } from '../../fixtures/server';

const { start, stop, client, raw, track, trackSocket } = serverHarness();
const cellOf = (doc: Y.Doc) => ({ laneId: listEntities(doc, 'lanes')[0]!.id, stageId: listEntities(doc, 'stages')[0]!.id });
const texts = (doc: Y.Doc) =>
  listEntities(doc, 'cards')
    .map((c) => c.text)
    .sort();
const listMaps = async (url: string) => ((await (await fetch(`${url}/api/maps`)).json()) as { maps: { id: string }[] }).maps;

describe('sync', () => {
  it('relays edits made with model commands between two clients', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const b = await client(s.url, id);
    const cardId = addCard(a.doc, { ...cellOf(a.doc), text: '你好，世界' });
    await waitFor(() => listEntities(b.doc, 'cards').some((c) => c.id === cardId), 'card on B');
    moveCard(b.doc, cardId, { laneId: cellOf(b.doc).laneId, stageId: listEntities(b.doc, 'stages')[2]!.id });
    await waitFor(() => listEntities(a.doc, 'cards')[0]?.stageId === listEntities(a.doc, 'stages')[2]!.id, 'move on A');
  });

  it('answers the first sync step 1 with the stored map, never an empty doc', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'subscription', locale: 'zh-CN' });
    // The room is not loaded yet: this socket's sync step 1 arrives while it loads.
    const ws = trackSocket(new WebSocket(`${wsBase(s.url)}/${id}`));
    const replies: Uint8Array[] = [];
    ws.on('message', (d: Buffer) => replies.push(new Uint8Array(d)));
    await new Promise((r) => ws.once('open', r));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, new Y.Doc());
    ws.send(encoding.toUint8Array(e));

    const step2 = () =>
      replies.find((m) => {
        const d = decoding.createDecoder(m);
        return decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === syncProtocol.messageYjsSyncStep2;
      });
    await waitFor(() => step2() !== undefined, 'sync step 2');
    const d = decoding.createDecoder(step2()!);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    expect(readMeta(doc)?.title).toBe('订阅制电商客户旅程');
    expect(listEntities(doc, 'cards').length).toBeGreaterThan(10);
  });

  it('keeps every edit across a graceful restart on the same DATA_DIR', async () => {
    const s1 = await start();
    const id = await createMap(s1.url);
    const a = await client(s1.url, id);
    for (let i = 0; i < 20; i++) addCard(a.doc, { ...cellOf(a.doc), text: `card ${i}` });
    await waitFor(async () => (await s1.store.logLength(id)) >= 20, 'stored');
    a.close();
    await stop(s1);
    const s2 = await start({ DATA_DIR: s1.config.DATA_DIR });
    const b = await client(s2.url, id);
    expect(texts(b.doc)).toHaveLength(20);
  });

  it('an unconnected client syncs its offline edits when it connects', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const late = track(connect(s.url, id, { connect: false }));
    Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(a.doc));
    addCard(late.doc, { ...cellOf(late.doc), text: 'written offline' });
    late.provider.connect();
    await waitFor(() => texts(a.doc).includes('written offline'), 'offline edit arrives');
  });
});

describe('unknown maps', () => {
  it('closes a socket to an unknown map with 4404 "map not found" and creates nothing', async () => {
    const s = await start();
    const existing = await createMap(s.url);
    const before = await listMaps(s.url);

    const { closed } = await raw(s.url, 'noSuchMap123');
    expect(await closed).toEqual({ code: 4404, reason: 'map not found' });
    expect(await (await raw(s.url, 'bad%20id!')).closed).toEqual({ code: 4404, reason: 'map not found' });
    // A document of a map that no map has (only `comments` exists) is refused the same way.
    expect(await (await raw(s.url, `${existing}/drafts`)).closed).toEqual({ code: 4404, reason: 'map not found' });
    expect(await (await raw(s.url, `noSuchMap123/comments`)).closed).toEqual({ code: 4404, reason: 'map not found' });

    // The stock provider reads the close code and stops reconnecting.
    const stray = track(connect(s.url, 'neverCreated42'));
    const final = await new Promise<{ code: number; reason: string }>((resolve) => stray.provider.once('closed', resolve));
    expect(final).toEqual({ code: 4404, reason: 'map not found' });
    expect(stray.provider.shouldConnect).toBe(false);

    expect(await listMaps(s.url)).toEqual(before);
    expect((await fetch(`${s.url}/api/maps/noSuchMap123`)).status).toBe(404);
  });

  it('answers an upgrade outside /ws/ with HTTP 404', async () => {
    const s = await start();
    const ws = trackSocket(new WebSocket(`${s.url.replace('http', 'ws')}/elsewhere`));
    ws.on('error', () => {});
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    ws.terminate();
    expect(status).toBe(404);
  });
});

describe('misbehaving sockets', () => {
  it('closes only the socket that sends a malformed message', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const b = await client(s.url, id);
    const cases: [string, Uint8Array | string][] = [
      ['bad varint', Uint8Array.from([0xff, 0xff, 0xff])],
      ['unknown type', Uint8Array.from([9, 0])],
      ['truncated sync', Uint8Array.from([0, 2, 50, 1, 2])],
      ['garbage update', Uint8Array.from([0, 2, 5, 1, 2, 3, 4, 5])],
      ['awareness state not JSON', Uint8Array.from([1, 6, 1, 7, 1, 2, 0x7b, 0x7b])],
      ['empty frame', new Uint8Array(0)],
      ['text frame', 'hello'],
    ];
    for (const [what, bytes] of cases) {
      const bad = await raw(s.url, id);
      bad.ws.send(bytes);
      expect({ what, ...(await bad.closed) }).toMatchObject({ what, code: 1007 });
    }
    addCard(a.doc, { ...cellOf(a.doc), text: 'still syncing' });
    await waitFor(() => texts(b.doc).includes('still syncing'), 'sync after malformed');
    const health = (await (await fetch(`${s.url}/health`)).json()) as { ok: boolean; connections: number };
    expect(health).toMatchObject({ ok: true, connections: 2 });
  });

  it('closes a socket whose message is over MAX_MESSAGE_BYTES (1009) and keeps serving others', async () => {
    const s = await start({ MAX_MESSAGE_BYTES: 64 * 1024 });
    const id = await createMap(s.url);
    const a = await client(s.url, id);
    const b = await client(s.url, id);
    const big = await raw(s.url, id);
    big.ws.send(new Uint8Array(200 * 1024));
    expect((await big.closed).code).toBe(1009);
    addCard(a.doc, { ...cellOf(a.doc), text: 'after the big one' });
    await waitFor(() => texts(b.doc).includes('after the big one'), 'sync after oversized');
    expect((await fetch(`${s.url}/health`)).ok).toBe(true);
  });

  it('closes a socket that floods messages with 1008 "rate limit"', async () => {
    const s = await start({ MAX_MESSAGES_PER_SECOND: 10, MAX_MESSAGE_BURST: 20 });
    const id = await createMap(s.url);
    const calm = await client(s.url, id);
    const flood = await raw(s.url, id);
    const query = Uint8Array.from([3]);
    for (let i = 0; i < 100; i++) flood.ws.send(query);
    expect(await flood.closed).toEqual({ code: 1008, reason: 'rate limit' });
    expect(calm.provider.wsconnected).toBe(true);
  });
  it('terminates a socket that stops answering pings, and its presence goes with it', async () => {
    const s = await start({ PING_INTERVAL_MS: 50 });
    const id = await createMap(s.url);
    const observer = await client(s.url, id);
    // A peer whose network died: it never answers a ping.
    const dead = trackSocket(new WebSocket(`${wsBase(s.url)}/${id}`, { autoPong: false }));
    dead.on('error', () => {});
    const closed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)));
    await new Promise((r) => dead.once('open', r));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    const presence = encoding.createEncoder();
    encoding.writeVarUint(presence, 1);
    encoding.writeVarUint(presence, 999);
    encoding.writeVarUint(presence, 1);
    encoding.writeVarString(presence, JSON.stringify({ user: { name: 'zombie' } }));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(presence));
    dead.send(encoding.toUint8Array(e));
    await waitFor(() => observer.provider.awareness.getStates().has(999), 'zombie visible');

    expect(await closed).toBe(1006); // terminated, no close handshake
    await waitFor(() => !observer.provider.awareness.getStates().has(999), 'zombie gone');
    // A live provider answers pings and stays.
    expect(observer.provider.wsconnected).toBe(true);
  });
});
