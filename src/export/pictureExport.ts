/**
 * A PNG or a PDF made in the browser: the dialog's choices turned into the
 * renderer's layout (pictureLayout.ts), the map and its comments as they are
 * now, and renderMapFile with the browser's fonts, pictures and canvas.
 * runExport loads this module when a picture is asked for, so the renderer,
 * pdf-lib and fontkit are not part of the dialog's own download.
 */
import { useLinkedMaps } from '../state/linkedMaps';
import { layoutGrid } from '../canvas/layout';
import { DEFAULT_STATE_VIEW, snapshotInView } from '../model/cardState';
import { liveComments } from '../model/comments/live';
import { readRounds } from '../model/rounds/read';
import { rankByCard } from '../model/rounds/rules';
import { browserRenderEnv } from './browserRenderEnv';
import { fileNameFrom } from './download';
import { pictureLayout, type PictureChoices } from './pictureLayout';
import { renderMapFile } from './renderMapFile';
import type { ExportContext, ExportJob, ExportResult } from './runExport';

/**
 * Resolves once the page has painted (the step just reported shows) and can
 * have taken a click on Cancel, before the next step holds the page again;
 * soon in any case, as a hidden tab paints no frames.
 */
const afterNextPaint = () =>
  new Promise<void>((resolve) => {
    const fallback = setTimeout(resolve, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });

/** A PNG's size in pixels, from its header chunk (IHDR, right after the 8-byte signature). */
function pngPixels(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export async function exportPicture(choices: PictureChoices, context: ExportContext, job: ExportJob): Promise<ExportResult> {
  const { map, t } = context;
  // The cards of the states shown (the canvas's switch, or the dialog's choice): the layout and the drawing agree.
  const snapshot = snapshotInView(map.live.getSnapshot(), context.drawingView?.states ?? DEFAULT_STATE_VIEW);
  const layout = pictureLayout(choices, {
    snapshot,
    layout: layoutGrid(snapshot.stages, snapshot.lanes, snapshot.cards),
    selectedIds: context.selectedIds,
    view: context.view,
  });
  if (!layout) throw new Error(t('export.nothingToExport'));
  const request = {
    map: snapshot,
    comments: choices.comments ? liveComments(map.commentsDoc).getSnapshot() : null,
    ranks: rankByCard(readRounds(map.doc)),
    linkedTitles: useLinkedMaps.getState().known,
    t,
    locale: context.locale,
    author: context.author,
    now: new Date(),
    view: context.drawingView,
  };
  const file = await renderMapFile(request, layout, browserRenderEnv(), async (done) => {
    job.onProgress(done === 'loaded' ? 'drawing' : 'writing');
    await afterNextPaint();
    job.signal.throwIfAborted();
  });
  job.signal.throwIfAborted();

  const title = snapshot.meta?.title || t('export.untitled');
  // pdf-lib's and the canvas's bytes are views of plain ArrayBuffers, which a Blob takes as they are.
  const bytes = file.bytes as Uint8Array<ArrayBuffer>;
  if (layout.kind === 'png') {
    return {
      file: { name: fileNameFrom(title, '.png'), blob: new Blob([bytes], { type: 'image/png' }) },
      done: t('export.donePng', pngPixels(bytes)),
    };
  }
  return {
    file: { name: fileNameFrom(title, '.pdf'), blob: new Blob([bytes], { type: 'application/pdf' }) },
    done: t('export.donePdf', { count: file.pages }),
  };
}
