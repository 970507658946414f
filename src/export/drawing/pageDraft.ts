/**
 * A page before its number is known: the page's own items, and what its
 * header will say. The PDF's pages are numbered "n / N" only once the summary,
 * the map and the comment pages are all laid out.
 */
import type { DrawContext } from './context';
import { paperHeaderItems, type PaperFrame } from './paperFrame';
import type { Bookmark, DrawingItem, DrawingPage } from './types';

export interface PageDraft {
  /** the paper frame whose header the page gets; null for a page that carries its own (the one-page map) */
  frame: PaperFrame | null;
  width: number;
  height: number;
  items: DrawingItem[];
  bookmarks: Bookmark[];
  /** the header's line under the title */
  details: string;
}

export function finishPages(
  ctx: Pick<DrawContext, 'measure' | 't'>,
  drafts: readonly PageDraft[],
  title: string,
  date: string,
): DrawingPage[] {
  return drafts.map((draft, i) => ({
    width: draft.width,
    height: draft.height,
    items: draft.frame
      ? [
          ...draft.items,
          ...paperHeaderItems(ctx, draft.frame, { title, details: draft.details, number: i + 1, total: drafts.length, date }),
        ]
      : draft.items,
    bookmarks: draft.bookmarks,
  }));
}
