/**
 * A version compare as a PDF page, "What changed since the last review"
 * (src/export/drawing/comparePages.ts), drawn on the server with the same
 * fonts as the map exports (Chinese included: the faces the text needs are
 * embedded, subset), in the compare worker.
 */
import { comparePages, comparePdfTexts, type ComparePdfInput } from '../../src/export/drawing/comparePages';
import { drawingToPdf } from '../../src/export/pdf/drawingToPdf';
import { translatorFor } from '../../src/i18n/language';
import type { CompareResult } from '../../src/model/compare/wire';
import type { Locale } from '../../src/model/schema';
import { nodeFontBook } from '../export/fontFiles';
import { emojiSvg } from '../export/renderOnServer';
import { emojiInTexts, pictureEmoji } from '../../src/export/drawing/emojiPictures';

export interface ComparePdfOptions {
  /** the language of the page's own words; the map's when absent */
  lang?: Locale;
  author: string;
  now: number;
}

export async function comparePdf(result: CompareResult, options: ComparePdfOptions): Promise<Uint8Array> {
  const lang = options.lang ?? result.view.meta.locale;
  const t = translatorFor(lang);
  const input: ComparePdfInput = {
    result,
    t,
    locale: lang,
    sideLabel: (side) => (side.kind === 'now' ? t('compare.now') : side.name || t('history.auto')),
    author: options.author,
    now: new Date(options.now),
  };
  const fonts = await nodeFontBook();
  const texts = comparePdfTexts(input);
  await fonts.load(texts);
  // Emoji in card texts, which no face draws: Twemoji's pictures, as the map exports have them.
  const svgOf = new Map(await Promise.all(emojiInTexts(texts, fonts).map(async (e) => [e, await emojiSvg(e)] as const)));
  const drawing = pictureEmoji(comparePages(input, fonts), fonts, (e) => svgOf.get(e) ?? null);
  return drawingToPdf(drawing, fonts);
}
