/**
 * A row of small things on one baseline, left to right: words, icons (1em,
 * sitting on the baseline like a letter, as .icon does), rating dots, pills
 * and pictures. Card facets, legend entries and "Goals: …" lines are runs.
 */
import type { LucideIcon } from 'lucide-react';
import { ellipse, iconPaths, roundedRect } from './iconPaths';
import { pathData } from './pathData';
import type { Color, DrawingItem, FontWeight, TextMeasure } from './types';

export type Piece =
  | { kind: 'text'; text: string; size: number; weight?: FontWeight; color: Color }
  | { kind: 'icon'; icon: LucideIcon; size: number; color: Color }
  /** `filled` of `total` dots (importance, votes) */
  | { kind: 'dots'; filled: number; total: number; diameter: number; advance: number; color: Color; faint?: Color }
  | {
      kind: 'pill';
      text: string;
      size: number;
      weight?: FontWeight;
      color: Color;
      fill: Color;
      height: number;
      padX: number;
      minWidth?: number;
      icon?: LucideIcon;
    }
  | { kind: 'image'; svg: string; size: number }
  | { kind: 'space'; width: number };

const style = (p: { size: number; weight?: FontWeight }) => ({ size: p.size, weight: p.weight ?? 400 });

/** Space between a pill's icon and its text: a space of its font. */
const iconGap = (size: number) => size * 0.28;

export function pieceWidth(measure: TextMeasure, piece: Piece): number {
  switch (piece.kind) {
    case 'text':
      return measure.width(piece.text, style(piece));
    case 'icon':
      return piece.size;
    case 'dots':
      return piece.total * piece.advance;
    case 'pill': {
      const inner = measure.width(piece.text, style(piece)) + (piece.icon ? piece.size + iconGap(piece.size) : 0);
      return Math.max(piece.minWidth ?? 0, inner + 2 * piece.padX);
    }
    case 'image':
      return piece.size;
    case 'space':
      return piece.width;
  }
}

export const runWidth = (measure: TextMeasure, pieces: readonly Piece[], gap = 0): number =>
  pieces.reduce((sum, p) => sum + pieceWidth(measure, p), 0) + gap * Math.max(0, pieces.length - 1);

/** Items of one piece with its left edge at x. */
function pieceItems(measure: TextMeasure, piece: Piece, x: number, baseline: number): DrawingItem[] {
  switch (piece.kind) {
    case 'text':
      return piece.text ? [{ kind: 'text', x, y: baseline, text: piece.text, style: { ...style(piece), color: piece.color } }] : [];
    case 'icon':
      return iconPaths(piece.icon, x, baseline + 0.125 * piece.size - piece.size, piece.size, piece.color);
    case 'dots': {
      const r = piece.diameter / 2;
      const cy = baseline - r - piece.diameter * 0.15;
      const at = (i: number) => ellipse(x + i * piece.advance + piece.advance / 2, cy, r, r);
      const filled = Array.from({ length: piece.filled }, (_, i) => at(i)).flat();
      const faint = Array.from({ length: piece.total - piece.filled }, (_, i) => at(piece.filled + i)).flat();
      return [
        ...(filled.length ? [{ kind: 'path', d: pathData(filled), fill: piece.color } as const] : []),
        ...(faint.length && piece.faint ? [{ kind: 'path', d: pathData(faint), fill: piece.faint } as const] : []),
      ];
    }
    case 'pill': {
      const width = pieceWidth(measure, piece);
      const m = measure.lineMetrics(piece.size);
      const top = baseline - m.ascent - (piece.height - m.lineHeight) / 2;
      const textWidth = measure.width(piece.text, style(piece));
      const inner = textWidth + (piece.icon ? piece.size + iconGap(piece.size) : 0);
      let cursor = x + (width - inner) / 2;
      const items: DrawingItem[] = [
        { kind: 'path', d: pathData(roundedRect(x, top, width, piece.height, piece.height / 2)), fill: piece.fill },
      ];
      if (piece.icon) {
        items.push(...iconPaths(piece.icon, cursor, baseline + 0.125 * piece.size - piece.size, piece.size, piece.color));
        cursor += piece.size + iconGap(piece.size);
      }
      items.push({ kind: 'text', x: cursor, y: baseline, text: piece.text, style: { ...style(piece), color: piece.color } });
      return items;
    }
    case 'image':
      return [{ kind: 'image', x, y: baseline + 0.2 * piece.size - piece.size, width: piece.size, height: piece.size, svg: piece.svg }];
    case 'space':
      return [];
  }
}

/**
 * The run from x, `gap` between pieces; pieces that would pass `maxRight` are
 * left out (the canvas cuts an overflowing row at its edge).
 */
export function runItems(
  measure: TextMeasure,
  pieces: readonly Piece[],
  x: number,
  baseline: number,
  gap = 0,
  maxRight = Infinity,
): { items: DrawingItem[]; right: number } {
  const items: DrawingItem[] = [];
  let cursor = x;
  for (const piece of pieces) {
    const width = pieceWidth(measure, piece);
    if (cursor + width > maxRight + 0.01) break;
    items.push(...pieceItems(measure, piece, cursor, baseline));
    cursor += width + gap;
  }
  return { items, right: cursor - gap };
}
