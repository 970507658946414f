/**
 * Lines of text placed as CSS places them: wrapped to a width by the font's
 * own measure, each line in a box of the CSS line height with the glyphs
 * centred in it (half-leading above and below), so a baseline falls where
 * the browser puts it.
 */
import { LINE_HEIGHT } from './palette';
import type { Color, FontWeight, TextItem, TextMeasure } from './types';

export interface TextSpec {
  size: number;
  weight?: FontWeight;
  color: Color;
  /** CSS line height in the same units as size; 1.45 × size (the app's) unless given */
  lineHeight?: number;
}

export const lineHeightOf = (spec: TextSpec): number => spec.lineHeight ?? spec.size * LINE_HEIGHT;

/** The baseline of a line of `size` text in a line box starting at `top`. */
export function baselineIn(measure: TextMeasure, size: number, top: number, lineHeight: number): number {
  const m = measure.lineMetrics(size);
  return top + (lineHeight - m.lineHeight) / 2 + m.ascent;
}

const styleOf = (spec: TextSpec) => ({ size: spec.size, weight: spec.weight ?? 400, color: spec.color });

export function textItem(text: string, x: number, baseline: number, spec: TextSpec, align?: TextItem['align']): TextItem {
  return { kind: 'text', x, y: baseline, text, style: styleOf(spec), ...(align && align !== 'start' ? { align } : {}) };
}

export interface TextBlock {
  items: TextItem[];
  lines: string[];
  height: number;
}

/**
 * `text` wrapped into `width` (at most `maxLines`, the last ending in "…"
 * when cut), lines from `top` down; `x` is the left edge, the centre or the
 * right edge of the box by `align`.
 */
export function textBlock(
  measure: TextMeasure,
  text: string,
  spec: TextSpec,
  box: { x: number; top: number; width: number; maxLines?: number; align?: TextItem['align'] },
): TextBlock {
  const style = styleOf(spec);
  const lines = text === '' ? [] : measure.wrap(text, style, Math.max(box.width, 1), box.maxLines);
  const lh = lineHeightOf(spec);
  const x = box.align === 'middle' ? box.x + box.width / 2 : box.align === 'end' ? box.x + box.width : box.x;
  const items = lines.flatMap((line, i) =>
    line === '' ? [] : [textItem(line, x, baselineIn(measure, spec.size, box.top + i * lh, lh), spec, box.align)],
  );
  return { items, lines, height: lines.length * lh };
}

/** One line of text cut with "…" to `width`: what `white-space: nowrap; text-overflow: ellipsis` shows. */
export function oneLine(measure: TextMeasure, text: string, spec: TextSpec, width: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  if (measure.width(flat, styleOf(spec)) <= width) return flat;
  return measure.wrap(flat, styleOf(spec), Math.max(width, 1), 1)[0] ?? '';
}
