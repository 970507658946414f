/**
 * Version compare over real HTTP (GET /api/maps/:id/versions/:from/compare/:to):
 * worked out on the server from stored versions, or a version and the map
 * now (edits not yet stored included), for any share link of the map.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { addCard, deleteCard, listEntities, moveCard, updateCardText } from '../../../src/model';
import { CompareResultSchema } from '../../../src/model/compare/wire';
import { VersionSummarySchema } from '../../../src/model/versions';
import { serverHarness, type Server } from '../../fixtures/harness';
import { createMap, createMapWithLinks, jsonRequest, serverDoc, tokenOf, waitFor } from '../../fixtures/server';

const { start, client } = serverHarness();

const api = (s: Server, p: string, init?: RequestInit) => fetch(`${s.url}/api/maps/${p}`, init);
async function saveVersion(s: Server, id: string, name: string): Promise<string> {
  const res = await api(s, `${id}/versions`, jsonRequest('POST', { name }));
  expect(res.status, await res.clone().text()).toBe(201);
  return VersionSummarySchema.parse(await res.json()).id;
}
async function compare(s: Server, id: string, from: string, to: string, query = '') {
  const res = await api(s, `${id}/versions/${from}/compare/${to}${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return CompareResultSchema.parse(await res.json());
}

describe('version compare', () => {
  it('compares a version with the map now and with a later version: added, removed, changed, moved', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'backpack' });
    const a = await client(s, id);
    const v1 = await saveVersion(s, id, 'before review');
    const cards = listEntities(a.doc, 'cards');
    const stages = listEntities(a.doc, 'stages');
    const [edited, removed, moved] = [
      cards[0]!,
      cards[1]!,
      cards.find((c) => c.stageId !== stages.at(-1)!.id && c.id !== cards[0]!.id && c.id !== cards[1]!.id)!,
    ];
    updateCardText(a.doc, edited.id, 'edited after the version');
    deleteCard(a.doc, removed.id);
    moveCard(a.doc, moved.id, { laneId: moved.laneId, stageId: stages.at(-1)!.id });
    const added = addCard(a.doc, { laneId: moved.laneId, stageId: stages[0]!.id, text: 'a new card' });
    const live = await serverDoc(s, id);
    await waitFor(() => listEntities(live, 'cards').some((c) => c.id === added), 'the edits on the server');

    const now = await compare(s, id, v1, 'now');
    expect(now.from).toMatchObject({ id: v1, kind: 'named', name: 'before review' });
    expect(now.to).toMatchObject({ id: 'now', kind: 'now' });
    const byId = new Map(now.diff.cards.map((c) => [c.id, c]));
    expect(byId.get(added)?.change).toBe('added');
    expect(byId.get(removed.id)).toMatchObject({ change: 'removed', before: { text: removed.text } });
    expect(byId.get(edited.id)?.fields).toEqual([{ field: 'text', before: edited.text, after: 'edited after the version' }]);
    expect(byId.get(moved.id)).toMatchObject({ change: 'changed', moved: true });
    expect(now.diff.counts.cards).toMatchObject({ added: 1, removed: 1, moved: 1 });
    // The view holds the map now and the removed card, in its old cell.
    expect(now.view.cards[removed.id]).toMatchObject({ laneId: removed.laneId, stageId: removed.stageId });
    expect(Object.keys(now.view.cards)).toHaveLength(cards.length + 1);

    // Two stored versions give the same answer.
    const v2 = await saveVersion(s, id, 'after review');
    const stored = await compare(s, id, v1, v2);
    expect(stored.to).toMatchObject({ id: v2, name: 'after review' });
    expect(stored.diff).toEqual(now.diff);
    // Nothing changed since the last version.
    expect((await compare(s, id, v2, 'now')).diff.cards).toEqual([]);

    // The PDF page, in Chinese: its title, the counts, the cards' texts.
    const pdf = await api(s, `${id}/versions/${v1}/compare/now/export.pdf?lang=zh-CN&author=Ana`);
    expect(pdf.status, pdf.status === 200 ? '' : await pdf.text()).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const doc = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), isEvalSupported: false }).promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      text += (await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    }
    await doc.destroy();
    const compact = text.replace(/\s+/g, '');
    expect(compact).toContain('自上次评审以来的变化');
    expect(compact).toContain('新增1·删除1');
    expect(compact).toContain('anewcard');
    expect(compact).toContain('editedaftertheversion');
  }, 60_000);

  it('answers 404 for an unknown version, and any share link of the map may compare', async () => {
    const s = await start({ JOURNEYBOARD_PASSWORD: 'a-workspace-password' });
    const login = await fetch(`${s.url}/api/session`, jsonRequest('POST', { password: 'a-workspace-password' }));
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { id, links } = await createMapWithLinks(s.url, { template: 'blank' }, { cookie });
    const saved = await api(s, `${id}/versions`, jsonRequest('POST', { name: 'v' }, { cookie }));
    const v = VersionSummarySchema.parse(await saved.json()).id;
    const viewer = `?token=${encodeURIComponent(tokenOf(links.view))}`;
    expect((await compare(s, id, v, 'now', viewer)).diff.cards).toEqual([]);
    expect((await api(s, `${id}/versions/${v}/compare/now`)).status).toBe(401);
    expect((await api(s, `${id}/versions/nope/compare/now${viewer}`)).status).toBe(404);
    expect((await api(s, `${id}/versions/${v}/compare/${'x'.repeat(21)}${viewer}`)).status).toBe(404);
    // Another map's link reaches nothing here (as with the rest of the version history).
    const other = await createMapWithLinks(s.url, { template: 'blank' }, { cookie });
    const foreign = await api(s, `${id}/versions/${v}/compare/now?token=${encodeURIComponent(tokenOf(other.links.view))}`);
    expect([401, 403]).toContain(foreign.status);
  });
});
