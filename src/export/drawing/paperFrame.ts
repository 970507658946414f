/**
 * A PDF page of paper (A4 or A3, landscape unless a tall map prints larger
 * upright: paperMapPages.ts chooses): its size in points, and its frame
 * drawn in CSS pixels at true size (0.75 pt a pixel, so 13 px text prints as
 * it reads on screen): margins, the header band with the title and "page n / N ·
 * date", and the room left for content under it.
 */
import type { Rect } from '../plan';
import type { DrawContext } from './context';
import { placeItems } from './placement';
import { headerTextHeight, sheetHeaderItems } from './sheetHeader';
import type { DrawingItem } from './types';

export type PaperSize = 'a4' | 'a3';
export type Orientation = 'landscape' | 'portrait';

/** Landscape, in PDF points. */
const PAPER_POINTS: Record<PaperSize, { width: number; height: number }> = {
  a4: { width: 841.89, height: 595.28 },
  a3: { width: 1190.55, height: 841.89 },
};

/** PDF points per CSS pixel: 72 / 96. */
export const PT_PER_PX = 0.75;

const MARGIN_PX = (10 / 25.4) * 96;
const TITLE_SIZE = 22;
/** the header's text, its rule, and a gap before the content */
const HEADER_PX = headerTextHeight(TITLE_SIZE) + 8 + 2;
const HEADER_GAP_PX = 12;

export interface PaperFrame {
  paper: PaperSize;
  orientation: Orientation;
  /** points */
  width: number;
  height: number;
  /** CSS pixels of the page at true size */
  widthPx: number;
  heightPx: number;
  margin: number;
  header: Rect;
  /** where content may go, CSS pixels */
  content: Rect;
}

export function paperFrame(paper: PaperSize, orientation: Orientation = 'landscape'): PaperFrame {
  const long = PAPER_POINTS[paper];
  const { width, height } = orientation === 'landscape' ? long : { width: long.height, height: long.width };
  const widthPx = width / PT_PER_PX;
  const heightPx = height / PT_PER_PX;
  const m = MARGIN_PX;
  const header = { x: m, y: m, width: widthPx - 2 * m, height: HEADER_PX };
  const top = m + HEADER_PX + HEADER_GAP_PX;
  return {
    paper,
    orientation,
    width,
    height,
    widthPx,
    heightPx,
    margin: m,
    header,
    content: { x: m, y: top, width: widthPx - 2 * m, height: heightPx - m - top },
  };
}

export interface PageTitle {
  title: string;
  details: string;
  number: number;
  total: number;
  date: string;
}

/** The page's header, in points. */
export function paperHeaderItems(ctx: Pick<DrawContext, 'measure' | 't'>, frame: PaperFrame, title: PageTitle): DrawingItem[] {
  const right = `${ctx.t('export.pageOf', { n: title.number, total: title.total })} · ${title.date}`;
  const items = sheetHeaderItems(ctx, frame.header, { title: title.title, details: title.details, right, titleSize: TITLE_SIZE });
  return placeItems(items, { scale: PT_PER_PX, dx: 0, dy: 0 });
}
