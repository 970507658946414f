/**
 * One export from the dialog's options: what to draw (plan.ts, scope.ts),
 * drawing it (png.ts, pdf.ts) or writing it (dataFiles.ts), and what to tell
 * the user when it is done. The dialog only collects options and shows
 * progress.
 */
import type { TFunction } from '../i18n/translate';
import type { OpenMap } from '../canvas/mapContext';
import { liveComments } from '../model/comments/live';
import { commentItems } from './comments';
import { exportDataFile, type DataFormat } from './dataFiles';
import { fileNameFrom } from './download';
import { exportPdf } from './pdf';
import { sheetForSpan, sheetForView, type Paper, type Rect } from './plan';
import { exportPng } from './png';
import type { Background } from './render/Sheets';
import { spanOfScope, type Scope } from './scope';
import { formatDate, pictureOf, type ExportJob } from './surface';

export type Format = 'png' | 'pdf' | DataFormat;
export const FORMATS: readonly Format[] = ['png', 'pdf', 'json', 'csvTouchpoints', 'csvInsights'];

export interface ExportOptions {
  format: Format;
  scope: Scope;
  comments: boolean;
  background: Background;
  paper: Paper;
  summary: boolean;
}

export interface ExportContext {
  map: OpenMap;
  /** the canvas's visible flow rectangle, for the "current view" */
  view: Rect;
  selectedIds: ReadonlySet<string>;
  t: TFunction;
  locale: string;
}

export interface ExportResult {
  file: { name: string; blob: Blob };
  /** what was made, in the user's language */
  done: string;
}

export async function runExport(options: ExportOptions, context: ExportContext, job: ExportJob): Promise<ExportResult> {
  const { format, scope, comments } = options;
  const { map, t, locale } = context;
  if (format !== 'png' && format !== 'pdf') {
    const file = exportDataFile(format, map, { comments, t });
    return { file, done: t('export.doneFile', { name: file.name }) };
  }
  const snapshot = map.live.getSnapshot();
  const title = snapshot.meta?.title || t('export.untitled');
  const date = formatDate(locale);
  const picture = pictureOf(snapshot);
  const span = spanOfScope(scope, picture.layout, snapshot, context.selectedIds, context.view);
  if (format === 'png') {
    if (!span && scope !== 'view') throw new Error(t('export.nothingToExport'));
    const sheet = scope === 'view' || !span ? sheetForView(context.view) : sheetForSpan(picture.layout, span);
    const details = t('export.details', { stages: snapshot.stages.length, cards: snapshot.cards.length, date });
    const result = await exportPng(map, { picture, sheet, title, details, background: options.background, comments }, job);
    return {
      file: { name: fileNameFrom(title, '.png'), blob: result.blob },
      done: t('export.donePng', { width: result.width, height: result.height }),
    };
  }
  if (!span) throw new Error(t('export.nothingToExport'));
  const threads = comments ? commentItems(snapshot, liveComments(map.commentsDoc).getSnapshot()) : [];
  const request = { picture, span, paper: options.paper, summary: options.summary, comments, threads, title, date, locale };
  const result = await exportPdf(map, request, job);
  return { file: { name: fileNameFrom(title, '.pdf'), blob: result.blob }, done: t('export.donePdf', { count: result.pages }) };
}
