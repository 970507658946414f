/**
 * Secure by default: a server with no password that listens beyond loopback
 * is not an open workspace. It prints a one-time sign-in link; only signed-in
 * browsers get the dashboard and tokenless editing, while share links work as
 * before, so a view link without its token is not an editor's. An open
 * workspace is still possible (JOURNEYBOARD_OPEN=1, or loopback only).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { workspaceMode } from '../../../server/auth';
import { serverHarness } from '../../fixtures/harness';
import { createMapWithLinks, freePort, tempDir, tokenOf, waitFor } from '../../fixtures/server';

const h = serverHarness();

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const tokenOfSignInLink = (link: string) => new URL(link).hash.replace(/^#signin=/, '');

/** Signs in with a sign-in link's token; the Cookie header a browser would send from then on (or the failed response). */
async function redeem(url: string, link: string): Promise<{ status: number; cookie: string }> {
  const res = await fetch(`${url}/api/session`, post({ signInToken: tokenOfSignInLink(link) }));
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

describe('workspace modes', () => {
  it('are chosen safely: a password, else open only when asked or on loopback, else sign-in links', () => {
    expect(workspaceMode({ HOST: '0.0.0.0', JOURNEYBOARD_PASSWORD: 'long enough', JOURNEYBOARD_OPEN: undefined })).toBe('password');
    expect(workspaceMode({ HOST: '0.0.0.0', JOURNEYBOARD_PASSWORD: undefined, JOURNEYBOARD_OPEN: undefined })).toBe('link');
    expect(workspaceMode({ HOST: '192.168.1.4', JOURNEYBOARD_PASSWORD: undefined, JOURNEYBOARD_OPEN: undefined })).toBe('link');
    expect(workspaceMode({ HOST: '0.0.0.0', JOURNEYBOARD_PASSWORD: undefined, JOURNEYBOARD_OPEN: true })).toBe('open');
    for (const HOST of ['127.0.0.1', '127.0.0.2', '::1', 'localhost'])
      expect(workspaceMode({ HOST, JOURNEYBOARD_PASSWORD: undefined, JOURNEYBOARD_OPEN: undefined })).toBe('open');
    expect(workspaceMode({ HOST: '127.0.0.1', JOURNEYBOARD_PASSWORD: undefined, JOURNEYBOARD_OPEN: false })).toBe('link');
  });
});

describe('sign-in links (the default beyond loopback)', () => {
  it('a view link without its token is not an editor; the workspace needs a sign-in, which a link gives once', async () => {
    const s = await h.start({ HOST: '0.0.0.0' });
    expect(s.access.mode).toBe('link');
    expect(await (await fetch(`${s.url}/api/session`)).json()).toEqual({ mode: 'link', passwordRequired: false, signedIn: false });
    // Nothing of the workspace without signing in.
    expect((await fetch(`${s.url}/api/maps`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps`, post({}))).status).toBe(401);

    const link = await s.access.newSignInLink(s.url);
    expect(link).toMatch(new RegExp(`^${s.url}/#signin=[A-Za-z0-9_-]{32}$`));
    const first = await redeem(s.url, link);
    expect(first.status).toBe(204);
    expect((await redeem(s.url, link)).status).toBe(401); // one time only
    const cookie = { cookie: first.cookie };
    const { id, links } = await createMapWithLinks(s.url, {}, cookie);

    // The view link gives a viewer, signed in or not; the same page without its token gets nothing.
    const access = async (q: string, headers: Record<string, string> = {}) =>
      (await fetch(`${s.url}/api/access?map=${id}${q}`, { headers })).json() as Promise<{ role?: string; error?: string }>;
    expect(await access(`&token=${tokenOf(links.view)}`)).toEqual({ mapId: id, role: 'viewer' });
    expect(await access('')).toEqual({ error: 'sign in required' });
    expect(await access('', cookie)).toEqual({ mapId: id, role: 'editor' });

    // A signed-in browser hands out another one-time link.
    const more = await fetch(`${s.url}/api/session/links`, post({}, cookie));
    expect(more.status).toBe(201);
    const { link: second } = (await more.json()) as { link: string };
    expect((await redeem(s.url, second)).status).toBe(204);
    expect((await fetch(`${s.url}/api/session/links`, post({}))).status).toBe(401);
  });

  it('the server prints a working sign-in link when it starts, and says what changed', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    const run = h.spawnEntry({ PORT: String(port), HOST: '0.0.0.0', DATA_DIR: dataDir, STATIC_DIR: dataDir });
    await waitFor(() => /#signin=/.test(run.output()), 'sign-in link printed', 30_000);
    const link = /http:\/\/\S+#signin=[A-Za-z0-9_-]+/.exec(run.output())![0];
    expect(run.output()).toMatch(/JOURNEYBOARD_OPEN=1/);
    const log = run
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string });
    expect(log.map((l) => l.msg)).toContain('workspace: sign-in required');
    expect(JSON.stringify(log)).not.toContain(tokenOfSignInLink(link)); // the token is for the console, not the logs
    expect((await redeem(`http://127.0.0.1:${port}`, link)).status).toBe(204);

    // `npm run signin-link` mints another one the running server accepts.
    const cli = h.trackChild(
      spawn(process.execPath, ['--import', 'tsx', 'server/signinLink.ts'], {
        env: { ...process.env, PORT: String(port), HOST: '0.0.0.0', DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    let out = '';
    cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise((r) => cli.once('exit', r))).toBe(0);
    expect((await redeem(`http://127.0.0.1:${port}`, out.trim())).status).toBe(204);
  });
});

describe('an open workspace', () => {
  it('is open to its own pages and to scripts, never to another site’s page (sockets included)', async () => {
    const s = await h.start({ HOST: '0.0.0.0', JOURNEYBOARD_OPEN: true });
    expect(s.access.mode).toBe('open');
    const { id } = await createMapWithLinks(s.url);
    expect((await fetch(`${s.url}/api/maps`)).status).toBe(200);
    const evil = { origin: 'http://evil.example' };
    expect((await fetch(`${s.url}/api/maps`, { headers: evil })).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps`, post({}, evil))).status).toBe(403);
    const socket = await h.raw(s.url, id, '', evil);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'sign in required' });
    const own = await h.raw(s.url, id, '', { origin: s.url });
    own.ws.close();
    expect((await own.closed).code).toBe(1005);
  });
});
