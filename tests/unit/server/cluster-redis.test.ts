/**
 * Redis going away and coming back: a node says so on /health (503, so a load
 * balancer takes it out), keeps serving its own clients, and once Redis is
 * back every node re-reads the store: what was stored meanwhile reaches
 * everyone, nothing is lost, nobody restarts anything.
 */
import { expect, it } from 'vitest';
import { addCard, listEntities } from '../../../src/model';
import { serverHarness } from '../../fixtures/harness';
import { createMapWithLinks, freePort, waitFor } from '../../fixtures/server';
import { needServices, privateRedis } from '../../fixtures/services';

const h = serverHarness();
const texts = (doc: import('yjs').Doc) =>
  listEntities(doc, 'cards')
    .map((c) => c.text)
    .sort();

it('Redis restarts: /health turns 503 and back, edits made meanwhile reach the other node, nothing lost', async (ctx) => {
  await needServices(ctx, 'postgres', 'redis');
  const redis = await privateRedis(await freePort());
  try {
    const { nodes } = await h.cluster(ctx, 2, { REDIS_URL: redis.url });
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const { id } = await createMapWithLinks(one.url);
    const a = await h.client(one, id);
    const b = await h.client(two, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    addCard(a.doc, { ...cell, text: 'before' });
    await waitFor(() => texts(b.doc).includes('before'), 'crossed before');

    await redis.stop();
    await waitFor(async () => (await fetch(`${one.url}/health`)).status === 503, 'node 1 unhealthy');
    const health = (await (await fetch(`${one.url}/health`)).json()) as { ok: boolean; store: string; fanout: string };
    expect(health).toMatchObject({ ok: false, store: 'ok' });
    expect(health.fanout).not.toBe('ok');
    // Node 1 still serves its own clients, and stores what they write.
    addCard(a.doc, { ...cell, text: 'during the outage' });
    const a2 = await h.client(one, id);
    await waitFor(() => texts(a2.doc).includes('during the outage'), 'served on node 1');

    await redis.start();
    await waitFor(async () => (await fetch(`${one.url}/health`)).ok && (await fetch(`${two.url}/health`)).ok, 'both healthy again', 20_000);
    // Node 2 re-read the store when Redis came back: the edit made meanwhile is there, live for its client.
    await waitFor(() => texts(b.doc).includes('during the outage'), 'outage edit on node 2', 20_000);
    addCard(b.doc, { ...cell, text: 'after' });
    await waitFor(() => texts(a.doc).includes('after'), 'crossing again');
    expect(texts(a.doc)).toEqual(texts(b.doc));
  } finally {
    await redis.stop();
  }
}, 60_000);
