/**
 * The title band of an exported sheet or page (SheetHeader): the map's title
 * over a line of details, an optional note at the right (page n / N · date),
 * the product's name at the far right, and a rule underneath. The title is
 * cut with "…" rather than run into the note.
 */
import type { Rect } from '../plan';
import type { DrawContext } from './context';
import { ACCENT, LINE, MUTED, INK } from './palette';
import { baselineIn, lineHeightOf, oneLine, textItem, type TextSpec } from './textBlock';
import type { DrawingItem } from './types';

export interface HeaderText {
  title: string;
  details: string;
  right?: string;
  /** 26 on a sheet, 22 on a page of paper */
  titleSize: number;
}

const GAP = 16;
const DETAILS: TextSpec = { size: 14, color: MUTED };
const BRAND: TextSpec = { size: 13, weight: 700, color: ACCENT };

export function sheetHeaderItems(ctx: Pick<DrawContext, 'measure' | 't'>, rect: Rect, text: HeaderText): DrawingItem[] {
  const { measure } = ctx;
  const right = rect.x + rect.width;
  const brand = ctx.t('app.name');
  const brandX = right - measure.width(brand, { size: BRAND.size, weight: 700 });
  const items: DrawingItem[] = [textItem(brand, brandX, baselineIn(measure, BRAND.size, rect.y + 6, lineHeightOf(BRAND)), BRAND)];
  let mainRight = brandX - GAP;
  if (text.right) {
    const rightEnd = brandX - GAP;
    items.push(textItem(text.right, rightEnd, baselineIn(measure, DETAILS.size, rect.y + 4, lineHeightOf(DETAILS)), DETAILS, 'end'));
    mainRight = rightEnd - measure.width(text.right, { size: DETAILS.size, weight: 400 }) - GAP;
  }
  const width = Math.max(0, mainRight - rect.x);
  const title: TextSpec = { size: text.titleSize, weight: 700, color: INK, lineHeight: text.titleSize * 1.2 };
  items.push(
    textItem(oneLine(measure, text.title, title, width), rect.x, baselineIn(measure, title.size, rect.y, title.lineHeight!), title),
  );
  const detailsTop = rect.y + title.lineHeight! + 4;
  items.push(
    textItem(
      oneLine(measure, text.details, DETAILS, width),
      rect.x,
      baselineIn(measure, DETAILS.size, detailsTop, lineHeightOf(DETAILS)),
      DETAILS,
    ),
  );
  items.push({ kind: 'rect', x: rect.x, y: rect.y + rect.height - 2, width: rect.width, height: 2, fill: LINE });
  return items;
}

/** Room the header's text takes above its rule. */
export const headerTextHeight = (titleSize: number): number => titleSize * 1.2 + 4 + lineHeightOf(DETAILS);
