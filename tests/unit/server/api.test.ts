import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docToMapDocument, listEntities, MapDocumentSchema, readMeta } from '../../../src/model';
import { connectSynced, createMap, rawSocket, startServer, waitFor, type Client } from '../../fixtures/server';

let server: Awaited<ReturnType<typeof startServer>>;
const clients: Client[] = [];
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
});

const api = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('REST API', () => {
  it('creates a blank English map with the default grid', async () => {
    const id = await createMap(server.url);
    expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    const client = await connectSynced(server.url, id);
    clients.push(client);
    const map = MapDocumentSchema.parse(docToMapDocument(client.doc));
    expect(map.meta.title).toBe('Untitled journey');
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

  it('creates from the Chinese subscription template', async () => {
    const id = await createMap(server.url, { template: 'subscription', locale: 'zh-CN' });
    const client = await connectSynced(server.url, id);
    clients.push(client);
    expect(readMeta(client.doc)?.title).toBe('订阅制电商客户旅程');
    expect(listEntities(client.doc, 'cards').map((c) => c.text)).toContain('退订条款说得不清楚');
  });

  it('lists maps newest edit first and gets one', async () => {
    const first = await createMap(server.url, { title: 'First' });
    await new Promise((r) => setTimeout(r, 5));
    const second = await createMap(server.url, { title: 'Second' });
    const list = (await (await api('/api/maps')).json()) as { id: string; title: string }[];
    expect(list.map((m) => m.id)).toEqual([second, first]);
    const one = (await (await api(`/api/maps/${first}`)).json()) as { title: string };
    expect(one.title).toBe('First');
  });

  it('renames through the document, so a connected client sees it live', async () => {
    const id = await createMap(server.url, { title: 'Old' });
    const client = await connectSynced(server.url, id);
    clients.push(client);
    const res = await api(`/api/maps/${id}`, json('PATCH', { title: 'New title' }));
    expect(res.status).toBe(200);
    await waitFor(() => readMeta(client.doc)?.title === 'New title', 'live rename');
    const list = (await (await api('/api/maps')).json()) as { title: string }[];
    expect(list[0]?.title).toBe('New title');
  });

  it('keeps the listed title in step with renames made in the document', async () => {
    const id = await createMap(server.url, { title: 'Before' });
    const client = await connectSynced(server.url, id);
    clients.push(client);
    client.doc.transact(() => client.doc.getMap('meta').set('title', '改过的标题'));
    await waitFor(async () => ((await (await api(`/api/maps/${id}`)).json()) as { title: string }).title === '改过的标题', 'title column');
  });

  it('deletes a map and closes its sockets with 4410', async () => {
    const id = await createMap(server.url);
    const { closed } = await rawSocket(server.url, id);
    const res = await api(`/api/maps/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await closed).toEqual({ code: 4410, reason: 'map deleted' });
    expect((await api(`/api/maps/${id}`)).status).toBe(404);
  });

  it('answers bad input with clear errors', async () => {
    const bad = await api('/api/maps', json('POST', { template: 'nope', locale: 'fr' }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path).sort()).toEqual(['locale', 'template']);

    const notJson = await api('/api/maps', { method: 'POST', body: '{not json' });
    expect(notJson.status).toBe(400);

    const huge = await api('/api/maps', json('POST', { title: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);

    expect((await api('/api/maps/doesNotExist')).status).toBe(404);
    expect((await api('/api/maps/bad%20id')).status).toBe(404);
    expect((await api('/api/nothing')).status).toBe(404);
    expect((await api('/api/maps', { method: 'PUT' })).status).toBe(405);
    const emptyTitle = await api(`/api/maps/${await createMap(server.url)}`, json('PATCH', { title: '  ' }));
    expect(emptyTitle.status).toBe(400);
    expect((await api('/health')).status).toBe(200);
  });

  it('serves the SPA fallback and refuses path traversal', async () => {
    const fs = await import('node:fs');
    fs.writeFileSync(`${server.config.STATIC_DIR}/index.html`, '<!doctype html><title>app</title>');
    const page = await api('/m/someMapId');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
    const traversal = await api('/..%2f..%2fetc%2fpasswd');
    expect(await traversal.text()).not.toContain('root:');
  });
});
