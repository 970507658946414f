/**
 * Presence: a socket may only set or remove its own awareness client ids,
 * and a client's presence goes away for everyone when it disconnects.
 */
import { expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { serverHarness, type Server } from '../../fixtures/harness';
import { createMap, createMapWithLinks, memoryLogger, tokenOf, waitFor, type Client, type RawSocket } from '../../fixtures/server';

const h = serverHarness();
/** Each test's server (started by the test, closed by the harness), for the helpers below. */
let server: Server;

/**
 * A synced provider with a presence of its own. (A provider's initial `{}`
 * state has clock 0, which no peer applies: it is invisible until set.)
 */
async function client(id: string, name: string) {
  const c = await h.client(server, id);
  c.provider.awareness.setLocalStateField('user', { name });
  return c;
}

type Presence = { user?: { name: string }; cursor?: unknown } | null;

/** An awareness message as a client with `clientID` would send it. */
function awarenessMessage(clientID: number, state: Presence, clock: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientID);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // MESSAGE_AWARENESS
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** Client id -> state of every awareness message a raw socket received. */
function awarenessMessages(socket: RawSocket): Map<number, Presence>[] {
  return socket.received.flatMap((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== 1) return [];
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const states = new Map<number, Presence>();
    const n = decoding.readVarUint(u);
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(u);
      decoding.readVarUint(u);
      states.set(id, JSON.parse(decoding.readVarString(u)) as Presence);
    }
    return [states];
  });
}

/**
 * Sends `message` from `socket`, then a query-awareness, and resolves with
 * the server's answer to the query: the server handles one socket's messages
 * in order, so that answer shows the state after `message` was handled.
 */
async function sendAndQuery(socket: RawSocket, message: Uint8Array, expectIds: number[]): Promise<Map<number, Presence>> {
  const seen = awarenessMessages(socket).length;
  socket.ws.send(message);
  socket.ws.send(Uint8Array.from([3])); // MESSAGE_QUERY_AWARENESS
  let answer: Map<number, Presence> | undefined;
  await waitFor(() => {
    // The answer lists everyone present; a relay of a single change lists one id.
    answer = awarenessMessages(socket)
      .slice(seen)
      .find((states) => expectIds.every((id) => states.has(id)));
    return answer !== undefined;
  }, 'query-awareness answer');
  return answer!;
}

const nameOf = (c: Client, id: number) => (c.provider.awareness.getStates().get(id) as Presence)?.user?.name;

it("drops an awareness update that speaks for another socket's client, without closing the sender", async () => {
  server = await h.start();
  const id = await createMap(server.url);
  const alice = await client(id, 'Alice');
  const observer = await client(id, 'Olga');
  const aliceId = alice.doc.clientID;
  await waitFor(() => nameOf(observer, aliceId) === 'Alice' && nameOf(alice, observer.doc.clientID) === 'Olga', 'both visible');

  const namesSeenByObserver: string[] = [];
  observer.provider.awareness.on('change', () => {
    const name = nameOf(observer, aliceId);
    if (name) namesSeenByObserver.push(name);
  });

  const attacker = await h.raw(server.url, id);
  await waitFor(() => awarenessMessages(attacker).length > 0, 'attacker sees who is here');

  // Claim to be Alice with a clock far ahead of hers: would win if applied.
  const afterForgery = await sendAndQuery(attacker, awarenessMessage(aliceId, { user: { name: 'Mallory' } }, 1_000), [
    aliceId,
    observer.doc.clientID,
  ]);
  expect(afterForgery.get(aliceId)).toMatchObject({ user: { name: 'Alice' } });
  // Remove Alice: dropped too.
  const afterRemoval = await sendAndQuery(attacker, awarenessMessage(aliceId, null, 2_000), [aliceId, observer.doc.clientID]);
  expect(afterRemoval.get(aliceId)).toMatchObject({ user: { name: 'Alice' } });

  // The attacker may still speak for a client id of its own: it is not closed.
  const ownId = 424242;
  const own = await sendAndQuery(attacker, awarenessMessage(ownId, { user: { name: 'Mallory' } }, 1), [aliceId, ownId]);
  expect(own.get(ownId)).toMatchObject({ user: { name: 'Mallory' } });
  expect(attacker.ws.readyState).toBe(attacker.ws.OPEN);

  // A later change by Alice reaches the observer after anything the server relayed
  // before it (one socket, in order): the observer never saw Alice as Mallory.
  alice.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
  await waitFor(() => (observer.provider.awareness.getStates().get(aliceId) as Presence)?.cursor !== undefined, 'cursor');
  await waitFor(() => nameOf(observer, ownId) === 'Mallory', "the attacker's own presence");
  expect(nameOf(observer, aliceId)).toBe('Alice');
  expect(namesSeenByObserver).not.toContain('Mallory');
});

it('removes the presence a socket owned when it disconnects, so others see the user leave', async () => {
  server = await h.start();
  const id = await createMap(server.url);
  const leaver = await client(id, '离开的人');
  const observer = await client(id, 'Olga');
  const leaverId = leaver.doc.clientID;
  await waitFor(() => nameOf(observer, leaverId) === '离开的人', 'leaver visible');

  // A raw socket that disappears without saying goodbye (no awareness removal of its own).
  const ghost = await h.raw(server.url, id);
  ghost.ws.send(awarenessMessage(777, { user: { name: 'Ghost' } }, 1));
  await waitFor(() => nameOf(observer, 777) === 'Ghost', 'ghost visible');
  ghost.ws.terminate();
  await waitFor(() => !observer.provider.awareness.getStates().has(777), 'ghost gone');

  leaver.close();
  await waitFor(() => !observer.provider.awareness.getStates().has(leaverId), 'leaver gone');
  expect([...observer.provider.awareness.getStates().keys()]).toEqual([observer.doc.clientID]);
});

it('lets a reconnecting client claim its id again once its old socket is gone', async () => {
  server = await h.start();
  const id = await createMap(server.url);
  const observer = await client(id, 'Olga');
  const first = await h.raw(server.url, id);
  first.ws.send(awarenessMessage(555, { user: { name: 'v1' } }, 1));
  await waitFor(() => nameOf(observer, 555) === 'v1', 'first socket');

  // The new socket overlaps with the old one: its update is dropped, it stays open.
  const second = await h.raw(server.url, id);
  await waitFor(() => awarenessMessages(second).some((m) => m.has(observer.doc.clientID)), 'second socket sees who is here');
  const during = await sendAndQuery(second, awarenessMessage(555, { user: { name: 'v2' } }, 2), [555, observer.doc.clientID]);
  expect(during.get(555)).toMatchObject({ user: { name: 'v1' } });

  first.ws.terminate();
  await waitFor(() => !observer.provider.awareness.getStates().has(555), 'old socket gone');
  second.ws.send(awarenessMessage(555, { user: { name: 'v2' } }, 10));
  await waitFor(() => nameOf(observer, 555) === 'v2', 'claimed by the new socket');
});

it('treats the echoes every stock provider sends as harmless: not refused, not counted as a flood', async () => {
  // A tight limit: without the echo discount the echoes alone would exceed it.
  const log = memoryLogger();
  server = await h.start({ MAX_MESSAGES_PER_SECOND: 20, MAX_MESSAGE_BURST: 45 }, log);
  const id = await createMap(server.url);
  const people = await Promise.all(['甲', '乙', '丙', '丁'].map((name) => client(id, name)));
  for (let x = 1; x <= 20; x++) for (const p of people) p.provider.awareness.setLocalStateField('cursor', { x });
  await waitFor(
    () =>
      people.every((p) =>
        people.every((q) => (p.provider.awareness.getStates().get(q.doc.clientID) as { cursor?: { x: number } })?.cursor?.x === 20),
      ),
    'every cursor everywhere',
  );
  expect(people.every((p) => p.provider.wsconnected)).toBe(true);
  expect(log.records.filter((r) => r.level === 'warn')).toEqual([]);
});

it('a dropped connection’s presence cannot be squatted: the id stays its participant’s, who gets it back on reconnect', async () => {
  server = await h.start();
  const { id, links } = await createMapWithLinks(server.url);
  const observer = await client(id, 'Olga');
  const editorKey = 'editor-presence-key-0123456789';
  const editorId = 31337;

  const editor = await h.raw(server.url, id, `?presenceKey=${editorKey}`);
  editor.ws.send(awarenessMessage(editorId, { user: { name: 'Editor' } }, 1));
  await waitFor(() => nameOf(observer, editorId) === 'Editor', 'editor visible');

  // The editor's connection drops; a viewer (with a key of its own, and without one) grabs the id at once.
  editor.ws.terminate();
  await waitFor(() => !observer.provider.awareness.getStates().has(editorId), 'editor gone');
  const names: string[] = [];
  observer.provider.awareness.on('change', () => {
    const name = nameOf(observer, editorId);
    if (name) names.push(name);
  });
  const viewer = await h.raw(server.url, id, `?token=${tokenOf(links.view)}&presenceKey=viewer-presence-key-0123456789`);
  const keyless = await h.raw(server.url, id, `?token=${tokenOf(links.view)}`);
  for (const squatter of [viewer, keyless]) {
    const after = await sendAndQuery(squatter, awarenessMessage(editorId, { user: { name: 'Squatter' } }, 50), [observer.doc.clientID]);
    expect(after.has(editorId)).toBe(false);
  }

  // The editor comes back (same browser, same key): its presence is accepted again.
  const back = await h.raw(server.url, id, `?presenceKey=${editorKey}`);
  back.ws.send(awarenessMessage(editorId, { user: { name: 'Editor' } }, 2));
  await waitFor(() => nameOf(observer, editorId) === 'Editor', 'editor back');
  expect(names).not.toContain('Squatter');
});

it('coalesces awareness: a burst of cursor moves from many people reaches each peer as a few messages, ending at everyone’s latest state', async () => {
  server = await h.start();
  const id = await createMap(server.url);
  const observer = await h.raw(server.url, id);
  await waitFor(() => observer.received.length > 0, 'observer synced');
  const movers = await Promise.all([1, 2, 3, 4, 5].map(() => h.raw(server.url, id)));
  await new Promise((r) => setTimeout(r, 200)); // past the interval of anything sent so far
  const before = awarenessMessages(observer).length;
  // Five people, twenty moves each, as fast as they can send.
  for (let move = 1; move <= 20; move++) {
    movers.forEach((m, k) => m.ws.send(awarenessMessage(9000 + k, { user: { name: `p${k}` }, cursor: { x: move, y: 0 } }, move)));
  }
  const latest = () => {
    const seen = new Map<number, Presence>();
    for (const m of awarenessMessages(observer)) for (const [clientID, state] of m) seen.set(clientID, state);
    return seen;
  };
  await waitFor(
    () => [0, 1, 2, 3, 4].every((k) => (latest().get(9000 + k) as { cursor?: { x: number } })?.cursor?.x === 20),
    'latest moves',
  );
  await new Promise((r) => setTimeout(r, 200));
  // 100 changes in; a handful of messages out (the first at once, then at most one per 50 ms).
  const messages = awarenessMessages(observer).length - before;
  expect(messages).toBeGreaterThan(0);
  expect(messages).toBeLessThanOrEqual(10);
});
