/**
 * DNS rebinding: a page on a name an attacker points at this server sends
 * that name as Host. Only the names the server is reached by are served
 * (API, app and websockets alike), and share links are built on those only.
 */
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { HostCheck, hostName } from '../../../server/hosts';
import { serverHarness } from '../../fixtures/harness';
import { createMap } from '../../fixtures/server';

const h = serverHarness();

/** A request with a Host header of our choosing (fetch does not allow setting it). */
function request(url: string, method: string, path: string, host: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers: { host, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The status line a websocket upgrade with this Host gets. */
function upgradeStatus(port: number, path: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
      if (text.includes('\r\n')) {
        resolve(text.split('\r\n')[0]!);
        socket.destroy();
      }
    });
    socket.on('error', reject);
  });
}

describe('Host check', () => {
  it('refuses a rebinding page: no map created, read or deleted, no app, no socket (421)', async () => {
    const s = await h.start();
    const id = await createMap(s.url);
    const evil = 'rebind.evil.example';
    expect((await request(s.url, 'POST', '/api/maps', evil, '{}')).status).toBe(421);
    expect((await request(s.url, 'GET', '/api/maps', evil)).status).toBe(421);
    expect((await request(s.url, 'GET', `/api/maps/${id}/export.json`, evil)).status).toBe(421);
    expect((await request(s.url, 'DELETE', `/api/maps/${id}`, evil)).status).toBe(421);
    expect((await request(s.url, 'GET', '/', `${evil}:${s.port}`)).status).toBe(421);
    // Only /health answers any name: a load balancer probes it by a name of its own, and it says nothing of the maps.
    expect((await request(s.url, 'GET', '/health', evil)).status).toBe(200);
    expect(await upgradeStatus(s.port, `/ws/${id}`, evil)).toBe('HTTP/1.1 421 Misdirected Request');
    const refused = JSON.parse((await request(s.url, 'GET', '/api/maps', evil)).text) as { error: string };
    expect(refused.error).toMatch(/ALLOWED_HOSTS/);
    // The map is still there.
    expect((await request(s.url, 'GET', `/api/maps/${id}`, `127.0.0.1:${s.port}`)).status).toBe(200);
  });

  it('serves the names it is reached by: IP addresses, localhost, this machine, PUBLIC_URL and ALLOWED_HOSTS', async () => {
    const s = await h.start({ PUBLIC_URL: 'https://journeys.example.com', ALLOWED_HOSTS: ['maps.intranet', '.corp.example'] });
    const ok = async (host: string) => (await request(s.url, 'GET', '/api/session', host)).status;
    for (const host of [
      `127.0.0.1:${s.port}`,
      `localhost:${s.port}`,
      'app.localhost',
      '[::1]:8080',
      '192.168.1.20',
      os.hostname(),
      'journeys.example.com',
      'MAPS.intranet:443',
      'corp.example',
      'team.corp.example',
    ]) {
      expect([host, await ok(host)]).toEqual([host, 200]);
    }
    for (const host of ['maps.intranet.evil.example', 'evilcorp.example', 'journeys.example.com.evil.example', 'a b']) {
      expect([host, await ok(host)]).toEqual([host, 421]);
    }
    expect(await upgradeStatus(s.port, '/ws/nosuchmap', 'team.corp.example')).toBe('HTTP/1.1 101 Switching Protocols');
  });
});

describe('hostName', () => {
  it('reads names, addresses and ports, and refuses the rest', () => {
    expect(hostName('Example.COM:8080')).toBe('example.com');
    expect(hostName('[::1]:80')).toBe('::1');
    expect(hostName('10.0.0.1')).toBe('10.0.0.1');
    expect(hostName('example.com.')).toBe('example.com');
    for (const bad of [undefined, '', 'a/b', 'evil.example/<script>', 'x'.repeat(300), '[zz]', 'a..b', '-a.com'])
      expect(hostName(bad)).toBeNull();
  });

  it('a leading dot in ALLOWED_HOSTS takes the domain and every name below it, nothing else', () => {
    const check = new HostCheck({ allowedHosts: ['.example.org'] });
    expect(check.allows('example.org')).toBe(true);
    expect(check.allows('a.b.example.org:1')).toBe(true);
    expect(check.allows('badexample.org')).toBe(false);
  });
});
