/**
 * Roles and share links, enforced by the server, as real y-websocket
 * clients see them: what a viewer, a commenter and an editor link may do,
 * links that are forged, for another map or revoked, and rotating links.
 */
import http from 'node:http';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, listEntities } from '../../../src/model';
import { connect, createMapWithLinks, tokenOf, waitFor, type Client, type RawSocket, type ShareLinks } from '../../fixtures/server';
import { serverHarness } from '../../fixtures/harness';

const { start, restart, client, raw, track } = serverHarness();
afterEach(() => vi.restoreAllMocks());
/** How a provider's connection ended, once the server closed it for good. */
function finalClose(c: Client): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => c.provider.once('closed', resolve));
}

const cellOf = (doc: Y.Doc) => ({ laneId: listEntities(doc, 'lanes')[0]!.id, stageId: listEntities(doc, 'stages')[0]!.id });
const texts = (doc: Y.Doc) =>
  listEntities(doc, 'cards')
    .map((c) => c.text)
    .sort();
const docFrom = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
};
const comments = (doc: Y.Doc) => doc.getMap<string>('comments').toJSON();

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
const updateMessage = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
  });
const QUERY_AWARENESS = Uint8Array.from([3]);

/** The reasons of every "permission denied" (y-protocols auth message) a raw socket received. */
function denials(socket: RawSocket): string[] {
  return socket.received.flatMap((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== 2 || decoding.readVarUint(d) !== 0) return [];
    return [decoding.readVarString(d)];
  });
}
/** Awareness answers received (message type 1). */
const awarenessCount = (socket: RawSocket) => socket.received.filter((m) => m[0] === 1).length;

/** Sends `messages`, then a query-awareness, and waits for its answer: the server has handled them all by then. */
async function sendAndSettle(socket: RawSocket, ...messages: Uint8Array[]): Promise<void> {
  const before = awarenessCount(socket);
  for (const m of messages) socket.ws.send(m);
  socket.ws.send(QUERY_AWARENESS);
  await waitFor(() => awarenessCount(socket) > before, 'query-awareness answer');
}

/** POST /api/maps with a Host header of our choosing (fetch does not allow setting it). */
function createWithHost(url: string, host: string): Promise<{ id: string; links: ShareLinks }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/maps`, { method: 'POST', headers: { host } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () =>
        res.statusCode === 201 ? resolve(JSON.parse(text) as { id: string; links: ShareLinks }) : reject(new Error(text)),
      );
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** What GET /api/access says a token grants. */
async function access(url: string, id: string, token?: string) {
  const res = await fetch(`${url}/api/access?map=${id}${token === undefined ? '' : `&token=${encodeURIComponent(token)}`}`);
  return { status: res.status, body: (await res.json()) as { mapId?: string; role?: string; error?: string } };
}

describe('share links from the REST API', () => {
  it('POST /api/maps answers the id and three full links that grant editor, commenter and viewer', async () => {
    const s = await start();
    const res = await fetch(`${s.url}/api/maps`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(201);
    const { id, links } = (await res.json()) as { id: string; links: ShareLinks };
    expect(Object.keys(links).sort()).toEqual(['comment', 'edit', 'view']);
    for (const link of Object.values(links)) expect(link).toMatch(new RegExp(`^${s.url}/m/${id}\\?token=[A-Za-z0-9_.-]+$`));
    expect(new Set(Object.values(links)).size).toBe(3);
    expect(await access(s.url, id, tokenOf(links.edit))).toEqual({ status: 200, body: { mapId: id, role: 'editor' } });
    expect(await access(s.url, id, tokenOf(links.comment))).toEqual({ status: 200, body: { mapId: id, role: 'commenter' } });
    expect(await access(s.url, id, tokenOf(links.view))).toEqual({ status: 200, body: { mapId: id, role: 'viewer' } });
    // No token on a server without a workspace password: the workspace, an editor.
    expect(await access(s.url, id)).toEqual({ status: 200, body: { mapId: id, role: 'editor' } });

    // The same links later, and a duplicate gets links of its own.
    expect(await (await fetch(`${s.url}/api/maps/${id}/links`)).json()).toEqual(links);
    const dup = await fetch(`${s.url}/api/maps/${id}/duplicate`, { method: 'POST' });
    const copy = (await dup.json()) as { id: string; links: ShareLinks };
    expect(dup.status).toBe(201);
    expect(copy.links.view).toContain(`/m/${copy.id}?token=`);
    expect((await access(s.url, copy.id, tokenOf(copy.links.comment))).body.role).toBe('commenter');
    expect((await access(s.url, id, tokenOf(copy.links.edit))).status).toBe(401);
  });

  it('builds links on PUBLIC_URL when set, else on a sane Host header, else on localhost', async () => {
    const s = await start({ PUBLIC_URL: 'https://journeys.example.com/' });
    const { id, links } = await createMapWithLinks(s.url);
    for (const link of Object.values(links)) expect(link.startsWith(`https://journeys.example.com/m/${id}?token=`)).toBe(true);

    const local = await start({ ALLOWED_HOSTS: ['maps.intranet'] });
    const viaHost = await createWithHost(local.url, 'Maps.Intranet:8443');
    expect(viaHost.links.edit.startsWith(`http://maps.intranet:8443/m/${viaHost.id}?token=`)).toBe(true);
    // A Host header that is not a name this server answers to never ends up in a link: the request is refused.
    await expect(createWithHost(local.url, 'evil.example/<script>')).rejects.toThrow(/ALLOWED_HOSTS/);
    await expect(createWithHost(local.url, 'rebind.evil.example')).rejects.toThrow(/ALLOWED_HOSTS/);
  });

  it('answers /api/access for bad queries with clear JSON errors', async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url);
    const get = async (q: string) => {
      const res = await fetch(`${s.url}/api/access${q}`);
      return { status: res.status, body: (await res.json()) as { error: string } };
    };
    expect((await get('')).status).toBe(400);
    expect((await get('?map=bad%20id')).status).toBe(400);
    expect((await get(`?map=${id}&map=${id}`)).status).toBe(400);
    expect(await get(`?map=${id}&token=`)).toEqual({ status: 401, body: { error: 'invalid link' } });
    expect(await get(`?map=${id}&token=%00%ff`)).toEqual({ status: 401, body: { error: 'invalid link' } });
    const t = tokenOf(links.view);
    expect(await get(`?map=${id}&token=${t}&token=${t}`)).toEqual({ status: 401, body: { error: 'invalid link' } });
    expect((await get(`?map=noSuchMap123&token=${t}`)).status).toBe(404);
    expect((await fetch(`${s.url}/api/access?map=${id}`, { method: 'POST' })).status).toBe(405);
  });
});

describe('roles on the sockets', () => {
  it("drops a viewer's update: not applied, not relayed, not stored, and the viewer is told", async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url);
    const editor = await client(s.url, id);
    const viewer = await client(s.url, id, { token: tokenOf(links.view) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    addCard(viewer.doc, { ...cellOf(viewer.doc), text: 'written by a viewer' });
    // The stock provider logs the server's "permission denied".
    await waitFor(() => warn.mock.calls.some((c) => /Permission denied/.test(String(c[0]))), 'permission denied');
    expect(String(warn.mock.calls[0]![0])).toContain('viewers cannot change this map');

    // The editor's later edit reaches the viewer: the server has handled the viewer's by then.
    addCard(editor.doc, { ...cellOf(editor.doc), text: 'written by the editor' });
    await waitFor(() => texts(viewer.doc).includes('written by the editor'), 'editor edit reaches the viewer');
    expect(texts(editor.doc)).toEqual(['written by the editor']);
    expect(texts((await client(s.url, id)).doc)).toEqual(['written by the editor']);
    expect(viewer.provider.wsconnected).toBe(true);
    // The store has the editor's card and not the viewer's.
    await waitFor(async () => texts(docFrom(await s.store.loadState(id))).length === 1, 'editor card stored');
    expect(texts(docFrom(await s.store.loadState(id)))).toEqual(['written by the editor']);

    const s2 = await restart(s);
    expect(texts((await client(s2.url, id)).doc)).toEqual(['written by the editor']);
  });

  it('tells a read-only socket once per few seconds, and not for the sync step 2 every client sends', async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url);
    const viewer = await raw(s.url, id, `?token=${tokenOf(links.view)}`);
    const mirror = new Y.Doc();
    await waitFor(() => viewer.received.length > 0, 'sync step 1 from the server');
    // A client with nothing new answers the server's step 1 with an empty step 2.
    const step2 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, mirror, Y.encodeStateVector(mirror));
    });
    await sendAndSettle(viewer, step2);
    expect(denials(viewer)).toEqual([]);

    const edits: Uint8Array[] = [];
    mirror.on('update', (u: Uint8Array) => edits.push(updateMessage(u)));
    for (let i = 0; i < 5; i++) mirror.getMap('meta').set('title', `hijacked ${i}`);
    await sendAndSettle(viewer, ...edits);
    expect(denials(viewer)).toEqual(['viewers cannot change this map']);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
    expect(((await (await fetch(`${s.url}/api/maps/${id}`)).json()) as { title: string }).title).toBe('Untitled journey');
  });

  it('lets a commenter write the comments doc (relayed and stored) but drops its card edits', async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url);
    const token = tokenOf(links.comment);
    const editor = await client(s.url, id);
    const editorComments = await client(s.url, id, { doc: 'comments' });
    const commenter = await client(s.url, id, { token });
    const commenterComments = await client(s.url, id, { token, doc: 'comments' });
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    commenterComments.doc.getMap('comments').set('c1', '这一步太慢了');
    await waitFor(() => comments(editorComments.doc).c1 === '这一步太慢了', 'comment relayed');
    // ... and the editor's reply reaches the commenter.
    editorComments.doc.getMap('comments').set('c2', 'agreed');
    await waitFor(() => comments(commenterComments.doc).c2 === 'agreed', 'reply relayed');

    addCard(commenter.doc, { ...cellOf(commenter.doc), text: 'a commenter card' });
    addCard(editor.doc, { ...cellOf(editor.doc), text: 'an editor card' });
    await waitFor(() => texts(commenter.doc).includes('an editor card'), 'editor card reaches the commenter');
    await waitFor(async () => texts((await client(s.url, id)).doc).includes('an editor card'), 'stored');
    expect(texts(editor.doc)).toEqual(['an editor card']);

    const s2 = await restart(s);
    expect(comments((await client(s2.url, id, { token, doc: 'comments' })).doc)).toEqual({ c1: '这一步太慢了', c2: 'agreed' });
    expect(texts((await client(s2.url, id, { token })).doc)).toEqual(['an editor card']);
  });

  it("drops a viewer's comments and lets an editor link write both documents", async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url);
    const observer = await client(s.url, id, { doc: 'comments' });
    const viewer = await raw(s.url, id, `/comments?token=${tokenOf(links.view)}`);
    const sneaky = new Y.Doc();
    sneaky.getMap('comments').set('v', 'viewer comment');
    await sendAndSettle(viewer, updateMessage(Y.encodeStateAsUpdate(sneaky)));
    expect(denials(viewer)).toEqual(['viewers cannot change its comments']);

    const editorToken = tokenOf(links.edit);
    const editor = await client(s.url, id, { token: editorToken });
    const editorComments = await client(s.url, id, { token: editorToken, doc: 'comments' });
    addCard(editor.doc, { ...cellOf(editor.doc), text: 'by link' });
    editorComments.doc.getMap('comments').set('e', 'editor comment');
    await waitFor(() => comments(observer.doc).e === 'editor comment', 'editor comment relayed');
    await waitFor(async () => texts((await client(s.url, id)).doc).includes('by link'), 'editor card');
    expect(comments(observer.doc)).toEqual({ e: 'editor comment' });
  });

  it("refuses a token socket that speaks for another client's awareness entry (and keeps it open)", async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url);
    const alice = await client(s.url, id, { token: tokenOf(links.edit) });
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    const observer = await client(s.url, id);
    const aliceId = alice.doc.clientID;
    const nameSeen = () => (observer.provider.awareness.getStates().get(aliceId) as { user?: { name: string } } | undefined)?.user?.name;
    await waitFor(() => nameSeen() === 'Alice', 'Alice visible');
    const names: string[] = [];
    observer.provider.awareness.on('change', () => names.push(nameSeen() ?? ''));

    const attacker = await raw(s.url, id, `?token=${tokenOf(links.view)}`);
    const forged = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(
        e,
        frame((inner) => {
          encoding.writeVarUint(inner, 1);
          encoding.writeVarUint(inner, aliceId);
          encoding.writeVarUint(inner, 1000);
          encoding.writeVarString(inner, JSON.stringify({ user: { name: 'Mallory' } }));
        }),
      );
    });
    await sendAndSettle(attacker, forged);
    alice.provider.awareness.setLocalStateField('cursor', { x: 1 });
    await waitFor(() => (observer.provider.awareness.getStates().get(aliceId) as { cursor?: unknown })?.cursor !== undefined, 'cursor');
    expect(nameSeen()).toBe('Alice');
    expect(names).not.toContain('Mallory');
    expect(attacker.ws.readyState).toBe(attacker.ws.OPEN);
  });
});

describe('refused links', () => {
  it("closes sockets with a forged token, another map's token or an empty one with 4401 'invalid link'", async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url);
    const other = await createMapWithLinks(s.url);
    const token = tokenOf(links.edit);
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    const invalid = { code: 4401, reason: 'invalid link' };
    for (const suffix of [
      `?token=${flipped}`,
      `?token=${token}x`,
      `?token=${tokenOf(other.links.edit)}`,
      `/comments?token=${tokenOf(other.links.view)}`,
      '?token=',
      `?token=${token}&token=${token}`,
      `?token=${'A'.repeat(5000)}`,
      '?token=%E0%A4%A',
    ]) {
      expect({ suffix: suffix.slice(0, 30), ...(await (await raw(s.url, id, suffix)).closed) }).toEqual({
        suffix: suffix.slice(0, 30),
        ...invalid,
      });
    }
    // A token for a map that is not there is a missing map.
    expect(await (await raw(s.url, 'noSuchMap123', `?token=${token}`)).closed).toEqual({ code: 4404, reason: 'map not found' });

    // The stock provider stops reconnecting on it.
    const forged = connect(s.url, id, { token: flipped });
    track(forged);
    expect(await finalClose(forged)).toEqual(invalid);
    expect(forged.provider.shouldConnect).toBe(false);
    // The server still serves the good token.
    await client(s.url, id, { token });
  });

  it('rotating links closes the sockets that came in by link (4401 "link revoked"), keeps workspace sockets, and the new links work', async () => {
    const s = await start();
    const { id, links } = await createMapWithLinks(s.url);
    const untouched = await createMapWithLinks(s.url);
    const byLink = await client(s.url, id, { token: tokenOf(links.edit) });
    const byLinkComments = await client(s.url, id, { token: tokenOf(links.comment), doc: 'comments' });
    const otherMap = await client(s.url, untouched.id, { token: tokenOf(untouched.links.view) });
    const workspace = await client(s.url, id);
    const workspaceComments = await client(s.url, id, { doc: 'comments' });
    const closes = [finalClose(byLink), finalClose(byLinkComments)];

    const res = await fetch(`${s.url}/api/maps/${id}/links/rotate`, { method: 'POST' });
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as ShareLinks;
    for (const kind of ['edit', 'comment', 'view'] as const) expect(fresh[kind]).not.toBe(links[kind]);
    expect(await Promise.all(closes)).toEqual([
      { code: 4401, reason: 'link revoked' },
      { code: 4401, reason: 'link revoked' },
    ]);
    expect(byLink.provider.shouldConnect).toBe(false);

    // Old links no longer get in; the new ones do.
    const revoked = { code: 4401, reason: 'link revoked' };
    expect(await (await raw(s.url, id, `?token=${tokenOf(links.edit)}`)).closed).toEqual(revoked);
    expect(await (await raw(s.url, id, `/comments?token=${tokenOf(links.view)}`)).closed).toEqual(revoked);
    expect(await access(s.url, id, tokenOf(links.view))).toEqual({ status: 401, body: { error: 'link revoked' } });
    expect((await access(s.url, id, tokenOf(fresh.view))).body.role).toBe('viewer');
    expect(await (await fetch(`${s.url}/api/maps/${id}/links`)).json()).toEqual(fresh);
    const newEditor = await client(s.url, id, { token: tokenOf(fresh.edit) });

    // Workspace sockets stayed, and so did a link to another map.
    addCard(workspace.doc, { ...cellOf(workspace.doc), text: 'after the rotation' });
    workspaceComments.doc.getMap('comments').set('w', 'still here');
    await waitFor(() => texts(newEditor.doc).includes('after the rotation'), 'workspace edit relayed');
    await waitFor(async () => comments((await client(s.url, id, { doc: 'comments' })).doc).w === 'still here', 'workspace comment');
    expect(workspace.provider.wsconnected && workspaceComments.provider.wsconnected && otherMap.provider.wsconnected).toBe(true);

    expect((await fetch(`${s.url}/api/maps/noSuchMap123/links/rotate`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${s.url}/api/maps/${id}/links/rotate`)).status).toBe(405);
  });
});
