/**
 * Workshop rounds on a real server: each editor's private document
 * (`/ws/<mapId>/private`) is theirs alone, on the wire too; the reveal moves
 * every private card of the round into the map at once (idempotently) and
 * counts secret votes; a round in progress survives a restart and works
 * across two nodes of a cluster.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { serverHarness } from '../../fixtures/harness';
import { createMap, createMapWithLinks, jsonRequest, tokenOf, waitFor, type Client } from '../../fixtures/server';
import { listEntities } from '../../../src/model/doc';
import { readRounds, startRound } from '../../../src/model/rounds/commands';
import { addPrivateCard, castPrivateVote, listPrivateCards } from '../../../src/model/rounds/private';
import { CLOSE } from '../../../src/model/closeCodes';

const { start, stop, client, raw, cluster, restart } = serverHarness();

const KEYS = { a: 'a'.repeat(32), b: 'b'.repeat(32), c: 'c'.repeat(32) };
const wireText = (frames: Uint8Array[]) => frames.map((f) => Buffer.from(f).toString('latin1')).join('\n');
const reveal = (url: string, mapId: string, roundId: string) =>
  fetch(`${url}/api/maps/${mapId}/rounds/${roundId}/reveal`, jsonRequest('POST'));
const firstCell = (doc: Y.Doc) => ({ laneId: listEntities(doc, 'lanes')[0]!.id, stageId: listEntities(doc, 'stages')[0]!.id });
const round = (doc: Y.Doc, id: string) => readRounds(doc).find((r) => r.id === id);

describe('workshop rounds', () => {
  it('keeps private cards private, on the wire too, until the reveal shows them all at once', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'blank' });
    const aWire: Uint8Array[] = [];
    const bWire: Uint8Array[] = [];
    const a = await client(s, id, { presenceKey: KEYS.a, received: aWire });
    const bMap = await client(s, id, { presenceKey: KEYS.b });
    const bPrivate = await client(s, id, { doc: 'private', presenceKey: KEYS.b, received: bWire });
    const cPrivate = await client(s, id, { doc: 'private', presenceKey: KEYS.c });
    const roundId = startRound(a.doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann' });
    await waitFor(() => round(bMap.doc, roundId)?.state === 'running', 'the round reaches B');
    const started = round(bMap.doc, roundId)!;
    const cell = firstCell(a.doc);
    expect(addPrivateCard(bPrivate.doc, started, cell, 'B-secret-idea').ok).toBe(true);
    expect(addPrivateCard(cPrivate.doc, started, cell, 'C-secret-idea').ok).toBe(true);
    await waitFor(async () => (await s.store.privateDocs(id)).length === 2, 'both private documents stored');
    // Nobody else's private card reaches anyone: not A's map socket, not B's private one.
    expect(listPrivateCards(bPrivate.doc, null).map((c) => c.text)).toEqual(['B-secret-idea']);
    expect(wireText(bWire)).not.toContain('C-secret-idea');
    expect(wireText(aWire)).not.toContain('secret-idea');
    expect(listEntities(a.doc, 'cards')).toEqual([]);

    const res = await reveal(s.url, id, roundId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'revealed', kind: 'brainstorm', cards: 2, leftOut: 0 });
    await waitFor(() => listEntities(a.doc, 'cards').length === 2, 'the revealed cards reach A');
    expect(
      listEntities(a.doc, 'cards')
        .map((c) => [c.text, c.roundId])
        .sort(),
    ).toEqual([
      ['B-secret-idea', roundId],
      ['C-secret-idea', roundId],
    ]);
    expect(round(a.doc, roundId)?.state).toBe('revealed');
    await waitFor(() => listPrivateCards(bPrivate.doc, null).length === 0, 'B’s private document emptied');
    // Idempotent: a second reveal (the time box ran out on two pages at once) adds nothing.
    const again = await reveal(s.url, id, roundId);
    expect(await again.json()).toEqual({ status: 'already-revealed' });
    expect(listEntities(a.doc, 'cards')).toHaveLength(2);
    expect((await reveal(s.url, id, 'NoSuchRound0000000000')).status).toBe(404);
  });

  it('gives no private document to a viewer, a commenter or a socket without a presence key', async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url, {});
    for (const link of [links.view, links.comment]) {
      const viewer = await raw(s.url, id, `/private?token=${tokenOf(link)}&presenceKey=${KEYS.a}`);
      expect((await viewer.closed).code).toBe(CLOSE.unauthorized);
    }
    const keyless = await raw(s.url, id, '/private');
    expect((await keyless.closed).code).toBe(CLOSE.unauthorized);
    // …and a viewer may not reveal a round either.
    const res = await fetch(
      `${s.url}/api/maps/${id}/rounds/AnyRound0000000000000/reveal?token=${tokenOf(links.view)}`,
      jsonRequest('POST'),
    );
    expect(res.status).toBe(403);
  });

  it('counts secret votes only at the end, ranked with ties', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'blank' });
    const a = await client(s, id, { presenceKey: KEYS.a });
    const cell = firstCell(a.doc);
    const brainstorm = startRound(a.doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann' });
    const aPrivate = await client(s, id, { doc: 'private', presenceKey: KEYS.a });
    await waitFor(() => round(a.doc, brainstorm) !== undefined, 'round');
    for (const text of ['x', 'y', 'z']) addPrivateCard(aPrivate.doc, round(a.doc, brainstorm)!, cell, text);
    await waitFor(async () => (await s.store.privateDocs(id)).length === 1, 'stored');
    await reveal(s.url, id, brainstorm);
    await waitFor(() => listEntities(a.doc, 'cards').length === 3, 'cards');
    const byText = Object.fromEntries(listEntities(a.doc, 'cards').map((c) => [c.text, c]));

    const vote = startRound(a.doc, { kind: 'vote', laneIds: [], createdBy: 'Ann', budget: 2, topN: 1 });
    const b = await client(s, id, { doc: 'private', presenceKey: KEYS.b });
    const c = await client(s, id, { doc: 'private', presenceKey: KEYS.c });
    await waitFor(() => round(a.doc, vote) !== undefined, 'vote round');
    const running = round(a.doc, vote)!;
    const voteOn = (p: Client, text: string) => castPrivateVote(p.doc, running, byText[text]!);
    expect([voteOn(b, 'x'), voteOn(b, 'x'), voteOn(b, 'y')]).toEqual(['voted', 'voted', 'no-votes-left']);
    expect([voteOn(c, 'y'), voteOn(c, 'y')]).toEqual(['voted', 'voted']);
    await waitFor(async () => (await s.store.privateDocs(id)).length === 3, 'ballots stored');
    // Nothing of the ballots is on the map while the vote runs.
    expect(listEntities(a.doc, 'cards').every((card) => Object.keys(card.votes ?? {}).length === 0)).toBe(true);

    expect(await (await reveal(s.url, id, vote)).json()).toEqual({ status: 'revealed', kind: 'vote', voters: 2, ranked: 2 });
    await waitFor(() => round(a.doc, vote)?.state === 'revealed', 'results reach A');
    // A tie: both first, listed in the order the cell shows them.
    const cellOrder = listEntities(a.doc, 'cards')
      .filter((card) => card.text === 'x' || card.text === 'y')
      .sort((p, q) => (p.order < q.order ? -1 : 1))
      .map((card) => card.id);
    expect(round(a.doc, vote)!.results).toEqual(cellOrder.map((cardId) => ({ cardId, votes: 2, rank: 1 })));
    expect(round(a.doc, vote)!.participants).toBe(2);
  });

  it('keeps a round in progress and its private cards across a restart', async () => {
    let s = await start();
    const id = await createMap(s.url, { template: 'blank' });
    const a = await client(s, id, { presenceKey: KEYS.a });
    const roundId = startRound(a.doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann', minutes: 5 });
    const b = await client(s, id, { doc: 'private', presenceKey: KEYS.b });
    await waitFor(() => round(a.doc, roundId) !== undefined, 'round');
    addPrivateCard(b.doc, round(a.doc, roundId)!, firstCell(a.doc), 'survives');
    await waitFor(async () => (await s.store.privateDocs(id)).length === 1, 'stored');
    s = await restart(s);
    const a2 = await client(s, id, { presenceKey: KEYS.a });
    expect(round(a2.doc, roundId)?.state).toBe('running');
    const b2 = await client(s, id, { doc: 'private', presenceKey: KEYS.b });
    expect(listPrivateCards(b2.doc, roundId).map((c) => c.text)).toEqual(['survives']);
    expect((await reveal(s.url, id, roundId)).status).toBe(200);
    await waitFor(() => listEntities(a2.doc, 'cards').some((c) => c.text === 'survives'), 'revealed after the restart');
    await stop(s);
  });

  it('reveals on one node of a cluster what people wrote on another', async (ctx) => {
    const { nodes } = await cluster(ctx, 2);
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const id = await createMap(one.url, { template: 'blank' });
    const a = await client(one, id, { presenceKey: KEYS.a });
    const roundId = startRound(a.doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann' });
    const b = await client(one, id, { doc: 'private', presenceKey: KEYS.b });
    const c = await client(two, id, { doc: 'private', presenceKey: KEYS.c });
    const cMap = await client(two, id, { presenceKey: KEYS.c });
    await waitFor(() => round(cMap.doc, roundId) !== undefined, 'the round reaches node two');
    addPrivateCard(b.doc, round(a.doc, roundId)!, firstCell(a.doc), 'from node one');
    addPrivateCard(c.doc, round(cMap.doc, roundId)!, firstCell(a.doc), 'from node two');
    await waitFor(async () => (await one.store.privateDocs(id)).length === 2, 'both stored');
    expect((await reveal(two.url, id, roundId)).status).toBe(200);
    await waitFor(() => listEntities(a.doc, 'cards').length === 2, 'node one sees both revealed cards');
    await waitFor(() => listPrivateCards(b.doc, null).length === 0, 'B’s private document on node one emptied');
  });
});
