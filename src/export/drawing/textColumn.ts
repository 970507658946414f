/**
 * Text set down a column, block after block, as a page of prose flows:
 * headings, paragraphs wrapped to the column, list items with their marker,
 * margins between. Lines that would pass the column's foot are left out (a
 * page shows what fits); with no foot it only measures.
 */
import type { DrawContext } from './context';
import { runItems, type Piece } from './inlineRun';
import { baselineIn, lineHeightOf, textBlock, textItem, type TextSpec } from './textBlock';
import type { DrawingItem, TextMeasure } from './types';

export class TextColumn {
  readonly items: DrawingItem[] = [];
  y: number;

  constructor(
    private readonly measure: TextMeasure,
    readonly x: number,
    readonly width: number,
    top: number,
    readonly bottom = Infinity,
  ) {
    this.y = top;
  }

  space(height: number): this {
    this.y += height;
    return this;
  }

  /** `text` wrapped to the column (less `indent`), as many lines as fit above the foot. */
  text(text: string, spec: TextSpec, indent = 0): this {
    const lh = lineHeightOf(spec);
    const room = Math.floor((this.bottom - this.y) / lh + 1e-6);
    if (room <= 0 || text === '') return this;
    const block = textBlock(this.measure, text, spec, {
      x: this.x + indent,
      top: this.y,
      width: this.width - indent,
      ...(Number.isFinite(room) ? { maxLines: room } : {}),
    });
    this.items.push(...block.items);
    this.y += block.height;
    return this;
  }

  /** One line of pieces (an author and a date, a bold label and its text). */
  run(pieces: readonly Piece[], size: number, lineHeight = size * 1.45): this {
    if (this.y + lineHeight > this.bottom + 1e-6) return this;
    this.items.push(
      ...runItems(this.measure, pieces, this.x, baselineIn(this.measure, size, this.y, lineHeight), 0, this.x + this.width).items,
    );
    this.y += lineHeight;
    return this;
  }

  /** A list item: its marker in the indent, its text beside. */
  item(marker: string, text: string, spec: TextSpec, indent = 20): this {
    const lh = lineHeightOf(spec);
    if (this.y + lh > this.bottom + 1e-6) return this;
    this.items.push(textItem(marker, this.x + indent - 6, baselineIn(this.measure, spec.size, this.y, lh), spec, 'end'));
    return this.text(text, spec, indent);
  }

  push(...items: DrawingItem[]): this {
    this.items.push(...items);
    return this;
  }
}

export const columnOf = (ctx: Pick<DrawContext, 'measure'>, x: number, width: number, top: number, bottom?: number) =>
  new TextColumn(ctx.measure, x, width, top, bottom);
