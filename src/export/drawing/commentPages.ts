/**
 * The open comment threads at the end of the PDF (CommentsPage): each thread
 * under its card's text and place, every comment with its author in their
 * colour and its date, packed in order into two columns a page.
 */
import { packColumns, type CommentItem } from '../comments';
import type { DrawContext } from './context';
import type { PageDraft } from './pageDraft';
import { paperFrame, PT_PER_PX, type PaperSize } from './paperFrame';
import { INK, LINE, MUTED, WHITE } from './palette';
import { placeItems } from './placement';
import type { TextSpec } from './textBlock';
import { columnOf, type TextColumn } from './textColumn';
import type { Color, DrawingItem } from './types';

const COLUMN_GAP = 32;
const THREAD_GAP = 14;
const BAR = 3;
const INDENT = BAR + 10;
const TITLE: TextSpec = { size: 14, weight: 700, color: INK };
const WHERE: TextSpec = { size: 12, color: MUTED };
const BODY: TextSpec = { size: 13, color: INK };

const colorOf = (color: string): Color => (/^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(color) ? color : INK);

/** A thread from the column's current line; returns the column. */
function threadBlock(ctx: DrawContext, column: TextColumn, item: CommentItem, date: (at: number) => string): TextColumn {
  const { t } = ctx;
  const top = column.y;
  const x = column.x;
  const title = item.cardText === null ? t('export.comments.onMap') : item.cardText || t('canvas.emptyCard');
  column.text(title, TITLE, INDENT);
  if (item.where) column.text(item.where, WHERE, INDENT);
  for (const comment of item.comments) {
    column.space(6);
    // The author and date share a line, then the comment's own lines.
    const inner = columnOf(ctx, x + INDENT, column.width - INDENT, column.y, column.bottom);
    inner.run(
      [
        { kind: 'text', text: `${comment.author} `, size: BODY.size, weight: 700, color: colorOf(comment.color) },
        { kind: 'text', text: date(comment.at), size: 11, color: MUTED },
      ],
      BODY.size,
    );
    column.push(...inner.items);
    column.space(inner.y - column.y).text(comment.text, BODY, INDENT);
  }
  const bar: DrawingItem = { kind: 'rect', x, y: top, width: BAR, height: column.y - top, fill: LINE };
  column.items.unshift(bar);
  return column;
}

export function commentPages(ctx: DrawContext, threads: readonly CommentItem[], paper: PaperSize): PageDraft[] {
  if (threads.length === 0) return [];
  const frame = paperFrame(paper);
  const { x, y, width, height } = frame.content;
  const columnWidth = (width - COLUMN_GAP) / 2;
  const format = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = (at: number) => format.format(at);

  const heights = threads.map((item) => threadBlock(ctx, columnOf(ctx, 0, columnWidth, 0), item, date).y + THREAD_GAP);
  const columns = packColumns(heights, height);
  const drafts: PageDraft[] = [];
  for (let i = 0; i < columns.length; i += 2) {
    const items = columns.slice(i, i + 2).flatMap((indexes, side) => {
      const column = columnOf(ctx, x + side * (columnWidth + COLUMN_GAP), columnWidth, y, y + height);
      for (const index of indexes) threadBlock(ctx, column, threads[index]!, date).space(THREAD_GAP);
      return column.items;
    });
    drafts.push({
      frame,
      width: frame.width,
      height: frame.height,
      items: [
        { kind: 'rect', x: 0, y: 0, width: frame.width, height: frame.height, fill: WHITE },
        ...placeItems(items, { scale: PT_PER_PX, dx: 0, dy: 0 }),
      ],
      bookmarks: [],
      details: ctx.t('export.comments.title'),
    });
  }
  return drafts;
}
