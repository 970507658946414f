/**
 * The one renderer of a map's picture: map document + options → a Drawing
 * (types.ts) that the PDF and PNG back ends only paint. Pure: the same map
 * and options always give the same drawing, in the browser or on the server.
 *
 * - PNG: one sheet in CSS pixels (a flow unit a pixel; the back end doubles
 *   it): title band, the persona, the chosen block of the grid or the view's
 *   rectangle, the legend.
 * - PDF 'fit': that sheet for the block, on one page in points (0.75 pt a
 *   pixel, less when the page would pass PDF's 14 400 pt limit).
 * - PDF 'a4' / 'a3': landscape pages by groups of stages (paperPlan.ts).
 * - Either PDF: the summary page first and the open comment threads last
 *   when asked for, on paper (A4 for 'fit').
 */
import { layoutGrid } from '../../canvas/layout';
import type { TFunction } from '../../i18n/translate';
import type { MapSnapshot } from '../../model/live';
import { DEFAULT_STATE_VIEW, snapshotInView, type StateView } from '../../model/cardState';
import type { CommentItem } from '../comments';
import type { GridSpan, Rect } from '../plan';
import { commentPages } from './commentPages';
import type { DrawContext } from './context';
import { mapScene, type MapScene } from './mapScene';
import { mapSheet } from './mapSheet';
import { finishPages, type PageDraft } from './pageDraft';
import { paperMapPages } from './paperMapPages';
import { PT_PER_PX, type PaperSize } from './paperFrame';
import { WHITE } from './palette';
import { summaryPage } from './summaryPage';
import type { Drawing, TextMeasure } from './types';

export interface MapDrawingInput {
  snapshot: MapSnapshot;
  /** open comment threads (export/comments.ts); [] when comments are off */
  threads: readonly CommentItem[];
  /** open threads per card id, for the badges */
  commentCounts: ReadonlyMap<string, number>;
  /** the newest secret vote's top N, card id -> rank (none: no badges) */
  ranks?: ReadonlyMap<string, number>;
  t: TFunction;
  /** BCP 47: the reader's language, for dates and the PDF's language */
  locale: string;
  author: string;
  now: Date;
  /** loaded with every text of the drawing (drawingTexts) */
  measure: TextMeasure;
  /** Twemoji SVG source of an avatar emoji (drawingEmoji), or null */
  emoji: (emoji: string) => string | null;
  /** linked journeys: the linked maps' titles the exporter knows (null: the map is gone) */
  linkedTitles?: ReadonlyMap<string, string | null>;
  /** what the user looks at: the states shown and the curve's hidden persona lines (default: both states, every line) */
  view?: DrawingView;
}

/** The view a drawing follows (the canvas's switch and curve legend). */
export interface DrawingView {
  states: StateView;
  hiddenCurveLines?: readonly string[];
}

export interface PngLayout {
  kind: 'png';
  /** a block of the grid (plan.ts fullSpan / selectionSpan) or the current view's flow rectangle (scope.ts visibleFlowRect) */
  region: GridSpan | Rect;
  background: 'white' | 'transparent';
  /** comment badges on the cards */
  comments: boolean;
}

export interface PdfLayout {
  kind: 'pdf';
  /** 'fit': the whole block on one page */
  paper: 'fit' | PaperSize;
  span: GridSpan;
  summary: boolean;
  /** comment badges on the cards, and the open threads at the end */
  comments: boolean;
}

/** PDF's largest page side, in points (PDF 1.6+ user space limit at scale 1). */
export const PDF_MAX_SIDE = 14_400;

export function mapDrawing(input: MapDrawingInput, options: PdfLayout | PngLayout): Drawing {
  const { t, locale, now } = input;
  const stateView = input.view?.states ?? DEFAULT_STATE_VIEW;
  // The cards of the states shown only, as the canvas lays them out.
  const snapshot = snapshotInView(input.snapshot, stateView);
  const ctx: DrawContext = {
    snapshot,
    layout: layoutGrid(snapshot.stages, snapshot.lanes, snapshot.cards),
    measure: input.measure,
    t,
    locale,
    emoji: input.emoji,
    commentCounts: input.commentCounts,
    ranks: input.ranks ?? new Map(),
    comments: options.comments,
    persona: snapshot.personas.find((p) => p.id === snapshot.meta?.personaId) ?? null,
    linkedTitles: input.linkedTitles ?? new Map(),
    stateView,
    hiddenCurveLines: new Set(input.view?.hiddenCurveLines ?? []),
  };
  const title = snapshot.meta?.title || t('export.untitled');
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(now);
  const meta = {
    title,
    author: input.author,
    subject: t('export.subject'),
    language: locale,
    created: now,
  };
  const scene = mapScene(ctx);
  const details = [t('export.details', { stages: snapshot.stages.length, cards: snapshot.cards.length, date }), reviewLine(input)]
    .filter(Boolean)
    .join(' · ');

  if (options.kind === 'png') {
    const sheet = mapSheet(ctx, scene, options.region, { title, details });
    const ground =
      options.background === 'white' ? [{ kind: 'rect', x: 0, y: 0, width: sheet.width, height: sheet.height, fill: WHITE } as const] : [];
    return { meta, pages: [{ width: sheet.width, height: sheet.height, items: [...ground, ...sheet.items], bookmarks: [] }] };
  }

  const paper: PaperSize = options.paper === 'fit' ? 'a4' : options.paper;
  const drafts: PageDraft[] = [];
  if (options.summary) drafts.push(summaryPage(ctx, paper));
  if (options.paper === 'fit') drafts.push(fitPage(ctx, scene, options.span, { title, details }));
  else drafts.push(...paperMapPages(ctx, scene, options.span, options.paper).drafts);
  if (options.comments) drafts.push(...commentPages(ctx, input.threads, paper));
  return { meta, pages: finishPages(ctx, drafts, title, date) };
}

/** The whole block on one page: the PNG's sheet in points. */
function fitPage(ctx: DrawContext, scene: MapScene, span: GridSpan, header: { title: string; details: string }): PageDraft {
  const sheet = mapSheet(ctx, scene, span, header, (width, height) => Math.min(PT_PER_PX, PDF_MAX_SIDE / Math.max(width, height)));
  return {
    frame: null,
    width: sheet.width,
    height: sheet.height,
    items: [{ kind: 'rect', x: 0, y: 0, width: sheet.width, height: sheet.height, fill: WHITE }, ...sheet.items],
    bookmarks: sheet.bookmarks,
    details: header.details,
  };
}

/** "Owner: Ana Li · last reviewed 4 December 2026" for the header's details (owners and freshness, src/model/review.ts); '' if neither is set. */
export function reviewLine({ snapshot, t, locale }: Pick<MapDrawingInput, 'snapshot' | 't' | 'locale'>): string {
  const owner = snapshot.meta?.owner?.trim();
  const reviewed = snapshot.meta?.lastReviewedAt;
  const date = reviewed === undefined ? '' : new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(reviewed);
  if (owner) return reviewed === undefined ? t('review.exportLineNever', { owner }) : t('review.exportLine', { owner, date });
  return reviewed === undefined ? '' : t('review.exportReviewed', { date });
}
