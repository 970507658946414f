/**
 * One export from the dialog's options: a data file written at once
 * (dataFiles.ts), or a picture (pictureExport.ts, loaded when first asked
 * for) in steps the dialog shows and can cancel between. The dialog only
 * collects options and shows progress.
 */
import type { TFunction } from '../i18n/translate';
import type { OpenMap } from '../state/mapContext';
import { exportDataFile, type DataFormat } from './dataFiles';
import type { PictureChoices } from './pictureLayout';
import type { Rect } from './plan';
import type { DrawingView } from './drawing/mapDrawing';

export type Format = 'png' | 'pdf' | DataFormat;
export const FORMATS: readonly Format[] = ['png', 'pdf', 'json', 'csvTouchpoints', 'csvInsights'];

export type ExportOptions = Omit<PictureChoices, 'format'> & { format: Format };

export interface ExportContext {
  map: OpenMap;
  /** the canvas's visible flow rectangle, for the "current view" */
  view: Rect;
  selectedIds: ReadonlySet<string>;
  t: TFunction;
  locale: string;
  /** the user's name in the app, a PDF's author */
  author: string;
  /** the states a picture shows and the curve lines it leaves out (default: both states, every line) */
  drawingView?: DrawingView;
}

/** A picture's steps, in order: fonts and pictures loaded, pages drawn, the file written. */
export const EXPORT_STEPS = ['loading', 'drawing', 'writing'] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];

/** Where the export runs: cancelled through `signal` (it stops between steps), told which step it is on. */
export interface ExportJob {
  signal: AbortSignal;
  onProgress(step: ExportStep): void;
}

export interface ExportResult {
  file: { name: string; blob: Blob };
  /** what was made, in the user's language */
  done: string;
}

export async function runExport(options: ExportOptions, context: ExportContext, job: ExportJob): Promise<ExportResult> {
  const { format } = options;
  if (format !== 'png' && format !== 'pdf') {
    job.onProgress('writing');
    const file = exportDataFile(format, context.map, { comments: options.comments, t: context.t });
    return { file, done: context.t('export.doneFile', { name: file.name }) };
  }
  job.onProgress('loading');
  const { exportPicture } = await import('./pictureExport');
  job.signal.throwIfAborted();
  return exportPicture({ ...options, format }, context, job);
}
