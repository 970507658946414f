/**
 * GET /api/maps/:id/export.pdf and export.png against a real server (in a
 * password workspace, so access is checked): every template as a PDF whose
 * pages hold the text of every card, a PNG of the map, the same access as
 * export.json (any share link of the map, nothing else), and a clear 400
 * for options it does not know.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS } from '../../../src/model/choices';
import { listEntities } from '../../../src/model';
import { mapDoc } from '../../fixtures/model';
import { serverHarness } from '../../fixtures/harness';
import { createMapWithLinks, tokenOf } from '../../fixtures/server';

const PASSWORD = 'export-test-password-long';
const { start } = serverHarness({ JOURNEYBOARD_PASSWORD: PASSWORD });

async function cookieFor(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: PASSWORD }),
  });
  expect(res.status).toBe(204);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string; title: string }> {
  const pdf = await getDocument({ data: bytes, isEvalSupported: false }).promise;
  try {
    let text = '';
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
    }
    const { info } = (await pdf.getMetadata()) as unknown as { info: { Title?: string } };
    return { pages: pdf.numPages, text, title: info.Title ?? '' };
  } finally {
    await pdf.destroy();
  }
}

const compact = (s: string) => s.replace(/\s+/g, '');

describe('GET /api/maps/:id/export.pdf and .png', () => {
  it('draws every template as a PDF with the text of every card, in both languages', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    for (const template of TEMPLATE_IDS) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const { id, links } = await createMapWithLinks(s.url, { template, locale }, { cookie });
        const res = await fetch(`${s.url}/api/maps/${id}/export.pdf?token=${tokenOf(links.view)}`);
        expect(res.status, `${template} ${locale}`).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(res.headers.get('content-disposition')).toMatch(/\.pdf"; filename\*=UTF-8''.+\.pdf$/);
        const pdf = await pdfText(new Uint8Array(await res.arrayBuffer()));
        expect(pdf.pages).toBe(1);
        const text = compact(pdf.text);
        const doc = mapDoc(template, locale);
        expect(pdf.title).toBe((doc.getMap('meta').get('title') as string) ?? '');
        // What a card shows (a KPI its metric, as on the canvas), maybe cut to its lines: its first words are there.
        const shown = listEntities(doc, 'cards')
          .map((c) => compact(c.metric || c.text))
          .filter(Boolean);
        expect(
          shown.filter((words) => !text.includes(words.slice(0, 8))),
          `${template} ${locale}`,
        ).toEqual([]);
      }
    }
  });

  it('makes a PNG of the map, and answers 400 for options it does not know', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    const { id, links } = await createMapWithLinks(s.url, { template: 'backpack', locale: 'zh-CN' }, { cookie });
    const token = tokenOf(links.view);
    const png = await fetch(`${s.url}/api/maps/${id}/export.png?token=${token}&background=transparent`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(2000);

    const bad = await fetch(`${s.url}/api/maps/${id}/export.pdf?token=${token}&paper=letter&colour=red`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid export options');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['', 'paper']);
    const selection = await fetch(`${s.url}/api/maps/${id}/export.png?token=${token}&scope=selection`);
    expect(selection.status).toBe(400);
  });

  it('lets any share link of the map export it, and nobody else', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    const { id, links } = await createMapWithLinks(s.url, { template: 'backpack', locale: 'en' }, { cookie });
    const other = await createMapWithLinks(s.url, { template: 'backpack', locale: 'en' }, { cookie });
    for (const link of [links.view, links.comment, links.edit]) {
      expect((await fetch(`${s.url}/api/maps/${id}/export.pdf?paper=a4&token=${tokenOf(link)}`)).status).toBe(200);
    }
    expect((await fetch(`${s.url}/api/maps/${id}/export.pdf`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${s.url}/api/maps/${id}/export.pdf`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps/${other.id}/export.png?token=${tokenOf(links.view)}`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/maps/noSuchMap123/export.pdf`, { headers: { cookie } })).status).toBe(404);
  });
});
