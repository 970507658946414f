/**
 * The workspace password: with JOURNEYBOARD_PASSWORD set, the dashboard API
 * and workspace sockets need the session cookie; share links still work
 * without it, each for its own map only.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AttemptLimiter, Password, Sessions, addressKey, cookieValues, sessionCookie } from '../../../server/session';
import { connect, connectSynced, createMapWithLinks, rawSocket, startServer, tokenOf, type ShareLinks } from '../../fixtures/server';
import { serverHarness } from '../../fixtures/harness';

const PASSWORD = 'hunter2-but-longer';

const { start, track, trackServer, trackSocket } = serverHarness({ JOURNEYBOARD_PASSWORD: PASSWORD });

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
async function signIn(url: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/session`, post({ password }, headers));
}
/** Signs in and returns the Cookie header a browser would send from then on. */
async function cookieFor(url: string): Promise<string> {
  const res = await signIn(url);
  expect(res.status).toBe(204);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
async function errorOf(res: Response) {
  return { status: res.status, body: (await res.json()) as { error: string } };
}
const SIGN_IN_REQUIRED = { status: 401, body: { error: 'sign in required' } };

describe('with JOURNEYBOARD_PASSWORD', () => {
  it('refuses every /api/maps endpoint without the session cookie', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    const { id } = await createMapWithLinks(s.url, {}, { cookie });
    const u = (p: string) => `${s.url}${p}`;
    for (const [what, res] of [
      ['list', await fetch(u('/api/maps'))],
      ['create', await fetch(u('/api/maps'), post({}))],
      ['get', await fetch(u(`/api/maps/${id}`))],
      ['rename', await fetch(u(`/api/maps/${id}`), { ...post({ title: 'x' }), method: 'PATCH' })],
      ['delete', await fetch(u(`/api/maps/${id}`), { method: 'DELETE' })],
      ['duplicate', await fetch(u(`/api/maps/${id}/duplicate`), post({}))],
      ['links', await fetch(u(`/api/maps/${id}/links`))],
      ['rotate', await fetch(u(`/api/maps/${id}/links/rotate`), post({}))],
      ['unknown map', await fetch(u('/api/maps/noSuchMap123'))],
      ['bad cookie', await fetch(u('/api/maps'), { headers: { cookie: 'jb_session=9999999999.AAAA; other=%%%' } })],
      ['forged cookie', await fetch(u('/api/maps'), { headers: { cookie: `jb_session=9999999999.${'A'.repeat(43)}` } })],
    ] as const) {
      expect({ what, ...(await errorOf(res)) }).toEqual({ what, ...SIGN_IN_REQUIRED });
    }
    // Nothing was changed by any of them.
    const { maps } = (await (await fetch(u('/api/maps'), { headers: { cookie } })).json()) as { maps: { id: string; title: string }[] };
    expect(maps.map((m) => [m.id, m.title])).toEqual([[id, 'Untitled journey']]);
    // /health and the app itself stay open.
    expect((await fetch(u('/health'))).status).toBe(200);
  });

  it('signs in with the right password only: cookie attributes, session state, sign out', async () => {
    const s = await start();
    expect(await (await fetch(`${s.url}/api/session`)).json()).toEqual({ mode: 'password', passwordRequired: true, signedIn: false });
    expect(await errorOf(await signIn(s.url, 'wrong password'))).toEqual({ status: 401, body: { error: 'wrong password' } });
    expect((await signIn(s.url, PASSWORD.slice(0, -1))).status).toBe(401);
    expect((await fetch(`${s.url}/api/session`, post({}))).status).toBe(400);
    expect((await fetch(`${s.url}/api/session`, { method: 'POST', body: '{nope' })).status).toBe(400);
    expect((await fetch(`${s.url}/api/session`, post({ password: 12345678 }))).status).toBe(400);

    const res = await signIn(s.url);
    expect(res.status).toBe(204);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^jb_session=\d+\.[A-Za-z0-9_-]{43}; /);
    for (const attr of ['HttpOnly', 'SameSite=Lax', 'Path=/', `Max-Age=${30 * 24 * 3600}`]) expect(setCookie).toContain(attr);
    expect(setCookie).not.toContain('Secure');
    expect(setCookie).not.toContain(PASSWORD);
    const cookie = setCookie.split(';')[0]!;

    expect(await (await fetch(`${s.url}/api/session`, { headers: { cookie } })).json()).toEqual({
      mode: 'password',
      passwordRequired: true,
      signedIn: true,
    });
    const created = await createMapWithLinks(s.url, { title: 'Behind a password' }, { cookie });
    const list = (await (await fetch(`${s.url}/api/maps`, { headers: { cookie } })).json()) as { maps: { title: string }[] };
    expect(list.maps.map((m) => m.title)).toEqual(['Behind a password']);
    expect((await fetch(`${s.url}/api/maps/${created.id}/links`, { headers: { cookie } })).status).toBe(200);

    const out = await fetch(`${s.url}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^jb_session=; .*Max-Age=0/);
    expect((await fetch(`${s.url}/api/session`, { method: 'PUT' })).status).toBe(405);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const s = await start({ PUBLIC_URL: 'https://journeys.example.com' });
    expect((await signIn(s.url)).headers.get('set-cookie')).toContain('; Secure');
  });

  it('answers 429 after 10 wrong passwords from one address, even to the right one', async () => {
    const s = await start();
    for (let i = 0; i < 10; i++) expect((await signIn(s.url, `guess number ${i}`)).status).toBe(401);
    const limited = await signIn(s.url);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: string }).error).toMatch(/too many/);
    expect((await signIn(s.url, 'another guess')).status).toBe(429);
  });

  it('admits a socket without a token only with the cookie', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    const { id } = await createMapWithLinks(s.url, {}, { cookie });

    const anonymous = connect(s.url, id);
    track(anonymous);
    const closed = await new Promise((resolve) => anonymous.provider.once('closed', resolve));
    expect(closed).toEqual({ code: 4401, reason: 'sign in required' });
    expect(await (await rawSocket(s.url, id, '/comments')).closed).toEqual({ code: 4401, reason: 'sign in required' });
    // (a missing map is not revealed to a socket that could not get in anyway)
    expect(await (await rawSocket(s.url, 'noSuchMap123')).closed).toEqual({ code: 4401, reason: 'sign in required' });

    const signedIn = await connectSynced(s.url, id, { headers: { cookie } });
    track(signedIn);
    expect(signedIn.doc.getMap('meta').get('title')).toBe('Untitled journey');
    const comments = await connectSynced(s.url, id, { doc: 'comments', headers: { cookie } });
    track(comments);
    expect((await (await fetch(`${s.url}/api/access?map=${id}`, { headers: { cookie } })).json()).role).toBe('editor');
    expect(await errorOf(await fetch(`${s.url}/api/access?map=${id}`))).toEqual(SIGN_IN_REQUIRED);
  });

  it('lets a share link in without any cookie, but only to its own map', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    const { id, links } = await createMapWithLinks(s.url, { title: 'Shared' }, { cookie });
    const other = await createMapWithLinks(s.url, { title: 'Private' }, { cookie });
    const token = tokenOf(links.view);

    const viewer = await connectSynced(s.url, id, { token });
    track(viewer);
    expect(viewer.doc.getMap('meta').get('title')).toBe('Shared');
    const editorComments = await connectSynced(s.url, id, { token: tokenOf(links.edit), doc: 'comments' });
    track(editorComments);
    expect(await (await fetch(`${s.url}/api/access?map=${id}&token=${token}`)).json()).toEqual({ mapId: id, role: 'viewer' });

    // The map's own summary, read-only.
    const mine = await fetch(`${s.url}/api/maps/${id}?token=${token}`);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ id, title: 'Shared' });
    const editToken = tokenOf(links.edit);
    // Nothing else: another map, the list, changes, the links.
    expect(await errorOf(await fetch(`${s.url}/api/maps/${other.id}?token=${token}`))).toEqual({
      status: 401,
      body: { error: 'invalid link' },
    });
    expect((await fetch(`${s.url}/api/maps?token=${editToken}`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps/${id}?token=${editToken}`, { ...post({ title: 'x' }), method: 'PATCH' })).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps/${id}?token=${editToken}`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps/${id}/links?token=${editToken}`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps/${id}/links/rotate?token=${editToken}`, post({}))).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps/${id}/duplicate?token=${editToken}`, post({}))).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps/${id}?token=garbage`)).status).toBe(401);
    // ... and the socket of another map.
    expect(await (await rawSocket(s.url, other.id, `?token=${token}`)).closed).toEqual({ code: 4401, reason: 'invalid link' });
    expect(((await (await fetch(`${s.url}/api/maps/${id}`, { headers: { cookie } })).json()) as { title: string }).title).toBe('Shared');
  });

  it('ignores the cookie on requests from pages on other origins, and refuses their changes', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    const evil = { origin: 'http://localhost:3000', cookie };
    const { id } = await createMapWithLinks(s.url, {}, { cookie });
    expect(await errorOf(await fetch(`${s.url}/api/maps`, { headers: evil }))).toEqual(SIGN_IN_REQUIRED);
    expect((await fetch(`${s.url}/api/maps`, post({}, evil))).status).toBe(403);
    expect((await fetch(`${s.url}/api/maps/${id}`, { method: 'DELETE', headers: evil })).status).toBe(403);
    expect((await signIn(s.url, PASSWORD, { origin: 'null' })).status).toBe(403);
    expect(await (await rawSocket(s.url, id, '', evil)).closed).toEqual({ code: 4401, reason: 'sign in required' });
    // The app's own origin is fine.
    const own = { origin: s.url, cookie };
    expect((await fetch(`${s.url}/api/maps`, post({}, own))).status).toBe(201);
    const socket = await rawSocket(s.url, id, '', own);
    trackSocket(socket.ws);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });
});

describe('without JOURNEYBOARD_PASSWORD', () => {
  it('is an open workspace: no sign-in, and POST /api/session says there is nothing to sign in to', async () => {
    const s = await startServer();
    trackServer(s);
    expect(await (await fetch(`${s.url}/api/session`)).json()).toEqual({ mode: 'open', passwordRequired: false, signedIn: true });
    expect((await signIn(s.url)).status).toBe(409);
    const { links } = (await (await fetch(`${s.url}/api/maps`, post({}))).json()) as { links: ShareLinks };
    expect(Object.keys(links)).toHaveLength(3);
    // Still, a page on another origin may not change anything.
    expect((await fetch(`${s.url}/api/maps`, post({}, { origin: 'https://evil.example' }))).status).toBe(403);
  });
});

describe('session cookie, on its own', () => {
  const secret = crypto.randomBytes(32);

  it('is valid until it expires, and only for this secret and this password', () => {
    let now = Date.UTC(2030, 0, 1);
    const sessions = new Sessions(secret, PASSWORD, () => now);
    const value = sessions.issue();
    expect(sessions.isValid(value)).toBe(true);
    expect(new Sessions(crypto.randomBytes(32), PASSWORD).isValid(value)).toBe(false);
    expect(new Sessions(secret, 'another password').isValid(value)).toBe(false);
    const [expiry, sig] = value.split('.') as [string, string];
    expect(sessions.isValid(`${Number(expiry) + 1000}.${sig}`)).toBe(false);
    expect(sessions.isValid(`${expiry}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    for (const bad of ['', '.', 'x.y', `${expiry}.`, `.${sig}`, `${expiry}.${sig}.x`, `-1.${sig}`, `${'9'.repeat(400)}.${sig}`]) {
      expect(sessions.isValid(bad), bad).toBe(false);
    }
    now += 30 * 24 * 3600_000 + 1000;
    expect(sessions.isValid(value)).toBe(false);
  });

  it('checks the password whatever its length', () => {
    const password = new Password(PASSWORD);
    expect(password.matches(PASSWORD)).toBe(true);
    for (const wrong of ['', 'h', PASSWORD + ' ', PASSWORD.toUpperCase(), 'x'.repeat(10_000)]) expect(password.matches(wrong)).toBe(false);
  });

  it('finds every jb_session value in a Cookie header and survives junk', () => {
    expect(cookieValues('a=1; jb_session=one; b=2; jb_session="two"', 'jb_session')).toEqual(['one', 'two']);
    for (const junk of [undefined, '', ';;;', '=', 'jb_session', 'x'.repeat(100_000)]) expect(cookieValues(junk, 'jb_session')).toEqual([]);
    const sessions = new Sessions(secret, PASSWORD);
    expect(sessions.isSignedIn(`jb_session=stale; jb_session=${sessions.issue()}`)).toBe(true);
    expect(sessionCookie(null, true)).toBe('jb_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Secure');
  });
});

describe('sign-in attempt limit', () => {
  it('allows 10 failures a minute per address, IPv6 per /64, and forgets old ones', () => {
    let now = 0;
    const limiter = new AttemptLimiter(10, 60_000, 100, () => now);
    for (let i = 0; i < 10; i++) {
      expect(limiter.retryAfter('203.0.113.7')).toBe(0);
      limiter.fail('203.0.113.7');
      now += 1000;
    }
    expect(limiter.retryAfter('203.0.113.7')).toBe(50); // the first failure (at 0) leaves the window at 60 s
    expect(limiter.retryAfter('::ffff:203.0.113.7')).toBe(50);
    expect(limiter.retryAfter('203.0.113.8')).toBe(0);
    now = 60_001;
    expect(limiter.retryAfter('203.0.113.7')).toBe(0);

    for (let i = 0; i < 10; i++) limiter.fail(`2001:db8:1:2::${i.toString(16)}`);
    expect(limiter.retryAfter('2001:db8:1:2:ffff::1')).toBeGreaterThan(0);
    expect(limiter.retryAfter('2001:db8:1:3::1')).toBe(0);
  });

  it('keeps memory bounded under many addresses', () => {
    const limiter = new AttemptLimiter(10, 60_000, 100);
    for (let i = 0; i < 1000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`);
    expect((limiter as unknown as { failures: Map<string, unknown> }).failures.size).toBe(100);
  });

  it('groups addresses as described', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
