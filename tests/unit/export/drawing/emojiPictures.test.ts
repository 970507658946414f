import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { listEntities, updateCardText } from '../../../../src/model';
import { createLiveMap } from '../../../../src/model/live';
import { renderMapFile } from '../../../../src/export/renderMapFile';
import { graphemes } from '../../../../src/export/drawing/fontBook';
import { emojiInTexts, pictureEmoji } from '../../../../src/export/drawing/emojiPictures';
import type { Drawing } from '../../../../src/export/drawing/types';
import { translatorFor } from '../../../../src/i18n/language';
import { nodeFontBook } from '../../../../server/export/fontFiles';
import { mapDoc } from '../../../fixtures/model';
import { layoutGrid } from '../../../../src/canvas/layout';
import { fullSpan } from '../../../../src/export/plan';

const svg = (name: string) => fs.readFileSync(`node_modules/@twemoji/svg/${name}.svg`, 'utf8');
const PICTURES = new Map([
  ['😡', svg('1f621')],
  ['👩‍💼', svg('1f469-200d-1f4bc')],
]);

describe('emoji in text', () => {
  it('are drawn as Twemoji pictures in the room the line keeps for them, one em each', async () => {
    const fonts = await nodeFontBook();
    const text = '结账太慢 😡 排队 👩‍💼 OK';
    await fonts.load([text]);
    expect(emojiInTexts([text], fonts).sort()).toEqual(['👩‍💼', '😡'].sort());
    const style = { size: 20, weight: 400 as const, color: '#000000' };
    const drawing: Drawing = {
      meta: { title: '', author: '', subject: '', language: 'zh-CN', created: new Date() },
      pages: [{ width: 400, height: 100, bookmarks: [], items: [{ kind: 'text', x: 10, y: 50, text, style }] }],
    };
    const items = pictureEmoji(drawing, fonts, (e) => PICTURES.get(e) ?? null).pages[0]!.items;
    const pictures = items.filter((i) => i.kind === 'image');
    expect(pictures).toHaveLength(2);
    // Each where its grapheme starts on the line, a 20 × 20 box standing on the baseline.
    const before = (g: string) => 10 + fonts.width(text.slice(0, text.indexOf(g)), style);
    expect(pictures.map((p) => [Math.round(p.x), p.width, p.height])).toEqual([
      [Math.round(before('😡')), 20, 20],
      [Math.round(before('👩‍💼')), 20, 20],
    ]);
    // The joined "woman office worker" is one character wide, not three.
    expect(fonts.width('👩‍💼', style)).toBe(20);
    expect(graphemes('👩‍💼🇨🇳')).toHaveLength(2);
  });

  it('reach the PDF as shapes, not as missing glyphs', async () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const actions = listEntities(doc, 'lanes').find((l) => l.kind === 'actions')!;
    const card = listEntities(doc, 'cards').find((c) => c.laneId === actions.id)!;
    updateCardText(doc, card.id, '结账太慢 😡');
    const map = createLiveMap(doc).getSnapshot();
    const asked: string[] = [];
    const fonts = await nodeFontBook();
    const file = await renderMapFile(
      { map, comments: null, t: translatorFor('zh-CN'), locale: 'zh-CN', author: '', now: new Date() },
      { kind: 'pdf', paper: 'fit', span: fullSpan(layoutGrid(map.stages, map.lanes, map.cards), true)!, summary: false, comments: false },
      {
        fonts,
        emojiSvg: async (e) => (asked.push(e), PICTURES.get(e) ?? null),
        png: async () => new Uint8Array(),
      },
    );
    expect(asked).toContain('😡');
    const pdf = await getDocument({ data: file.bytes, isEvalSupported: false }).promise;
    const text = (await (await pdf.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    await pdf.destroy();
    expect(text).toContain('结账太慢');
    expect(text).not.toContain('😡');
  });
});
