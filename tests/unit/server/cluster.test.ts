/**
 * Several nodes (STORE=postgres, on this machine's PostgreSQL and Redis) on
 * one map behave as one server: edits, presence and comments cross nodes
 * live; roles, rotated links and deleted maps hold on every node; one
 * automatic version per interval per map; a restore on one node is live on
 * another; the format migration runs once whichever node loads the map
 * first; every node lists the same maps.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, castVote, collection, listEntities, readEntity, updateCardText } from '../../../src/model';
import { readComments, reply, startThread } from '../../../src/model/comments';
import { openPostgresStore } from '../../../server/store/postgres';
import { serverHarness } from '../../fixtures/harness';
import { v1Doc } from '../../fixtures/model';
import { createMapWithLinks, jsonRequest, tokenOf, waitFor } from '../../fixtures/server';

const h = serverHarness();

const cellOf = (doc: Y.Doc) => ({ laneId: listEntities(doc, 'lanes')[0]!.id, stageId: listEntities(doc, 'stages')[0]!.id });
const texts = (doc: Y.Doc) =>
  listEntities(doc, 'cards')
    .map((c) => c.text)
    .sort();

describe('a cluster of nodes', () => {
  it('edits and comments cross nodes live, both ways, and are stored once in PostgreSQL', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2);
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const { id } = await createMapWithLinks(one.url, { template: 'blank' });
    const a = await h.client(one, id);
    const b = await h.client(two, id);
    const card = addCard(a.doc, { ...cellOf(a.doc), text: '节点一写的' });
    await waitFor(() => texts(b.doc).includes('节点一写的'), 'node 1 → node 2');
    updateCardText(b.doc, card, 'changed on node 2');
    await waitFor(() => texts(a.doc).includes('changed on node 2'), 'node 2 → node 1');

    const ca = await h.client(one, id, { doc: 'comments' });
    const cb = await h.client(two, id, { doc: 'comments' });
    const started = startThread(ca.doc, 'map', { id: 'alice', name: 'Alice', color: '#336699' }, 'on node 1');
    await waitFor(() => readComments(cb.doc).threads.length === 1, 'thread on node 2');
    reply(cb.doc, started!.threadId, { id: 'bob', name: 'Bob', color: '#993366' }, '回复 from node 2');
    await waitFor(() => (readComments(ca.doc).threads[0]?.comments.length ?? 0) === 2, 'reply on node 1');

    // A fresh node reads it all from PostgreSQL.
    const three = await h.start({
      STORE: 'postgres',
      DATABASE_URL: one.config.DATABASE_URL,
      REDIS_URL: one.config.REDIS_URL,
      REDIS_PREFIX: one.config.REDIS_PREFIX,
    });
    const c = await h.client(three, id);
    expect(texts(c.doc)).toEqual(['changed on node 2']);
  });

  it('presence crosses nodes, and leaves with its client', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2);
    const { id } = await createMapWithLinks(nodes[0]!.url);
    const a = await h.client(nodes[0]!, id);
    const b = await h.client(nodes[1]!, id);
    a.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    const nameOnB = () => (b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name;
    await waitFor(() => nameOnB() === 'Anna', 'Anna on node 2');
    a.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    await waitFor(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: { x: number } })?.cursor?.x === 10, 'cursor');
    a.close();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'Anna gone on node 2');
  });

  it('roles hold on every node; rotating links on one node closes old-link sockets on all; deleting closes all', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2);
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const { id, links } = await createMapWithLinks(one.url);
    const editor = await h.client(one, id);
    const viewer = await h.client(two, id, { token: tokenOf(links.view) });
    const viewerOnOne = await h.client(one, id, { token: tokenOf(links.view) });
    // A viewer's write on node 2 goes nowhere.
    addCard(viewer.doc, { ...cellOf(viewer.doc), text: 'viewer wrote this' });
    addCard(editor.doc, { ...cellOf(editor.doc), text: 'editor wrote this' });
    await waitFor(() => texts(viewer.doc).includes('editor wrote this'), 'editor edit on the viewer');
    const fresh = await h.client(two, id);
    expect(texts(fresh.doc)).toEqual(['editor wrote this']);

    const closes: number[] = [];
    for (const c of [viewer, viewerOnOne]) c.provider.on('connection-close', (e) => closes.push(e?.code ?? -1));
    const rotated = await fetch(`${two.url}/api/maps/${id}/links/rotate`, jsonRequest('POST'));
    expect(rotated.status).toBe(200);
    await waitFor(() => closes.filter((c) => c === 4401).length === 2, 'both viewers closed with 4401');

    const editorCloses: number[] = [];
    for (const c of [editor, fresh]) c.provider.on('connection-close', (e) => editorCloses.push(e?.code ?? -1));
    expect((await fetch(`${one.url}/api/maps/${id}`, { method: 'DELETE' })).status).toBe(204);
    await waitFor(() => editorCloses.filter((c) => c === 4410).length === 2, 'sockets on both nodes closed with 4410');
  });

  it('one automatic version per interval per map, whichever nodes store the edits; a restore on one node is live on the other', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2, { AUTO_VERSION_INTERVAL_MS: 300 });
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const { id } = await createMapWithLinks(one.url);
    const a = await h.client(one, id);
    const b = await h.client(two, id);
    const card = addCard(a.doc, { ...cellOf(a.doc), text: 'v0' });
    await waitFor(() => texts(b.doc).includes('v0'), 'synced');
    const saved = await fetch(`${one.url}/api/maps/${id}/versions`, jsonRequest('POST', { name: 'before' }));
    expect(saved.status).toBe(201);
    const { id: before } = (await saved.json()) as { id: string };

    // Both nodes store edits for a while; every node asks for an automatic version each interval.
    const started = Date.now();
    for (let i = 1; Date.now() - started < 1600; i++) {
      updateCardText(i % 2 ? a.doc : b.doc, card, `v${i}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    await waitFor(() => readEntity(a.doc, 'cards', card)?.text === readEntity(b.doc, 'cards', card)?.text, 'converged');
    const { versions } = (await (await fetch(`${two.url}/api/maps/${id}/versions`)).json()) as {
      versions: { kind: string; createdAt: number }[];
    };
    const autos = versions
      .filter((v) => v.kind === 'auto')
      .map((v) => v.createdAt)
      .sort((x, y) => x - y);
    expect(autos.length).toBeGreaterThan(0);
    expect(autos.length).toBeLessThanOrEqual(Math.ceil(1600 / 300) + 1);
    for (let k = 1; k < autos.length; k++) expect(autos[k]! - autos[k - 1]!).toBeGreaterThanOrEqual(300);

    const restored = await fetch(`${one.url}/api/maps/${id}/versions/${before}/restore`, jsonRequest('POST', {}));
    expect(restored.status).toBe(200);
    await waitFor(() => readEntity(b.doc, 'cards', card)?.text === 'v0', 'restore live on node 2');
  });

  it('a map in the old format is migrated once, whichever nodes load it at the same moment', async (ctx) => {
    const { nodes, services } = await h.cluster(ctx, 2);
    const store = await openPostgresStore(services.DATABASE_URL);
    const doc = v1Doc({ title: 'From version 1', description: '', locale: 'en', createdAt: 1, updatedAt: 1 }, [
      ['stages', 's1', { order: 'a0', name: 'Stage', description: '', color: '#4f7cff' }],
      ['lanes', 'l1', { order: 'a0', kind: 'actions', name: 'Lane', department: '' }],
      ['cards', 'c1', { order: 'a0', laneId: 'l1', stageId: 's1', text: 'no votes map yet' }],
    ]);
    await store.createMap({ id: 'legacyMap', title: 'From version 1', createdAt: 1, updatedAt: 1 }, Y.encodeStateAsUpdate(doc));
    const [a, b] = await Promise.all(nodes.map((n) => h.client(n, 'legacyMap')));
    // Both voted on the card: if each node had made its own votes map, one vote would be lost.
    expect(castVote(a!.doc, 'c1', 'A')).toBe('voted');
    expect(castVote(b!.doc, 'c1', 'B')).toBe('voted');
    await waitFor(() => Object.keys(readEntity(a!.doc, 'cards', 'c1')?.votes ?? {}).length === 2, 'both votes on node 1');
    await waitFor(() => Object.keys(readEntity(b!.doc, 'cards', 'c1')?.votes ?? {}).length === 2, 'both votes on node 2');
    expect(collection(a!.doc, 'cards').get('c1')!.get('votes')).toBeInstanceOf(Y.Map);
    await store.close();
  });

  it('every node lists the same maps with the same summaries', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2);
    await createMapWithLinks(nodes[0]!.url, { template: 'backpack', locale: 'zh-CN' });
    await createMapWithLinks(nodes[1]!.url, { template: 'subscription' });
    const list = async (url: string) => (await (await fetch(`${url}/api/maps`)).json()) as { maps: unknown[]; total: number };
    const [l1, l2] = await Promise.all(nodes.map((n) => list(n.url)));
    expect(l1!.total).toBe(2);
    expect(l2).toEqual(l1);
  });
});

describe('operating a cluster', () => {
  it('GET /metrics shows each node’s rooms, sockets, updates, store timings and fan-out lag, labelled with its node', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2);
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const { id } = await createMapWithLinks(one.url);
    const a = await h.client(one, id);
    const b = await h.client(two, id);
    addCard(a.doc, { ...cellOf(a.doc), text: 'counted' });
    await waitFor(() => texts(b.doc).includes('counted'), 'crossed');
    const metrics = async (url: string) => {
      const res = await fetch(`${url}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    const value = (text: string, series: string) => Number(new RegExp(`^${series}\\{node="[^"]+"\\} (\\S+)$`, 'm').exec(text)?.[1]);
    const [m1, m2] = await Promise.all([metrics(one.url), metrics(two.url)]);
    expect(m1).toContain(`journeyboard_rooms{node="${one.nodeId}"} 1`);
    expect(value(m1, 'journeyboard_updates_in_total')).toBeGreaterThan(0);
    expect(value(m1, 'journeyboard_store_append_seconds_count')).toBeGreaterThan(0);
    expect(value(m2, 'journeyboard_updates_from_nodes_total')).toBeGreaterThan(0);
    expect(value(m2, 'journeyboard_fanout_lag_seconds_count')).toBeGreaterThan(0);
    expect(value(m2, 'journeyboard_fanout_up')).toBe(1);
    expect(m2).not.toContain(id); // how much, never which map
    const health = (await (await fetch(`${two.url}/health`)).json()) as { ok: boolean; node: string; store: string; fanout: string };
    expect(health).toMatchObject({ ok: true, node: two.nodeId, store: 'ok', fanout: 'ok' });
  });
});
