/**
 * GET /api/maps/:id/export.pdf and export.png against a real server (in a
 * password workspace, so access is checked): every template as a PDF whose
 * pages hold the text of every card, a PNG of the map, the same access as
 * export.json (any share link of the map, nothing else), and a clear 400
 * for options it does not know.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEMPLATE_IDS } from '../../../src/model/choices';
import { listEntities, updateCardText } from '../../../src/model';
import { SERVER_ORIGIN } from '../../../src/model/doc';
import { mapFileFromDocs } from '../../../src/model/exchange/mapFile';
import { readRounds, startRound } from '../../../src/model/rounds/commands';
import { castPrivateVote } from '../../../src/model/rounds/private';
import { revealRound } from '../../../src/model/rounds/reveal';
import { mapDoc } from '../../fixtures/model';
import { smallMapFile } from '../../fixtures/mapFile';
import { serverHarness } from '../../fixtures/harness';
import { createMapWithLinks, jsonRequest, tokenOf } from '../../fixtures/server';

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

/** Share of non-transparent pixels in each quarter of a PNG (top to bottom). */
async function inkByQuarter(png: Buffer): Promise<number[]> {
  const image = await loadImage(png);
  const canvas = createCanvas(Math.round(image.width / 4), Math.round(image.height / 4));
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const rows = canvas.height;
  return [0, 1, 2, 3].map((q) => {
    let ink = 0;
    let all = 0;
    for (let y = Math.floor((q * rows) / 4); y < Math.floor(((q + 1) * rows) / 4); y++)
      for (let x = 0; x < canvas.width; x++, all++) if (data[(y * canvas.width + x) * 4 + 3]! > 0) ink++;
    return ink / all;
  });
}

// Every template drawn in both languages: many seconds when the suite runs alongside.
describe('GET /api/maps/:id/export.pdf and .png', { timeout: 90_000 }, () => {
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

  it('prints every template on A4 by groups of stages: each card on the page its stage starts on, every page A4 with content, a bookmark per stage', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    for (const template of TEMPLATE_IDS) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const { id } = await createMapWithLinks(s.url, { template, locale }, { cookie });
        const res = await fetch(`${s.url}/api/maps/${id}/export.pdf?paper=a4`, { headers: { cookie } });
        expect(res.status).toBe(200);
        const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()), isEvalSupported: false }).promise;
        try {
          const pages: string[] = [];
          for (let n = 1; n <= pdf.numPages; n++) {
            const page = await pdf.getPage(n);
            const [, , w, h] = page.view as number[];
            expect([Math.round(Math.max(w!, h!)), Math.round(Math.min(w!, h!))], `${template} ${locale} page ${n}`).toEqual([842, 595]);
            pages.push(compact((await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('')));
          }
          for (const text of pages) expect(text.length).toBeGreaterThan(20);
          const doc = mapDoc(template, locale);
          const stages = listEntities(doc, 'stages');
          const outline = await pdf.getOutline();
          expect(outline.map((o) => o.title)).toEqual(stages.map((st) => st.name));
          const pageOfStage = new Map<string, number>();
          for (const [i, entry] of outline.entries())
            pageOfStage.set(stages[i]!.id, await pdf.getPageIndex((entry.dest as [{ num: number; gen: number }])[0]));
          // Stages go by groups: as many pages as groups, in order.
          expect(new Set(pageOfStage.values()).size).toBe(pdf.numPages);
          for (const card of listEntities(doc, 'cards')) {
            const words = compact(card.metric || card.text).slice(0, 8);
            if (words) expect(pages[pageOfStage.get(card.stageId)!], `${template} ${locale}: ${words}`).toContain(words);
          }
        } finally {
          await pdf.destroy();
        }
      }
    }
  });

  it('badges the winners of the last secret vote in the PDF, as on the map', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    const doc = mapDoc('backpack', 'zh-CN');
    // A card drawn as a card (an emotion-lane card is a point on the curve, which carries no badge).
    const touchpoints = listEntities(doc, 'lanes').find((l) => l.kind === 'touchpoints')!;
    const winner = listEntities(doc, 'cards').find((c) => c.laneId === touchpoints.id);
    const roundId = startRound(doc, { kind: 'vote', laneIds: [], createdBy: '主持人', budget: 1, topN: 1 });
    const ballot = new Y.Doc();
    castPrivateVote(
      ballot,
      readRounds(doc).find((r) => r.id === roundId)!,
      winner!,
    );
    revealRound(doc, roundId, [ballot], SERVER_ORIGIN);
    const imported = await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', mapFileFromDocs(doc), { cookie }));
    expect(imported.status).toBe(201);
    const { id } = (await imported.json()) as { id: string };
    const res = await fetch(`${s.url}/api/maps/${id}/export.pdf`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const text = compact((await pdfText(new Uint8Array(await res.arrayBuffer()))).text);
    expect(text.match(/第1名/g)).toHaveLength(1);
  });

  it('draws a linked stage’s map title in the PDF, “Linked map not found” for a gone one, and no other map’s title through a share link', async () => {
    const s = await start();
    const cookie = await cookieFor(s.url);
    const child = (await createMapWithLinks(s.url, { title: 'Returns journey' }, { cookie })).id;
    const file = smallMapFile();
    const body = {
      ...file,
      stages: { s1: { ...file.stages.s1, linkedMapId: child }, s2: { ...file.stages.s2, linkedMapId: 'mapOnAnotherServer' } },
    };
    const imported = await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', body, { cookie }));
    expect(imported.status).toBe(201);
    const { id, links } = (await imported.json()) as { id: string; links: { view: string } };
    const res = await fetch(`${s.url}/api/maps/${id}/export.pdf?lang=en`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const text = compact((await pdfText(new Uint8Array(await res.arrayBuffer()))).text);
    expect(text).toContain('Returnsjourney');
    expect(text).toContain('Linkedmapnotfound');
    const viaLink = await fetch(`${s.url}/api/maps/${id}/export.pdf?lang=en&token=${encodeURIComponent(tokenOf(links.view))}`);
    expect(viaLink.status).toBe(200);
    const linkText = compact((await pdfText(new Uint8Array(await viaLink.arrayBuffer()))).text);
    expect(linkText).not.toContain('Returnsjourney');
    expect(linkText).toContain('Linkedmap');
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
    // Drawn all over, on a transparent ground.
    const quarters = await inkByQuarter(bytes);
    for (const ink of quarters) expect(ink).toBeGreaterThan(0.02);

    // Chinese is drawn as glyphs, not as boxes: the same card with its characters shuffled is another picture.
    const withText = async (text: string) => {
      const doc = mapDoc('backpack', 'zh-CN');
      const card = listEntities(doc, 'cards').find((c) => c.text === '小红书测评笔记')!;
      updateCardText(doc, card.id, text);
      const res = await fetch(`${s.url}/api/maps/import`, jsonRequest('POST', mapFileFromDocs(doc), { cookie }));
      const { id: imported } = (await res.json()) as { id: string };
      return Buffer.from(await (await fetch(`${s.url}/api/maps/${imported}/export.png`, { headers: { cookie } })).arrayBuffer());
    };
    expect(Buffer.compare(await withText('小红书测评笔记'), await withText('记笔评测书红小'))).not.toBe(0);

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
