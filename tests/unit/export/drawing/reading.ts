/** Reading a drawing as its reader would: the texts on a page, a card's text in them, the page a stage starts on. */
import { intersects, type Rect } from '../../../../src/export/plan';
import { itemBounds } from '../../../../src/export/drawing/placement';
import type { Drawing, DrawingItem, DrawingPage, TextItem, TextMeasure } from '../../../../src/export/drawing/types';

export const textsOf = (page: DrawingPage): TextItem[] => page.items.filter((i): i is TextItem => i.kind === 'text');

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Whether `text` is shown on the page as consecutive lines: their joined
 * text is the whole of it, or a start of it cut with "…".
 */
export function showsText(page: DrawingPage, text: string): boolean {
  const want = squash(text);
  const lines = textsOf(page).map((i) => squash(i.text));
  for (let start = 0; start < lines.length; start++) {
    let joined = '';
    for (let i = start; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.endsWith('…')) {
        const cut = joined + line.slice(0, -1);
        if (cut.length > 0 && want.startsWith(cut)) return true;
        break;
      }
      joined += line;
      if (!want.startsWith(joined)) break;
      if (joined === want) return true;
    }
  }
  return false;
}

/** The page a stage's bookmark points to. */
export const pageOfStage = (drawing: Drawing, stageName: string): number[] =>
  drawing.pages.flatMap((page, i) => (page.bookmarks.some((b) => b.title === stageName) ? [i] : []));

export const boundsOf = (item: DrawingItem, measure: TextMeasure): Rect => itemBounds(item, measure);

export const overlaps = (a: Rect, b: Rect): boolean => intersects(a, b);
