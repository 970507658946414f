/**
 * The exports' fonts: the shipped faces (fontCatalogue.ts) loaded on demand,
 * measured with fontkit so the layout wraps text the way the back ends
 * paint it, and handed to the PDF back end as TrueType for embedding.
 * fontkit reads WOFF2 but its subsetter breaks on WOFF2's composite glyphs,
 * so every face is turned into TrueType once (wawoff2) and used as that.
 */
import * as fontkit from 'fontkit';
import { covers, type FaceSpec } from './fontCatalogue';
import type { FontWeight, TextItem, TextMeasure, TextStyle } from './types';

export interface LoadedFace {
  spec: FaceSpec;
  /** TrueType bytes, what the PDF embeds */
  ttf: Uint8Array;
  font: fontkit.Font;
}

/** A piece of a line that one face draws; `face` is null for characters no shipped face has (an emoji). */
export interface TextRun {
  text: string;
  face: LoadedFace | null;
  /** bold asked for, drawn by a regular face: the back end emboldens it */
  syntheticBold: boolean;
}

/** A run where a back end paints it: `x` its left end, in page units. */
export interface PlacedRun extends TextRun {
  x: number;
  width: number;
}

export interface FontBook extends TextMeasure {
  /** `text` split into runs of one face each, in the given weight (a regular face, emboldened, where no bold one has a character) */
  runs(text: string, weight: FontWeight): TextRun[];
  /** a text item's runs, each at its place on the line (its alignment applied) */
  placedRuns(item: TextItem): PlacedRun[];
  /** faces loaded so far */
  faces(): LoadedFace[];
}

/** Reads a face's WOFF2 file (its source in the catalogue) and returns TrueType bytes. */
export type FaceLoader = (spec: FaceSpec) => Promise<Uint8Array>;

const LINE_HEIGHT = 1.35;
const ELLIPSIS = '…';
/** Characters a line may not start with (Chinese and Latin closing punctuation). */
const NO_LINE_START = /^[，。、；：！？）」』》】〉”’,.;:!?)\]}…%]/u;
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

export function createFontBook(catalogue: readonly FaceSpec[], load: FaceLoader): FontBook {
  const loaded = new Map<string, LoadedFace>();
  const pending = new Map<string, Promise<void>>();
  /** the first face of `weight` covering `cp` (loaded or not) */
  const specFor = (cp: number, weight: FontWeight) =>
    catalogue.find((f) => f.weight === weight && covers(f, cp)) ?? catalogue.find((f) => f.weight === 400 && covers(f, cp));
  const key = (spec: FaceSpec) => spec.source;

  /** The face drawing `cp` in `weight`, cached: a 600-card map asks hundreds of thousands of times. */
  const chosen = new Map<number, LoadedFace | null>();
  const faceFor = (cp: number, weight: FontWeight): LoadedFace | null => {
    const cacheKey = cp * 2 + (weight === 700 ? 1 : 0);
    const known = chosen.get(cacheKey);
    if (known !== undefined) return known;
    const spec = specFor(cp, weight);
    let face: LoadedFace | null = null;
    if (spec) {
      const loadedFace = loaded.get(key(spec));
      if (!loadedFace) throw new Error(`export fonts: ${spec.source} was not loaded before use`);
      face = loadedFace.font.hasGlyphForCodePoint(cp) ? loadedFace : null;
    }
    chosen.set(cacheKey, face);
    return face;
  };

  const runs = (text: string, weight: FontWeight): TextRun[] => {
    const out: TextRun[] = [];
    for (const ch of text) {
      const face = faceFor(ch.codePointAt(0)!, weight);
      const last = out[out.length - 1];
      if (last && last.face === face) last.text += ch;
      else out.push({ text: ch, face, syntheticBold: weight === 700 && face !== null && face.spec.weight !== 700 });
    }
    return out;
  };

  /**
   * Advance of one character in em, from its glyph, cached: no shaping, which
   * is what the back ends do too (pdf-lib places glyphs by their advances; the
   * canvas turns kerning off).
   */
  const advances = new Map<LoadedFace, Map<number, number>>();
  const advance = (face: LoadedFace, cp: number): number => {
    let table = advances.get(face);
    if (!table) advances.set(face, (table = new Map()));
    let em = table.get(cp);
    if (em === undefined) {
      em = face.font.glyphForCodePoint(cp).advanceWidth / face.font.unitsPerEm;
      table.set(cp, em);
    }
    return em;
  };

  const width = (text: string, { size, weight }: Pick<TextStyle, 'size' | 'weight'>): number => {
    let units = 0;
    for (const run of runs(text, weight)) {
      if (!run.face) {
        units += graphemes(run.text).length; // each drawn as a picture one em wide (emojiPictures.ts)
        continue;
      }
      for (const ch of run.text) units += advance(run.face, ch.codePointAt(0)!);
    }
    return units * size;
  };

  const book: FontBook = {
    async load(texts) {
      const specs = new Set<FaceSpec>();
      for (const text of texts)
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          for (const weight of [400, 700] as const) {
            const spec = specFor(cp, weight);
            if (spec) specs.add(spec);
          }
        }
      specs.add(specFor(ELLIPSIS.codePointAt(0)!, 400)!);
      await Promise.all(
        [...specs].map((spec) => {
          const k = key(spec);
          let p = pending.get(k);
          if (!p) {
            p = load(spec).then((ttf) => {
              loaded.set(k, { spec, ttf, font: fontkit.create(ttf as Buffer) as fontkit.Font });
            });
            pending.set(k, p);
          }
          return p;
        }),
      );
    },
    width,
    wrap(text, style, maxWidth, maxLines = Infinity) {
      const lines: string[] = [];
      for (const paragraph of text.split(/\r?\n/)) {
        lines.push(...wrapParagraph(paragraph, (s) => width(s, style), maxWidth));
        if (lines.length > maxLines) break;
      }
      if (lines.length <= maxLines) return lines;
      const kept = lines.slice(0, maxLines);
      kept[maxLines - 1] = withEllipsis(kept[maxLines - 1]!, (s) => width(s, style), maxWidth);
      return kept;
    },
    lineMetrics(size) {
      // Inter's ascender and descender (0.969 and 0.242 em), centred in the line box as CSS does.
      const ascent = 0.969 * size;
      const content = (0.969 + 0.242) * size;
      const lineHeight = LINE_HEIGHT * size;
      return { ascent: (lineHeight - content) / 2 + ascent, lineHeight };
    },
    runs,
    placedRuns(item) {
      const total = width(item.text, item.style);
      let x = item.align === 'middle' ? item.x - total / 2 : item.align === 'end' ? item.x - total : item.x;
      return runs(item.text, item.style.weight).map((run) => {
        const w = width(run.text, item.style);
        const placed = { ...run, x, width: w };
        x += w;
        return placed;
      });
    },
    faces: () => [...loaded.values()],
  };
  return book;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** What a reader sees as one character each (an emoji with its modifiers or joined people is one). */
export const graphemes = (text: string): string[] => [...segmenter.segment(text)].map((s) => s.segment);

/** Break opportunities: after a space, and before and after an ideographic character. */
function tokens(paragraph: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of paragraph) {
    if (IDEOGRAPHIC.test(ch)) {
      if (word) out.push(word);
      word = '';
      out.push(ch);
    } else if (ch === ' ') {
      out.push(word + ' ');
      word = '';
    } else word += ch;
  }
  if (word) out.push(word);
  // Closing punctuation stays with what it closes.
  return out.reduce<string[]>((acc, t) => {
    if (acc.length && NO_LINE_START.test(t)) acc[acc.length - 1] += t;
    else acc.push(t);
    return acc;
  }, []);
}

/**
 * Greedy line breaking. Widths add up (no kerning: see advance), so a line's
 * width is kept as a running sum instead of measuring it again per token.
 */
function wrapParagraph(paragraph: string, measure: (s: string) => number, maxWidth: number): string[] {
  if (paragraph.trim() === '') return [''];
  const lines: string[] = [];
  let line = '';
  /** the line's width with its trailing space, which only counts once a word follows it */
  let lineWidth = 0;
  const push = () => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
    lineWidth = 0;
  };
  for (const token of tokens(paragraph)) {
    const word = token.trimEnd();
    const wordWidth = measure(word);
    const spaceWidth = token.length > word.length ? measure(token.slice(word.length)) : 0;
    if (lineWidth + wordWidth <= maxWidth) {
      line += token;
      lineWidth += wordWidth + spaceWidth;
      continue;
    }
    if (line) push();
    if (wordWidth <= maxWidth) {
      line = token;
      lineWidth = wordWidth + spaceWidth;
      continue;
    }
    // A word longer than a line is broken between characters.
    let piece = '';
    let pieceWidth = 0;
    for (const ch of word) {
      const w = measure(ch);
      if (piece && pieceWidth + w > maxWidth) {
        lines.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += ch;
      pieceWidth += w;
    }
    line = piece + token.slice(word.length);
    lineWidth = pieceWidth + spaceWidth;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function withEllipsis(line: string, measure: (s: string) => number, maxWidth: number): string {
  const chars = [...line.trimEnd()];
  while (chars.length && measure(chars.join('') + ELLIPSIS) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}
