/**
 * The comments doc of a map (`/ws/<mapId>/comments`): its own room and its
 * own stored state, existing exactly as long as the map, compacted like the
 * map's document, and never mistaken for the map document (no title, no
 * summary, no migration).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverHarness } from '../../fixtures/harness';
import { connect, createMap, waitFor, type Client } from '../../fixtures/server';

const { start, stop, client, raw, track } = serverHarness();
const comments = (url: string, id: string): Promise<Client> => client(url, id, { doc: 'comments' });
const thread = (doc: Y.Doc) => doc.getMap<string>('comments');
const docFrom = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
};

describe('comments room', () => {
  it('is separate from the map document, and its writes leave the map row alone', async () => {
    const s = await start();
    const id = await createMap(s.url, { title: 'With comments' });
    const before = await s.store.getMap(id);
    const mapLog = await s.store.logLength(id);
    const a = await comments(s.url, id);
    const b = await comments(s.url, id);
    // Nothing of the map in the comments doc (no content, no migration), and it starts empty.
    expect(a.doc.store.clients.size).toBe(0);

    await waitFor(() => Date.now() > before!.updatedAt, 'the clock moves on');
    thread(a.doc).set('c1', 'first');
    await waitFor(() => thread(b.doc).get('c1') === 'first', 'relayed');
    await waitFor(async () => (await s.store.loadState(`${id}/comments`)).length > 0, 'stored');
    expect(await s.store.getMap(id)).toEqual(before);
    expect(await s.store.logLength(id)).toBe(mapLog);
    // The map document has no comments in it.
    const map = await client(s, id);
    expect(thread(map.doc).size).toBe(0);
    expect(map.doc.getMap('meta').get('title')).toBe('With comments');
  });

  it('keeps its log bounded by compaction and loses nothing across a restart', async () => {
    const LIMIT = 10;
    const s1 = await start({ COMPACT_AFTER_UPDATES: LIMIT, ROOM_IDLE_MS: 0 });
    const id = await createMap(s1.url);
    const a = await comments(s1.url, id);
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) {
      thread(a.doc).set(`c${i % 5}`, `comment ${i}`);
      if (i % 5 === 4) {
        const b = await comments(s1.url, id);
        await waitFor(() => thread(b.doc).get('c4') === `comment ${i}`, 'relayed');
        b.close();
        seen.push(await s1.store.logLength(`${id}/comments`));
      }
    }
    expect(Math.max(...seen)).toBeLessThan(LIMIT);
    a.close();
    await waitFor(() => s1.rooms.size === 0, 'rooms unloaded');
    expect(await s1.store.logLength(`${id}/comments`)).toBe(0);
    await stop(s1);

    const s2 = await start({ DATA_DIR: s1.config.DATA_DIR });
    expect(thread((await comments(s2.url, id)).doc).toJSON()).toEqual({
      c0: 'comment 35',
      c1: 'comment 36',
      c2: 'comment 37',
      c3: 'comment 38',
      c4: 'comment 39',
    });
  });

  it('goes with its map: deleting the map closes its sockets (4410) and deletes what it stored', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const keep = await createMap(s.url);
    const a = await comments(s.url, id);
    const other = await comments(s.url, keep);
    thread(a.doc).set('c', 'soon gone');
    thread(other.doc).set('c', 'stays');
    await waitFor(
      async () =>
        docFrom(await s.store.loadState(`${id}/comments`))
          .getMap('comments')
          .get('c') === 'soon gone',
      'stored',
    );
    await waitFor(async () => (await s.store.loadState(`${keep}/comments`)).length > 0, 'other stored');
    const closed = new Promise((resolve) => a.provider.once('closed', resolve));

    expect((await fetch(`${s.url}/api/maps/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await closed).toEqual({ code: 4410, reason: 'map deleted' });
    expect(await s.store.loadState(`${id}/comments`)).toEqual([]);
    expect(await (await raw(s.url, id, '/comments')).closed).toEqual({ code: 4404, reason: 'map not found' });
    expect(
      docFrom(await s.store.loadState(`${keep}/comments`))
        .getMap('comments')
        .get('c'),
    ).toBe('stays');
    expect(other.provider.wsconnected).toBe(true);
  });

  it('is not copied by duplicating the map (a copy starts without the discussion)', async () => {
    const s = await start();
    const id = await createMap(s.url);
    const a = await comments(s.url, id);
    thread(a.doc).set('c', 'about the original');
    await waitFor(async () => (await s.store.loadState(`${id}/comments`)).length > 0, 'stored');
    const copy = ((await (await fetch(`${s.url}/api/maps/${id}/duplicate`, { method: 'POST' })).json()) as { id: string }).id;
    expect(thread((await comments(s.url, copy)).doc).size).toBe(0);
  });

  it('answers a late socket of a comments room with the stored comments, never an empty doc', async () => {
    const s = await start({ ROOM_IDLE_MS: 0 });
    const id = await createMap(s.url);
    const a = await comments(s.url, id);
    thread(a.doc).set('c', 'stored before');
    await waitFor(async () => (await s.store.loadState(`${id}/comments`)).length > 0, 'stored');
    a.close();
    await waitFor(() => s.rooms.size === 0, 'room unloaded');
    const late = track(connect(s.url, id, { doc: 'comments' }));
    await waitFor(() => late.provider.synced, 'synced');
    expect(thread(late.doc).get('c')).toBe('stored before');
  });
});
