/**
 * The workshop timer on the server, as real clients see it: GET /api/time,
 * only editors can start or stop a timer (a viewer's or commenter's write is
 * dropped and never reaches anyone), a running timer survives a restart, and
 * it crosses the nodes of a cluster.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pauseTimer, readTimer, startTimer, stopTimer, viewTimer } from '../../../src/model/timer';
import { serverHarness } from '../../fixtures/harness';
import { createMapWithLinks, tokenOf, waitFor } from '../../fixtures/server';

const h = serverHarness();
afterEach(() => vi.restoreAllMocks());
const MIN = 60_000;

describe('workshop timer', () => {
  it("GET /api/time answers the server's clock, never cached", async () => {
    const s = await h.start();
    const before = Date.now();
    const res = await fetch(`${s.url}/api/time`);
    const body = (await res.json()) as { now: number };
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.now).toBeGreaterThanOrEqual(before);
    expect(body.now).toBeLessThanOrEqual(Date.now());
  });

  it("only editors run the timer: a viewer's or a commenter's start or stop reaches nobody", async () => {
    const s = await h.start();
    const { id, links } = await createMapWithLinks(s.url);
    const editor = await h.client(s, id, { token: tokenOf(links.edit) });
    const viewer = await h.client(s, id, { token: tokenOf(links.view) });
    const commenter = await h.client(s, id, { token: tokenOf(links.comment) });
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // the provider's "permission denied"
    let round = 0;
    /** Each socket's messages are handled in order: once the editor sees their presence again, their writes were judged. */
    const judged = async () => {
      round++;
      for (const c of [viewer, commenter]) {
        c.provider.awareness.setLocalStateField('round', round);
        await waitFor(() => (editor.provider.awareness.getStates().get(c.doc.clientID) as { round?: number } | undefined)?.round === round);
      }
    };
    /** The timer as the server kept it: what someone opening the map now gets. */
    const kept = async () => readTimer((await h.client(s, id)).doc);

    startTimer(viewer.doc, 3 * MIN, 'viewer', Date.now());
    startTimer(commenter.doc, 10 * MIN, 'commenter', Date.now());
    await judged();
    expect(await kept()).toBeNull();
    expect(readTimer(editor.doc)).toBeNull();

    startTimer(editor.doc, 5 * MIN, 'Ana', Date.now());
    await waitFor(async () => (await kept())?.startedBy === 'Ana', "the editor's timer stored");
    stopTimer(viewer.doc);
    pauseTimer(commenter.doc, Date.now());
    await judged();
    expect(await kept()).toMatchObject({ state: 'running', durationMs: 5 * MIN, startedBy: 'Ana' });
    expect(readTimer(editor.doc)?.state).toBe('running');
  });

  it('a running timer survives a server restart, ending at the same instant', async () => {
    let s = await h.start();
    const { id } = await createMapWithLinks(s.url);
    const a = await h.client(s, id);
    startTimer(a.doc, 10 * MIN, 'Ana', Date.now());
    const endsAt = readTimer(a.doc)!.endsAt;
    const b = await h.client(s, id);
    expect(readTimer(b.doc)?.endsAt).toBe(endsAt);
    s = await h.restart(s);
    const after = await h.client(s, id);
    expect(readTimer(after.doc)).toMatchObject({ state: 'running', endsAt, startedBy: 'Ana' });
    expect(viewTimer(readTimer(after.doc), Date.now()).remainingMs).toBeGreaterThan(9 * MIN);
  });

  it('crosses the nodes of a cluster, live and for someone who joins late', async (ctx) => {
    const { nodes, add } = await h.cluster(ctx, 2);
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const { id } = await createMapWithLinks(one.url);
    const a = await h.client(one, id);
    const b = await h.client(two, id);
    startTimer(a.doc, 5 * MIN, 'Ana', Date.now());
    await waitFor(() => readTimer(b.doc)?.state === 'running', 'the timer on node 2');
    expect(readTimer(b.doc)?.endsAt).toBe(readTimer(a.doc)?.endsAt);
    pauseTimer(b.doc, Date.now());
    await waitFor(() => readTimer(a.doc)?.state === 'paused', 'the pause on node 1');
    const three = await add();
    const late = await h.client(three, id);
    expect(readTimer(late.doc)).toEqual(readTimer(a.doc));
  });
});
