/**
 * Updates whose dependencies the server never received (issue: "a map can
 * be stalled and bloated for good by one editor"). Such an update is refused
 * whole: the socket that sent it is closed with 4422, the document stays as
 * it was, nothing is relayed or stored, and what a joining client downloads
 * does not grow. Pending state left in a database by an older server is
 * dropped when the map loads.
 */
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addCard, listEntities, updateCardText } from '../../../src/model';
import { CLOSE } from '../../../src/model/closeCodes';
import { serverHarness } from '../../fixtures/harness';
import { createMap, waitFor } from '../../fixtures/server';

const h = serverHarness();

const updateMessage = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
};
const step2Message = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};

/** A doc of the attacker's, synced with the map, and the updates it makes from here on. */
function forgery(from: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates };
}

const pendingOf = (doc: Y.Doc) => ({ structs: doc.store.pendingStructs !== null, deletes: doc.store.pendingDs !== null });

describe('updates with missing dependencies', () => {
  it('an update whose earlier updates were never sent is refused whole: socket closed 4422, nothing applied, relayed or stored', async () => {
    const s = await h.start();
    const id = await createMap(s.url);
    const a = await h.client(s, id);
    const b = await h.client(s, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    const cardId = addCard(a.doc, { ...cell, text: 'honest' });
    await waitFor(() => listEntities(b.doc, 'cards').length === 1, 'card on B');
    const room = await s.rooms.get(id);
    const joinBefore = Y.encodeStateAsUpdate(room.doc).byteLength;
    const stateBefore = Y.encodeStateVector(room.doc);

    // The attacker makes two edits and sends only the second.
    const evil = forgery(a.doc);
    addCard(evil.doc, { ...cell, text: 'first, never sent' });
    for (let i = 0; i < 50; i++) updateCardText(evil.doc, listEntities(evil.doc, 'cards').find((c) => c.text !== 'honest')!.id, `x${i}`);
    const raw = await h.raw(s.url, id);
    raw.ws.send(updateMessage(evil.updates.at(-1)!));
    const closed = await raw.closed;
    expect(closed.code).toBe(CLOSE.missingDependencies);

    expect(pendingOf(room.doc)).toEqual({ structs: false, deletes: false });
    expect(Y.encodeStateVector(room.doc)).toEqual(stateBefore);
    expect(Y.encodeStateAsUpdate(room.doc).byteLength).toBe(joinBefore);
    // Others keep editing as before.
    updateCardText(a.doc, cardId, 'still fast');
    await waitFor(() => listEntities(b.doc, 'cards')[0]?.text === 'still fast', 'edit after the attack');
    expect(pendingOf(b.doc)).toEqual({ structs: false, deletes: false });

    // Nothing of it was stored.
    const restarted = await h.restart(s);
    const stored = new Y.Doc();
    for (const u of await restarted.store.loadState(id)) Y.applyUpdate(stored, u);
    expect(pendingOf(stored)).toEqual({ structs: false, deletes: false });
    expect(listEntities(stored, 'cards').map((c) => c.text)).toEqual(['still fast']);
  });

  it('a deletion of content the server does not have (a pending delete set) is refused', async () => {
    const s = await h.start();
    const id = await createMap(s.url);
    const a = await h.client(s, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    const evil = forgery(a.doc);
    const ghost = addCard(evil.doc, { ...cell, text: 'never sent' });
    evil.doc.transact(() => evil.doc.getMap('cards').delete(ghost));
    const raw = await h.raw(s.url, id);
    raw.ws.send(updateMessage(evil.updates.at(-1)!));
    expect((await raw.closed).code).toBe(CLOSE.missingDependencies);
    expect(pendingOf((await s.rooms.get(id)).doc)).toEqual({ structs: false, deletes: false });
  });

  it('an update whose origin is another client’s unsent edit is refused, also as a sync step 2', async () => {
    const s = await h.start();
    const id = await createMap(s.url);
    const a = await h.client(s, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    // Client X writes a card; client Y, who has it, writes after it. Y's edit alone references X's.
    const x = forgery(a.doc);
    const xCard = addCard(x.doc, { ...cell, text: 'X' });
    const y = forgery(x.doc);
    updateCardText(y.doc, xCard, 'Y changed it');
    const raw = await h.raw(s.url, id);
    raw.ws.send(step2Message(y.updates.at(-1)!));
    expect((await raw.closed).code).toBe(CLOSE.missingDependencies);
    const room = await s.rooms.get(id);
    expect(pendingOf(room.doc)).toEqual({ structs: false, deletes: false });
    expect(listEntities(room.doc, 'cards')).toEqual([]);
  });

  it('a whole, honest offline session is applied as before', async () => {
    const s = await h.start();
    const id = await createMap(s.url);
    const a = await h.client(s, id);
    const b = await h.client(s, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    const offline = forgery(a.doc);
    const card = addCard(offline.doc, { ...cell, text: 'offline 1' });
    updateCardText(offline.doc, card, 'offline 2');
    const raw = await h.raw(s.url, id);
    raw.ws.send(step2Message(Y.mergeUpdates(offline.updates)));
    await waitFor(() => listEntities(b.doc, 'cards')[0]?.text === 'offline 2', 'offline edits relayed');
    raw.ws.close();
    expect((await raw.closed).code).toBe(1005);
  });

  it('pending state an older server stored is dropped when the map loads, so it stops growing joins and storage', async () => {
    const s = await h.start();
    const id = await createMap(s.url);
    const dataDir = s.config.DATA_DIR;
    await h.stop(s);
    // What an older server stored after the attack: a log entry with pending structs.
    const store = h.openStore(dataDir);
    const base = new Y.Doc();
    for (const u of await store.loadState(id)) Y.applyUpdate(base, u);
    const cleanSize = Y.encodeStateAsUpdate(base).byteLength;
    const evil = forgery(base);
    const cell = { laneId: listEntities(base, 'lanes')[0]!.id, stageId: listEntities(base, 'stages')[0]!.id };
    addCard(evil.doc, { ...cell, text: 'never sent' });
    updateCardText(evil.doc, listEntities(evil.doc, 'cards')[0]!.id, 'x'.repeat(4_000));
    await store.appendUpdates(id, [evil.updates.at(-1)!]);
    await store.close();

    const again = await h.start({ DATA_DIR: dataDir });
    const room = await again.rooms.get(id);
    expect(pendingOf(room.doc)).toEqual({ structs: false, deletes: false });
    expect(Y.encodeStateAsUpdate(room.doc).byteLength).toBe(cleanSize);
    await room.flush();
    const stored = (await again.store.loadState(id)).reduce((n, u) => n + u.byteLength, 0);
    expect(stored).toBeLessThan(cleanSize + 100);
  });
});

describe('a client catching up after a reconnect', () => {
  const step1Message = (doc: Y.Doc): Uint8Array => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, doc);
    return encoding.toUint8Array(e);
  };

  it('an edit sent before its sync step 2 (which carries what it builds on) waits for it, and both are applied', async () => {
    const s = await h.start();
    const id = await createMap(s.url);
    const a = await h.client(s, id);
    const b = await h.client(s, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    // Made offline: the server has none of it yet.
    const offline = forgery(a.doc);
    const card = addCard(offline.doc, { ...cell, text: 'offline' });
    const before = Y.encodeStateVector(a.doc);
    // Reconnecting: step 1 at once, then an edit typed in the moment before the step 2 goes out.
    updateCardText(offline.doc, card, 'typed while reconnecting');
    const raw = await h.raw(s.url, id);
    raw.ws.send(step1Message(offline.doc));
    raw.ws.send(updateMessage(offline.updates.at(-1)!));
    raw.ws.send(step2Message(Y.encodeStateAsUpdate(offline.doc, before)));
    await waitFor(() => listEntities(b.doc, 'cards')[0]?.text === 'typed while reconnecting', 'both applied and relayed');
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  });

  it('if the step 2 does not bring what the edit builds on, the edit is refused then (4422)', async () => {
    const s = await h.start();
    const id = await createMap(s.url);
    const a = await h.client(s, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    const offline = forgery(a.doc);
    const card = addCard(offline.doc, { ...cell, text: 'never sent' });
    updateCardText(offline.doc, card, 'builds on it');
    const raw = await h.raw(s.url, id);
    raw.ws.send(step1Message(offline.doc));
    raw.ws.send(updateMessage(offline.updates.at(-1)!));
    raw.ws.send(step2Message(Y.encodeStateAsUpdate(new Y.Doc())));
    expect((await raw.closed).code).toBe(CLOSE.missingDependencies);
    expect(listEntities((await s.rooms.get(id)).doc, 'cards')).toEqual([]);
  });
});
