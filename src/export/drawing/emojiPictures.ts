/**
 * Emoji in text (a card that says "Checkout 😡"): no shipped face has them,
 * and a PDF viewer or a canvas would draw a missing-glyph box or nothing.
 * Each is drawn as Twemoji's picture, one em wide, where the font book left
 * its room on the line; one without a picture keeps its empty room.
 */
import { graphemes, type FontBook } from './fontBook';
import type { Drawing, DrawingItem, TextItem } from './types';

/** The emoji (graphemes no face draws) in `texts`, to fetch their pictures before drawing. */
export function emojiInTexts(texts: Iterable<string>, fonts: FontBook): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const run of fonts.runs(text, 400)) if (!run.face) for (const g of graphemes(run.text)) found.add(g);
  return [...found];
}

function picturesOf(item: TextItem, fonts: FontBook, svgOf: (emoji: string) => string | null): DrawingItem[] {
  const size = item.style.size;
  const pictures: DrawingItem[] = [];
  for (const run of fonts.placedRuns(item)) {
    if (run.face) continue;
    graphemes(run.text).forEach((emoji, i) => {
      const svg = svgOf(emoji);
      // The em box sits on the line like a capital: from a little above the cap height to just under the baseline.
      if (svg) pictures.push({ kind: 'image', x: run.x + i * size, y: item.y - size * 0.85, width: size, height: size, svg });
    });
  }
  return pictures;
}

/** `drawing` with a picture over every emoji of its text. */
export function pictureEmoji(drawing: Drawing, fonts: FontBook, svgOf: (emoji: string) => string | null): Drawing {
  return {
    ...drawing,
    pages: drawing.pages.map((page) => ({
      ...page,
      items: page.items.flatMap((item) => (item.kind === 'text' ? [item, ...picturesOf(item, fonts, svgOf)] : [item])),
    })),
  };
}
