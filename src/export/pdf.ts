/**
 * PDF export: an optional summary page, then the map cut into readable pages
 * (plan.ts), then the open comment threads if asked for. Each page is drawn in the browser, text included, and placed in
 * the PDF as a JPEG: jsPDF's built-in fonts cannot draw Chinese, and a font
 * that can would add megabytes to every file.
 */
import { createElement, type ReactElement } from 'react';
import { jsPDF } from 'jspdf';
import type { OpenMap } from '../canvas/mapContext';
import { reviewSummary } from '../model/summary';
import { createStage, rasterise, throwIfCancelled, type Stage } from './capture';
import { packColumns, type CommentItem } from './comments';
import { CommentsMeasure, CommentsPage, commentColumnWidth } from './render/CommentsPage';
import { pagePixelRatio, PAPER, planPdf, type GridSpan, type Paper, type PdfPlan } from './plan';
import { GridPage, SummaryPage, type PageFrame } from './render/Sheets';
import type { ExportJob, MapPicture } from './surface';

export interface PdfRequest {
  picture: MapPicture;
  span: GridSpan;
  paper: Paper;
  summary: boolean;
  /** comment badges on the cards, and pages of open threads at the end */
  comments: boolean;
  threads: CommentItem[];
  title: string;
  date: string;
  locale: string;
}

export interface PdfResult {
  blob: Blob;
  pages: number;
}

/** JPEG quality: text stays crisp at 170 dpi while a 200-card map stays a few MB. */
const JPEG_QUALITY = 0.82;

export async function exportPdf(map: OpenMap, request: PdfRequest, job: ExportJob): Promise<PdfResult> {
  const { picture, paper } = request;
  const plan = planPdf(picture.layout, request.span, paper);
  const stage = createStage(map);
  try {
    const commentPages =
      request.comments && request.threads.length ? await layOutThreads(stage, plan, request.threads, request.locale) : [];
    return await renderPages(stage, request, plan, commentPages, job);
  } finally {
    stage.destroy();
  }
}

/** Threads measured in a column of the page's column width, then packed into columns, two a page. */
async function layOutThreads(stage: Stage, plan: PdfPlan, threads: CommentItem[], locale: string): Promise<CommentItem[][][]> {
  const width = commentColumnWidth(plan);
  const element = await stage.show(createElement(CommentsMeasure, { plan, items: threads, date: dateOf(locale) }), {
    x: 0,
    y: 0,
    width,
    height: 1,
  });
  const blocks = [...element.querySelectorAll<HTMLElement>('.export-thread')];
  const gap = parseFloat(getComputedStyle(blocks[0]!).marginBottom) || 0;
  const heights = blocks.map((b) => b.offsetHeight + gap);
  const available = plan.pageHeight - 2 * plan.margin - plan.headerHeight;
  const columns = packColumns(heights, available).map((column) => column.map((i) => threads[i]!));
  const pages: CommentItem[][][] = [];
  for (let i = 0; i < columns.length; i += 2) pages.push(columns.slice(i, i + 2));
  return pages;
}

const dateOf = (locale: string) => {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (at: number) => format.format(at);
};

async function renderPages(
  stage: Stage,
  request: PdfRequest,
  plan: PdfPlan,
  commentPages: CommentItem[][][],
  job: ExportJob,
): Promise<PdfResult> {
  const { picture, paper } = request;
  const total = plan.pages.length + (request.summary ? 1 : 0) + commentPages.length;
  const frame = (number: number): PageFrame => ({ title: request.title, date: request.date, number, total });

  const surfaces: (() => ReactElement)[] = [];
  if (request.summary) {
    const summary = reviewSummary(picture.snapshot);
    surfaces.push(() => createElement(SummaryPage, { plan, summary, stages: picture.snapshot.stages, frame: frame(1) }));
  }
  plan.pages.forEach((page) => {
    const number = surfaces.length + 1;
    surfaces.push(() =>
      createElement(GridPage, {
        plan,
        page,
        layout: picture.layout,
        nodes: picture.nodes,
        stages: picture.snapshot.stages,
        frame: frame(number),
        comments: request.comments,
      }),
    );
  });

  for (const columns of commentPages) {
    const number = surfaces.length + 1;
    surfaces.push(() => createElement(CommentsPage, { plan, frame: frame(number), columns, date: dateOf(request.locale) }));
  }

  const size = PAPER[paper];
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'mm', format: paper, compress: true });
  pdf.setProperties({ title: request.title, creator: 'Journeyboard' });
  const box = { x: 0, y: 0, width: Math.round(plan.pageWidth), height: Math.round(plan.pageHeight) };
  const ratio = pagePixelRatio(plan, paper);
  for (const [i, surface] of surfaces.entries()) {
    throwIfCancelled(job.signal);
    job.onProgress(i, surfaces.length);
    const element = await stage.show(surface(), box);
    const canvas = await rasterise(element, box, ratio, '#ffffff');
    if (i > 0) pdf.addPage(paper, 'landscape');
    pdf.addImage(canvas.toDataURL('image/jpeg', JPEG_QUALITY), 'JPEG', 0, 0, size.width, size.height, undefined, 'FAST');
  }
  throwIfCancelled(job.signal);
  job.onProgress(surfaces.length, surfaces.length);
  return { blob: pdf.output('blob'), pages: surfaces.length };
}
