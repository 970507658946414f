/** The REST API, /health and the static app, over real HTTP. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { docToMapDocument, listEntities, MapDocumentSchema, MapListSchema, MapSummarySchema, readMeta } from '../../../src/model';
import { serverHarness, type Server } from '../../fixtures/harness';
import { connect, createMap, waitFor } from '../../fixtures/server';

const h = serverHarness();
/** A fresh server for every test (the harness closes it). */
let server: Server;
beforeEach(async () => {
  server = await h.start();
});

const api = (p: string, init?: RequestInit) => fetch(`${server.url}${p}`, init);
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
/** The first page of the map list (these tests hold far fewer maps than a page). */
const list = async () => MapListSchema.parse(await (await api('/api/maps')).json()).maps;

describe('REST API', () => {
  it('creates a blank English map with the default grid', async () => {
    const id = await createMap(server.url);
    expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    const client = await h.client(server, id);
    const map = MapDocumentSchema.parse(docToMapDocument(client.doc));
    expect(map.meta).toMatchObject({ title: 'Untitled journey', locale: 'en', schemaVersion: 4 });
    expect(listEntities(client.doc, 'stages').map((s) => s.name)).toEqual([
      'Awareness',
      'Consideration',
      'Decision',
      'Onboarding',
      'Usage',
      'Advocacy',
    ]);
    expect(Object.keys(map.cards)).toHaveLength(0);
  });

  it('creates from the Chinese subscription template, with or without a title', async () => {
    const id = await createMap(server.url, { template: 'subscription', locale: 'zh-CN' });
    const client = await h.client(server, id);
    expect(readMeta(client.doc)).toMatchObject({ title: '订阅制电商客户旅程', locale: 'zh-CN' });
    expect(listEntities(client.doc, 'cards').map((c) => c.text)).toContain('自动续费和退订条款写得不清楚');

    const named = await createMap(server.url, { template: 'subscription', locale: 'zh-CN', title: '  我的旅程 ' });
    expect((await (await api(`/api/maps/${named}`)).json()) as { title: string }).toMatchObject({ title: '我的旅程' });
  });

  it('lists maps most recently edited first and gets one', async () => {
    const first = await createMap(server.url, { title: 'First' });
    const createdFirst = (await list())[0]!.createdAt;
    await waitFor(() => Date.now() > createdFirst, 'the clock moves on');
    const second = await createMap(server.url, { title: 'Second' });
    expect((await list()).map((m) => m.id)).toEqual([second, first]);

    // Editing the first makes it the most recent.
    const client = await h.client(server, first);
    const createdSecond = (await list())[0]!.updatedAt;
    await waitFor(() => Date.now() > createdSecond, 'the clock moves on');
    client.doc.getMap('meta').set('description', 'edited');
    await waitFor(async () => (await list())[0]?.id === first, 'edited map first');
    expect((await list()).map((m) => m.id)).toEqual([first, second]);

    const one = MapSummarySchema.parse(await (await api(`/api/maps/${second}`)).json());
    expect(one).toMatchObject({ id: second, title: 'Second' });
    expect(one.createdAt).toBeLessThanOrEqual(one.updatedAt);
  });

  it('renames through the document, so a connected client sees it live', async () => {
    const id = await createMap(server.url, { title: 'Old' });
    const client = await h.client(server, id);
    const res = await api(`/api/maps/${id}`, json('PATCH', { title: '  New title ' }));
    expect(res.status).toBe(200);
    expect(MapSummarySchema.parse(await res.json())).toMatchObject({ id, title: 'New title' });
    await waitFor(() => readMeta(client.doc)?.title === 'New title', 'live rename');
    expect((await list())[0]?.title).toBe('New title');
  });

  it('renames a map nobody has open, and the rename is in the document later', async () => {
    const id = await createMap(server.url, { title: 'Closed' });
    expect((await api(`/api/maps/${id}`, json('PATCH', { title: 'Renamed while closed' }))).status).toBe(200);
    const client = await h.client(server, id);
    expect(readMeta(client.doc)?.title).toBe('Renamed while closed');
  });

  it('keeps the listed title in step with renames made in the document', async () => {
    const id = await createMap(server.url, { title: 'Before' });
    const client = await h.client(server, id);
    client.doc.transact(() => client.doc.getMap('meta').set('title', '改过的标题'));
    await waitFor(async () => ((await (await api(`/api/maps/${id}`)).json()) as { title: string }).title === '改过的标题', 'title column');
  });

  it('deletes a map: 204, its sockets closed with 4410 "map deleted", and the provider stops reconnecting', async () => {
    const id = await createMap(server.url);
    const other = await createMap(server.url);
    const rawSock = await h.raw(server.url, id);
    const provider = h.track(connect(server.url, id));
    await waitFor(() => provider.provider.synced, 'synced');
    const providerClosed = new Promise<{ code: number; reason: string }>((resolve) => provider.provider.once('closed', resolve));

    const res = await api(`/api/maps/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await rawSock.closed).toEqual({ code: 4410, reason: 'map deleted' });
    expect(await providerClosed).toEqual({ code: 4410, reason: 'map deleted' });
    expect(provider.provider.shouldConnect).toBe(false);

    expect((await api(`/api/maps/${id}`)).status).toBe(404);
    expect((await api(`/api/maps/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await list()).map((m) => m.id)).toEqual([other]);
    // and it cannot come back through a socket
    expect(await (await h.raw(server.url, id)).closed).toEqual({ code: 4404, reason: 'map not found' });
  });

  it('answers bad requests with 400 and every issue by path', async () => {
    const bad = await api('/api/maps', json('POST', { template: 'nope', locale: 'fr', title: 7 }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBeTypeOf('string');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['locale', 'template', 'title']);
    expect(body.issues.every((i) => i.message.length > 0)).toBe(true);

    const notJson = await api('/api/maps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { issues: unknown[] }).issues).toHaveLength(1);

    const id = await createMap(server.url);
    const emptyTitle = await api(`/api/maps/${id}`, json('PATCH', { title: '  ' }));
    expect(emptyTitle.status).toBe(400);
    expect(((await emptyTitle.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('title');
    const longTitle = await api(`/api/maps/${id}`, json('PATCH', { title: 'x'.repeat(201) }));
    expect(longTitle.status).toBe(400);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const huge = await api('/api/maps', json('POST', { title: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toMatch(/larger than/);
    expect((await api('/health')).status).toBe(200);
  });

  it('reads a body a few times too large to its end before the 413, so an uploading browser gets the answer; a far larger one is cut off', async () => {
    // A browser uploads the whole file while the server answers: answered before the end and closed, it would see a reset.
    const post = (bytes: number) =>
      new Promise<{ status: number; connection: string | undefined; sentAll: boolean }>((resolve, reject) => {
        const req = http.request(`${server.url}/api/maps`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': bytes },
        });
        let sent = 0;
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const write = () => {
          while (sent < bytes) {
            const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
            sent += part.length;
            if (!req.write(part)) return void req.once('drain', write);
          }
          req.end();
        };
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, sentAll: sent === bytes }));
        });
        req.on('error', reject);
        write();
      });
    const twice = await post(2 * 1024 * 1024);
    expect(twice).toEqual({ status: 413, connection: 'keep-alive', sentAll: true });
    const far = await post(100 * 1024 * 1024);
    expect(far.status).toBe(413);
    expect(far.connection).toBe('close');
    expect((await api('/health')).status).toBe(200);
  });

  it('keeps an idle connection open longer than a load balancer would (60 s), and says so', async () => {
    // A client that reuses a connection the server is closing at that moment gets a reset, not an answer.
    const agent = new http.Agent({ keepAlive: true });
    try {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(`${server.url}/health`, { agent }, resolve).on('error', reject),
      );
      res.resume();
      expect(res.headers.connection).toBe('keep-alive');
      expect(res.headers['keep-alive']).toBe('timeout=65');
    } finally {
      agent.destroy();
    }
  });

  it('answers unknown ids and routes with 404 JSON, wrong methods with 405', async () => {
    expect((await api('/api/maps/doesNotExist')).status).toBe(404);
    expect((await api('/api/maps/doesNotExist', json('PATCH', { title: 'x' }))).status).toBe(404);
    expect((await api('/api/maps/bad%20id')).status).toBe(404);
    const unknown = await api('/api/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/json/);
    const put = await api('/api/maps', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await api(`/api/maps/${await createMap(server.url)}`, { method: 'POST' })).status).toBe(405);
  });

  it('reports health with rooms and connections', async () => {
    expect(await (await api('/health')).json()).toMatchObject({ ok: true, rooms: 0, connections: 0, store: 'ok', fanout: 'ok' });
    const id = await createMap(server.url);
    await h.client(server, id);
    await h.client(server, id);
    expect(await (await api('/health')).json()).toMatchObject({ ok: true, rooms: 1, connections: 2 });
  });
});

describe('static app', () => {
  const write = (rel: string, text: string) => {
    const file = path.join(server.config.STATIC_DIR, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };

  it('says to build the app when there is no build', async () => {
    const res = await api('/');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('npm run build');
  });

  it('serves the build with content types, immutable assets and the SPA fallback', async () => {
    write('index.html', '<!doctype html><title>app</title>');
    write('assets/index-abc123.js', 'console.log(1)');
    write('assets/index-abc123.css', 'body{}');
    write('favicon.svg', '<svg/>');

    const js = await api('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    expect((await api('/assets/index-abc123.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await api('/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');

    for (const route of ['/', '/m/someMapId', '/m/someMapId?x=1']) {
      const page = await api(route);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<title>app</title>');
    }
    // A stale asset is a 404, never index.html served as JavaScript.
    expect((await api('/assets/index-old999.js')).status).toBe(404);
    // The websocket endpoint is not a page.
    expect((await api('/ws/someMapId')).status).toBe(426);
  });

  it('never serves a file outside STATIC_DIR', async () => {
    write('index.html', '<!doctype html><title>app</title>');
    const secret = path.join(path.dirname(server.config.STATIC_DIR), `secret-${path.basename(server.config.STATIC_DIR)}.txt`);
    fs.writeFileSync(secret, 'TOP SECRET');
    try {
      for (const attempt of [
        `/..%2f${path.basename(secret)}`,
        `/../${path.basename(secret)}`,
        `/assets/..%2f..%2f${path.basename(secret)}`,
        '/..%2f..%2f..%2fetc%2fpasswd',
      ]) {
        const res = await api(attempt);
        const text = await res.text();
        expect(text).not.toContain('TOP SECRET');
        expect(text).not.toContain('root:');
      }
      expect((await api('/%E0%A4%A')).status).toBe(400);
    } finally {
      fs.rmSync(secret);
    }
  });
});
