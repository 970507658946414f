/**
 * Caps that keep one client from taking the server: map creations per
 * address and in all, connections per address (directly, and behind a
 * trusted proxy), slow requests, deeply nested bodies. Each refusal is a
 * clear error the client can read.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { serverHarness } from '../../fixtures/harness';
import { createMap, jsonRequest, waitFor } from '../../fixtures/server';

const h = serverHarness();

const createFrom = (url: string, address?: string) =>
  fetch(`${url}/api/maps`, jsonRequest('POST', {}, address ? { 'x-forwarded-for': address } : {}));

/** A raw TCP connection; resolves with what the server sent when it closes. */
function tcp(port: number, send = ''): { socket: net.Socket; answer: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1', () => socket.write(send));
  let text = '';
  socket.on('data', (d) => (text += d.toString()));
  socket.on('error', () => {});
  return { socket, answer: new Promise((resolve) => socket.on('close', () => resolve(text))) };
}

describe('map creation', () => {
  it('is capped per client address per hour (429 with Retry-After), counting duplicates and imports', async () => {
    const s = await h.start({ MAX_MAPS_PER_HOUR: 3, TRUST_PROXY: ['loopback'] });
    const a = '203.0.113.1';
    const first = (await (await createFrom(s.url, a)).json()) as { id: string };
    expect((await fetch(`${s.url}/api/maps/${first.id}/duplicate`, jsonRequest('POST', {}, { 'x-forwarded-for': a }))).status).toBe(201);
    const exported = await (await fetch(`${s.url}/api/maps/${first.id}/export.json`)).text();
    expect((await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', exported, { 'x-forwarded-for': a }))).status).toBe(201);
    const refused = await createFrom(s.url, a);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(/at most 3 an hour/);
    // Another client is not affected; a forged X-Forwarded-For from an untrusted peer would be ignored.
    expect((await createFrom(s.url, '203.0.113.2')).status).toBe(201);
  });

  it('stops at MAX_MAPS maps in all (507)', async () => {
    const s = await h.start({ MAX_MAPS: 2 });
    await createMap(s.url);
    await createMap(s.url);
    const full = await createFrom(s.url);
    expect(full.status).toBe(507);
    expect(((await full.json()) as { error: string }).error).toMatch(/MAX_MAPS/);
  });
});

describe('connections per client address', () => {
  it('past the cap a direct connection is refused with 429 before it sends anything', async () => {
    const s = await h.start({ MAX_CONNECTIONS_PER_ADDRESS: 3 });
    const open = [tcp(s.port), tcp(s.port), tcp(s.port)];
    await waitFor(() => open.every((c) => c.socket.readyState === 'open'), 'three connections');
    const fourth = tcp(s.port);
    expect(await fourth.answer).toMatch(/^HTTP\/1.1 429 Too Many Requests/);
    open[0]!.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const again = tcp(s.port, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(await again.answer).toMatch(/^HTTP\/1.1 200/);
    open.forEach((c) => c.socket.destroy());
  });

  it('behind a trusted proxy, websockets are counted per forwarded address (1013: try again later)', async () => {
    const s = await h.start({ MAX_CONNECTIONS_PER_ADDRESS: 2, TRUST_PROXY: ['loopback'] });
    const id = await createMap(s.url);
    const client = { 'x-forwarded-for': '198.51.100.7' };
    await h.raw(s.url, id, '', client);
    await h.raw(s.url, id, '', client);
    const third = await h.raw(s.url, id, '', client);
    expect(await third.closed).toEqual({ code: 1013, reason: 'too many connections from your address' });
    const other = await h.raw(s.url, id, '', { 'x-forwarded-for': '198.51.100.8' });
    expect(other.ws.readyState).toBe(other.ws.OPEN);
  });

  it('a client that never finishes its request headers is cut off (slow upgrades and requests)', async () => {
    const s = await h.start();
    const slow = tcp(s.port, 'GET /ws/someMap HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n');
    expect(await slow.answer).toMatch(/^HTTP\/1.1 408 Request Timeout/);
  }, 20_000);
});

describe('request bodies', () => {
  it('JSON nested past 64 levels is refused before it is parsed, with a clear error', async () => {
    const s = await h.start();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await fetch(`${s.url}/api/maps`, jsonRequest('POST', deep));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'request body is nested too deeply',
      issues: [{ path: '', message: 'nested deeper than 64 levels' }],
    });
    const imported = await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', '['.repeat(5_000_000)));
    expect(imported.status).toBe(400);
    expect(JSON.stringify(await imported.json())).toMatch(/nested deeper than 64 levels/);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});
