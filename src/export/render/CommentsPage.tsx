/** Open comment threads for the PDF: a measuring column, and pages of two columns. */
import { useTranslation } from '../../i18n/useTranslation';
import type { CommentItem } from '../comments';
import type { PdfPlan } from '../plan';
import { PageHeader, type PageFrame } from './Sheets';

export const COMMENT_COLUMN_GAP = 32;

export function commentColumnWidth(plan: PdfPlan): number {
  return (plan.pageWidth - 2 * plan.margin - COMMENT_COLUMN_GAP) / 2;
}

function CommentBlock({ item, date }: { item: CommentItem; date: (at: number) => string }) {
  const { t } = useTranslation();
  return (
    <article className="export-thread" data-thread={item.id}>
      <h3>{item.cardText === null ? t('export.comments.onMap') : item.cardText || t('canvas.emptyCard')}</h3>
      {item.where && <p className="summary-meta">{item.where}</p>}
      {item.comments.map((c, i) => (
        <p key={i} className="export-comment">
          <strong style={{ color: c.color }}>{c.author}</strong> <span className="summary-meta-inline">{date(c.at)}</span>
          <br />
          {c.text}
        </p>
      ))}
    </article>
  );
}

/** Every item in one column of the page's column width, to read their heights from. */
export function CommentsMeasure({ plan, items, date }: { plan: PdfPlan; items: CommentItem[]; date: (at: number) => string }) {
  return (
    <div className="export-sheet export-comments-measure" style={{ width: commentColumnWidth(plan) }}>
      {items.map((item) => (
        <CommentBlock key={item.id} item={item} date={date} />
      ))}
    </div>
  );
}

export function CommentsPage(props: { plan: PdfPlan; frame: PageFrame; columns: CommentItem[][]; date: (at: number) => string }) {
  const { plan, frame, columns, date } = props;
  const { t } = useTranslation();
  const top = plan.margin + plan.headerHeight;
  return (
    <div className="export-sheet export-page" style={{ width: plan.pageWidth, height: plan.pageHeight, background: '#ffffff' }}>
      <PageHeader plan={plan} frame={frame} details={t('export.comments.title')} />
      {columns.map((column, i) => (
        <div
          key={i}
          className="export-comments-column"
          style={{ left: plan.margin + i * (commentColumnWidth(plan) + COMMENT_COLUMN_GAP), top, width: commentColumnWidth(plan) }}
        >
          {column.map((item) => (
            <CommentBlock key={item.id} item={item} date={date} />
          ))}
        </div>
      ))}
    </div>
  );
}
