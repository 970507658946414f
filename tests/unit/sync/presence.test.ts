/**
 * Presence on the wire and on the receiving side: what the app sends is
 * compact and still valid for every reader; a pointer that moves reaches the
 * cursor feed without re-creating the peers everything else renders from.
 */
import { afterEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { bindPresence, remoteCursors, usePresence, wireState, type PresenceChannel } from '../../../src/sync/presence';
import { addCard, updateCardText } from '../../../src/model';
import { bindCardText } from '../../../src/model/cardTextBinding';
import { firstCell, mapDoc } from '../../fixtures/model';

const user = { id: 'anna-participant-id-01', name: 'Anna', color: '#e5484d' };

/** Another client's awareness, whose changes reach `to` as they would over the wire. */
function remoteClient(to: Awareness): Awareness {
  const from = new Awareness(new Y.Doc());
  from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) =>
    applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'wire'),
  );
  return from;
}

let channel: PresenceChannel | null = null;
afterEach(() => {
  channel?.destroy();
  channel = null;
  vi.useRealTimers();
});

it('sends coordinates rounded to a tenth and leaves empty fields out; every reader still accepts it', async () => {
  vi.useFakeTimers();
  const mine = new Awareness(new Y.Doc());
  channel = bindPresence(mine, 'Guest 123');
  const sent = () => mine.getLocalState() as Record<string, unknown>;
  expect(Object.keys(sent())).toEqual(['user']);

  channel.setCursor({ x: 523.4567890123, y: -212.98765432101 });
  channel.setViewport({ x: -123.456789012, y: 45.6789012345, zoom: 0.8123456789, width: 1440, height: 789 });
  await vi.advanceTimersByTimeAsync(60);
  expect(sent()).toEqual({
    user: expect.objectContaining({ name: 'Guest 123' }),
    cursor: { x: 523.5, y: -213 },
    viewport: { x: -123.5, y: 45.7, zoom: 0.8123, width: 1440, height: 789 },
  });

  channel.setSelection(['card-1']);
  channel.setDrag({ 'card-1': { x: 10.04, y: 20.06 } });
  await vi.advanceTimersByTimeAsync(60);
  expect(sent()).toMatchObject({ selection: ['card-1'], drag: { 'card-1': { x: 10, y: 20.1 } } });

  channel.setCursor(null);
  channel.setDrag(null);
  channel.setSelection([]);
  await vi.advanceTimersByTimeAsync(60);
  expect(Object.keys(sent()).sort()).toEqual(['user', 'viewport']);

  // A full state as older clients send it is read as before.
  expect(wireState({ user, cursor: null, selection: [], viewport: null, drag: null, followMe: false })).toEqual({ user });
});

it('a moving pointer updates the cursor feed only; other changes update the peers', () => {
  const mine = new Awareness(new Y.Doc());
  channel = bindPresence(mine, 'Guest');
  const anna = remoteClient(mine);
  const moves: [number, { x: number; y: number }][] = [];
  const stop = remoteCursors.subscribeMoves((id, at) => moves.push([id, at]));
  const idsSeen: (readonly number[])[] = [];
  const stopIds = remoteCursors.subscribeIds(() => idsSeen.push(remoteCursors.getIds()));
  try {
    anna.setLocalState(wireState({ user, cursor: { x: 10, y: 20 } }));
    const peers = usePresence.getState().peers;
    expect(peers).toEqual([{ user, clientId: anna.clientID }]);
    expect(remoteCursors.get(anna.clientID)).toEqual({ x: 10, y: 20 });
    expect(remoteCursors.getIds()).toEqual([anna.clientID]);

    for (let i = 1; i <= 5; i++) anna.setLocalState(wireState({ user, cursor: { x: 10 + i, y: 20 } }));
    expect(usePresence.getState().peers).toBe(peers);
    expect(moves.map(([, at]) => at.x)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(idsSeen).toHaveLength(1); // who has a pointer changed once: when Anna's appeared

    anna.setLocalState(wireState({ user, cursor: { x: 15, y: 20 }, selection: ['card-9'] }));
    expect(usePresence.getState().peers).not.toBe(peers);
    expect(usePresence.getState().selectedBy.get('card-9')).toEqual([user.color]);

    anna.setLocalState(wireState({ user, selection: ['card-9'] }));
    expect(remoteCursors.get(anna.clientID)).toBeUndefined();
    expect(remoteCursors.getIds()).toEqual([]);
    expect(usePresence.getState().peers).toHaveLength(1);
  } finally {
    stop();
    stopIds();
  }
});

it('ignores a state that is not valid presence, and forgets a client that leaves', () => {
  const mine = new Awareness(new Y.Doc());
  channel = bindPresence(mine, 'Guest');
  const bo = remoteClient(mine);
  bo.setLocalState(wireState({ user: { ...user, name: 'Bo' }, cursor: { x: 1, y: 2 } }));
  expect(usePresence.getState().peers.map((p) => p.user.name)).toEqual(['Bo']);

  bo.setLocalState({ user: { name: 42 }, cursor: { x: 3, y: 4 } });
  expect(usePresence.getState().peers).toEqual([]);
  expect(remoteCursors.get(bo.clientID)).toBeUndefined();

  bo.setLocalState(wireState({ user: { ...user, name: 'Bo' }, cursor: { x: 5, y: 6 } }));
  expect(remoteCursors.get(bo.clientID)).toEqual({ x: 5, y: 6 });
  bo.setLocalState(null);
  expect(usePresence.getState().peers).toEqual([]);
  expect(remoteCursors.getIds()).toEqual([]);
});

it('a caret in a card text travels as relative positions: the other side finds it on the same character after edits before it', () => {
  // Two replicas of one map, and their awareness linked as over the wire.
  const docA = mapDoc();
  const docB = new Y.Doc();
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
  const cardId = addCard(docA, { ...firstCell(docA), text: 'Pay at the till' });
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB)));
  const mine = new Awareness(docB);
  channel = bindPresence(mine, 'Bo');
  const anna = remoteClient(mine);

  // Anna's caret before "till" (index 11), with "the " selected backwards (head 7).
  const hers = bindCardText(docA, cardId);
  anna.setLocalState(
    wireState({ user, textCursor: { cardId, anchor: hers.relative(11) as never, head: hers.relative(7) as never, typing: true } }),
  );
  const peer = usePresence.getState().peers.find((p) => p.clientId === anna.clientID)!;
  expect(peer.textCursor).toMatchObject({ cardId, typing: true });

  // Bo (this side) types at the start; Anna's caret stays on its character.
  const mineText = bindCardText(docB, cardId);
  updateCardText(docB, cardId, 'Quick Pay at the till');
  expect(mineText.absolute(peer.textCursor!.anchor)).toBe(17);
  expect(mineText.absolute(peer.textCursor!.head)).toBe(13);
  expect(mineText.text().slice(17)).toBe('till');

  // Garbage is no caret; a state with a bad caret is not a valid peer.
  expect(mineText.absolute({ item: { client: 1, clock: 999 } })).toBeNull();
  expect(mineText.absolute('nonsense')).toBeNull();
  anna.setLocalState({ user, textCursor: { cardId, anchor: 'x', head: 5 } });
  expect(usePresence.getState().peers.some((p) => p.clientId === anna.clientID)).toBe(false);

  // Leaving the editor clears it at once.
  anna.setLocalState(wireState({ user, textCursor: null }));
  expect(usePresence.getState().peers.find((p) => p.clientId === anna.clientID)!.textCursor).toBeUndefined();
});
