/**
 * A deterministic stand-in for the fonts' measure (src/export/drawing/fontBook.ts):
 * 0.55 em a Latin character (0.58 em bold), 1 em a CJK one; it wraps as
 * TextMeasure says (at spaces, between CJK characters, inside a word only
 * when longer than a line, "…" on the last line kept).
 */
import type { TextMeasure } from '../../../../src/export/drawing/types';

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

const charWidth = (ch: string, size: number, weight: number) => (CJK.test(ch) ? size : size * (weight === 700 ? 0.58 : 0.55));

export function fixedMeasure(): TextMeasure {
  const width = (text: string, style: { size: number; weight: number }) =>
    [...text].reduce((sum, ch) => sum + charWidth(ch, style.size, style.weight), 0);

  /** a paragraph's pieces: words, runs of spaces, single CJK characters */
  const tokens = (paragraph: string) =>
    paragraph.match(
      /\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+/gu,
    ) ?? [];

  function wrapParagraph(paragraph: string, style: { size: number; weight: number }, maxWidth: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const token of tokens(paragraph)) {
      if (width(line + token, style) <= maxWidth) {
        line += token;
        continue;
      }
      if (/^\s+$/.test(token)) {
        lines.push(line.trimEnd());
        line = '';
        continue;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = '';
      // A word longer than a line is broken where the line ends.
      let rest = token;
      while (width(rest, style) > maxWidth) {
        let cut = 1;
        while (cut < rest.length && width(rest.slice(0, cut + 1), style) <= maxWidth) cut++;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
    return lines;
  }

  return {
    load: async () => {},
    width,
    wrap(text, style, maxWidth, maxLines) {
      const lines = text.split('\n').flatMap((p) => wrapParagraph(p, style, maxWidth));
      if (maxLines === undefined || lines.length <= maxLines) return lines;
      const kept = lines.slice(0, maxLines);
      let last = kept[maxLines - 1]!;
      while (last.length > 0 && width(`${last}…`, style) > maxWidth) last = [...last].slice(0, -1).join('');
      kept[maxLines - 1] = `${last.trimEnd()}…`;
      return kept;
    },
    lineMetrics: (size) => ({ ascent: size * 0.97, lineHeight: size * 1.21 }),
  };
}
