import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { drawingToPdf } from '../../../../src/export/pdf/drawingToPdf';
import type { Drawing } from '../../../../src/export/drawing/types';
import { nodeFontBook } from '../../../../server/export/fontFiles';

const BOOT = fs.readFileSync('node_modules/@twemoji/svg/1f97e.svg', 'utf8');

function drawing(): Drawing {
  const style = { size: 12, weight: 400 as const, color: '#1d2433' };
  return {
    meta: {
      title: '回头客购买背包之旅',
      author: '林晓',
      subject: 'Customer journey map',
      language: 'zh-CN',
      created: new Date('2026-12-03T10:00:00Z'),
    },
    pages: [
      {
        width: 600,
        height: 400,
        bookmarks: [{ title: '种草', y: 40 }],
        items: [
          { kind: 'rect', x: 20, y: 20, width: 200, height: 80, radius: 8, fill: '#fff7d6', stroke: '#e0c060', lineWidth: 1 },
          { kind: 'text', x: 30, y: 50, text: '在小红书上看到测评笔记', style },
          { kind: 'text', x: 30, y: 70, text: 'Saw a review on Xiaohongshu', style: { ...style, weight: 700 } },
          { kind: 'path', d: 'M20 200 C100 150 200 250 300 200', stroke: '#4f5bd5', lineWidth: 2 },
          { kind: 'image', x: 400, y: 20, width: 48, height: 48, svg: BOOT },
        ],
      },
      { width: 600, height: 400, bookmarks: [{ title: 'Buy', y: 10 }], items: [{ kind: 'text', x: 30, y: 50, text: '下单', style }] },
    ],
  };
}

describe('the PDF back end', () => {
  it('writes text as text (Chinese and Latin), small, with its properties and an outline', async () => {
    const fonts = await nodeFontBook();
    const d = drawing();
    await fonts.load(d.pages.flatMap((p) => p.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []))));
    const bytes = await drawingToPdf(d, fonts);
    expect(bytes.length).toBeLessThan(60_000);
    const pdf = await getDocument({ data: bytes, isEvalSupported: false }).promise;
    expect(pdf.numPages).toBe(2);
    const page = await pdf.getPage(1);
    expect(page.view).toEqual([0, 0, 600, 400]);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    expect(text).toContain('在小红书上看到测评笔记');
    expect(text).toContain('Saw a review on Xiaohongshu');
    const ops = await page.getOperatorList();
    expect(ops.fnArray.length).toBeGreaterThan(20); // the card, the curve and the emoji's shapes are paths
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, string> };
    expect(info).toMatchObject({ Title: '回头客购买背包之旅', Author: '林晓', Subject: 'Customer journey map', Language: 'zh-CN' });
    const outline = await pdf.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['种草', 'Buy']);
    expect(await pdf.getPageIndex((outline[1]!.dest as [{ num: number; gen: number }])[0])).toBe(1);
    await pdf.destroy();
  });
});
