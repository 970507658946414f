/**
 * Presence of people already on a map, for someone who joins on another
 * node. On one node a joiner gets everyone's presence with the server's
 * first messages (Room.join). In a cluster the node the joiner reaches may
 * not have had the map open, so it has heard none of the other nodes'
 * awareness, which only travels when it changes (pub/sub). The stock
 * provider renews its state every 15 s (half of y-protocols' 30 s timeout),
 * so without more a joiner sees the people already there only after up to
 * 15 s, and the app's avatars, cursors and "who is here" are wrong until
 * then. (Found with the two-browser test in tests/e2e/cluster.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
import { serverHarness } from '../../fixtures/harness';
import { createMap, waitFor } from '../../fixtures/server';

const h = serverHarness();

/** Well under the stock provider's 15 s renewal: a joiner must not depend on it. */
const PROMPTLY_MS = 3000;

describe('presence in a cluster', () => {
  it('someone joining on node 2 sees who is already on the map on node 1, before their 15 s renewal', async (ctx) => {
    const { nodes } = await h.cluster(ctx, 2);
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const id = await createMap(one.url, { template: 'blank' });
    const anna = await h.client(one, id);
    anna.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    // Anna's state is on node 1 (a second client there sees it) before anyone opens the map on node 2.
    const witness = await h.client(one, id);
    const annaOn = (c: typeof witness) =>
      (c.provider.awareness.getStates().get(anna.doc.clientID) as { user?: { name: string } })?.user?.name;
    await waitFor(() => annaOn(witness) === 'Anna', 'Anna on node 1');

    const bo = await h.client(two, id);
    const joined = Date.now();
    await waitFor(
      () => annaOn(bo) === 'Anna' || Date.now() - joined > PROMPTLY_MS,
      'Anna on node 2, or the time is up',
      PROMPTLY_MS + 2000,
    );
    expect(annaOn(bo), `Anna's presence on node 2 ${PROMPTLY_MS} ms after Bo joined there`).toBe('Anna');
  });
});
