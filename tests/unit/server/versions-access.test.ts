/**
 * Who may use a map's version history: the workspace may do everything; a
 * share link may list and preview its own map's versions, and only an edit
 * link may save, restore or delete them. On versions a token decides alone,
 * as it does for the map's sockets.
 */
import { describe, expect, it } from 'vitest';
import { serverHarness, type Server } from '../../fixtures/harness';
import { createMapWithLinks, jsonRequest, tokenOf, type ShareLinks } from '../../fixtures/server';

const PASSWORD = 'a-workspace-password';

const { start } = serverHarness();
async function cookieFor(s: Server): Promise<string> {
  const res = await fetch(`${s.url}/api/session`, jsonRequest('POST', { password: PASSWORD }));
  expect(res.status).toBe(204);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The version endpoints of one map, as a token (or nothing, or a cookie) reaches them. */
function endpoints(s: Server, id: string, auth: { token?: string; cookie?: string }) {
  const q = auth.token === undefined ? '' : `?token=${encodeURIComponent(auth.token)}`;
  const headers: Record<string, string> = auth.cookie ? { cookie: auth.cookie } : {};
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${s.url}/api/maps/${id}/versions${p}${q}`, jsonRequest(method, body, headers));
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
  return {
    list: () => call('GET', ''),
    preview: (v: string) => call('GET', `/${v}`),
    save: (name: string) => call('POST', '', { name }),
    restore: (v: string) => call('POST', `/${v}/restore`, {}),
    remove: (v: string) => call('DELETE', `/${v}`),
  };
}

async function mapWithVersion(s: Server, cookie?: string): Promise<{ id: string; links: ShareLinks; version: string }> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const { id, links } = await createMapWithLinks(s.url, { template: 'backpack' }, headers);
  const saved = await endpoints(s, id, { cookie }).save('first');
  expect(saved.status).toBe(201);
  return { id, links, version: saved.body!.id as string };
}

describe('version history with a workspace password', () => {
  it('viewer and commenter links list and preview, and get 403 on save, restore and delete', async () => {
    const s = await start({ JOURNEYBOARD_PASSWORD: PASSWORD });
    const cookie = await cookieFor(s);
    const { id, links, version } = await mapWithVersion(s, cookie);
    for (const link of [links.view, links.comment]) {
      const as = endpoints(s, id, { token: tokenOf(link) });
      const list = await as.list();
      expect(list.status).toBe(200);
      expect((list.body!.versions as { id: string }[]).map((v) => v.id)).toEqual([version]);
      const preview = await as.preview(version);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ id: version, name: 'first', map: { schemaVersion: 4 } });
      for (const refused of [await as.save('nope'), await as.restore(version), await as.remove(version)]) {
        expect(refused.status).toBe(403);
        expect(refused.body!.error).toMatch(/link cannot do this: it needs editor access/);
      }
    }
    // Nothing changed.
    const all = await endpoints(s, id, { cookie }).list();
    expect((all.body!.versions as unknown[]).length).toBe(1);
  });

  it('an edit link saves, restores and deletes on its own map', async () => {
    const s = await start({ JOURNEYBOARD_PASSWORD: PASSWORD });
    const { id, links, version } = await mapWithVersion(s, await cookieFor(s));
    const editor = endpoints(s, id, { token: tokenOf(links.edit) });
    const saved = await editor.save('by the editor link');
    expect(saved.status).toBe(201);
    const restored = await editor.restore(version);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ restored: version });
    expect((await editor.remove(saved.body!.id as string)).status).toBe(204);
    expect(((await editor.list()).body!.versions as { kind: string }[]).map((v) => v.kind)).toEqual(['auto', 'named']);
  });

  it('refuses no credentials (401), links to other maps and revoked links (401), and a link on the rest of the API', async () => {
    const s = await start({ JOURNEYBOARD_PASSWORD: PASSWORD });
    const cookie = await cookieFor(s);
    const mine = await mapWithVersion(s, cookie);
    const other = await mapWithVersion(s, cookie);

    const nobody = endpoints(s, mine.id, {});
    for (const res of [
      await nobody.list(),
      await nobody.preview(mine.version),
      await nobody.save('x'),
      await nobody.restore(mine.version),
    ]) {
      expect(res).toEqual({ status: 401, body: { error: 'sign in required' } });
    }
    // The edit link of another map is no way into this one.
    const foreign = endpoints(s, mine.id, { token: tokenOf(other.links.edit) });
    expect(await foreign.list()).toEqual({ status: 401, body: { error: 'invalid link' } });
    expect(await foreign.restore(mine.version)).toEqual({ status: 401, body: { error: 'invalid link' } });
    // ... nor to another map's version through its own map.
    expect((await endpoints(s, mine.id, { token: tokenOf(mine.links.edit) }).preview(other.version)).status).toBe(404);

    // Rotating the links revokes them here too.
    const rotate = await fetch(`${s.url}/api/maps/${mine.id}/links/rotate`, jsonRequest('POST', {}, { cookie }));
    expect(rotate.status).toBe(200);
    expect(await endpoints(s, mine.id, { token: tokenOf(mine.links.edit) }).list()).toEqual({
      status: 401,
      body: { error: 'link revoked' },
    });

    // A token still opens nothing else of the workspace.
    const dup = await fetch(`${s.url}/api/maps/${other.id}/duplicate?token=${tokenOf(other.links.edit)}`, jsonRequest('POST', {}));
    expect(dup.status).toBe(401);
  });
});

describe('version history on an open workspace', () => {
  it('the workspace may do everything; a viewer link is still a viewer on versions', async () => {
    const s = await start();
    const { id, links, version } = await mapWithVersion(s);
    const viewer = endpoints(s, id, { token: tokenOf(links.view) });
    expect((await viewer.list()).status).toBe(200);
    expect((await viewer.save('nope')).status).toBe(403);
    expect((await viewer.restore(version)).status).toBe(403);
    const workspace = endpoints(s, id, {});
    expect((await workspace.restore(version)).status).toBe(200);
    expect((await workspace.save('second')).status).toBe(201);
  });

  it('refuses a change from a page on another site', async () => {
    const s = await start();
    const { id, version } = await mapWithVersion(s);
    const res = await fetch(
      `${s.url}/api/maps/${id}/versions/${version}/restore`,
      jsonRequest('POST', {}, { origin: 'http://evil.example' }),
    );
    expect(res.status).toBe(403);
  });
});
