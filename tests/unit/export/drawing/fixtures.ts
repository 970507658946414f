/** Maps and inputs for the drawing tests: templates in a language, the 600-card map, a measure, and an SVG writer to look at a page. */
import { createLiveMap, type MapSnapshot } from '../../../../src/model/live';
import type { Locale, TemplateId } from '../../../../src/model';
import { translatorFor } from '../../../../src/i18n/language';
import { drawingTexts } from '../../../../src/export/drawing/drawingTexts';
import type { MapDrawingInput, PdfLayout, PngLayout } from '../../../../src/export/drawing/mapDrawing';
import { nodeFontBook } from '../../../../server/export/fontFiles';
import type { CommentItem } from '../../../../src/export/comments';
import type { DrawingPage, TextMeasure } from '../../../../src/export/drawing/types';
import { fillToCards } from '../../../fixtures/large-map';
import { mapDoc } from '../../../fixtures/model';
import { fixedMeasure } from './fixedMeasure';

export function snapshotOf(template: TemplateId, locale: Locale, cards?: number): MapSnapshot {
  const doc = mapDoc(template, locale);
  if (cards) fillToCards(doc, cards);
  const live = createLiveMap(doc);
  const snapshot = live.getSnapshot();
  live.destroy();
  return snapshot;
}

/** A tiny SVG standing in for a Twemoji picture. */
export const EMOJI_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="18" fill="#fc3"/></svg>';

export function inputFor(
  snapshot: MapSnapshot,
  locale: Locale,
  extra: { measure?: TextMeasure; threads?: CommentItem[]; commentCounts?: Map<string, number> } = {},
): MapDrawingInput {
  return {
    snapshot,
    threads: extra.threads ?? [],
    commentCounts: extra.commentCounts ?? new Map(),
    t: translatorFor(locale),
    locale,
    author: 'Anna',
    now: new Date(Date.UTC(2026, 0, 15, 9, 30)),
    measure: extra.measure ?? fixedMeasure(),
    emoji: () => EMOJI_SVG,
  };
}

/** The input measured with the shipped fonts, loaded with every text the drawing will draw (as a caller does). */
export async function withFonts(input: MapDrawingInput, options: PdfLayout | PngLayout): Promise<MapDrawingInput> {
  const book = await nodeFontBook();
  await book.load(drawingTexts(input, options));
  return { ...input, measure: book };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page as SVG, to look at while working on the layout. */
export function pageSvg(page: DrawingPage): string {
  const body = page.items
    .map((item) => {
      switch (item.kind) {
        case 'text':
          return `<text x="${item.x}" y="${item.y}" font-size="${item.style.size}" font-weight="${item.style.weight}" fill="${item.style.color}" text-anchor="${item.align ?? 'start'}" font-family="Inter, 'Noto Sans SC', sans-serif">${escape(item.text)}</text>`;
        case 'rect':
          return `<rect x="${item.x}" y="${item.y}" width="${item.width}" height="${item.height}" rx="${item.radius ?? 0}" fill="${item.fill ?? 'none'}" stroke="${item.stroke ?? 'none'}" stroke-width="${item.lineWidth ?? 1}"${item.dash ? ` stroke-dasharray="${item.dash.join(' ')}"` : ''}/>`;
        case 'path':
          return `<path d="${item.d}" fill="${item.fill ?? 'none'}" stroke="${item.stroke ?? 'none'}" stroke-width="${item.lineWidth ?? 1}"${item.dash ? ` stroke-dasharray="${item.dash.join(' ')}"` : ''}/>`;
        case 'image':
          return `<image x="${item.x}" y="${item.y}" width="${item.width}" height="${item.height}" href="data:image/svg+xml;base64,${Buffer.from(item.svg).toString('base64')}"/>`;
      }
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${page.width}" height="${page.height}" viewBox="0 0 ${page.width} ${page.height}">\n${body}\n</svg>`;
}
