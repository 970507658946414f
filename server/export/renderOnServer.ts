/**
 * An export made on the server, from the map's documents as stored (their
 * Yjs states) and the options of the request: the same renderMapFile as the
 * browser's, with fonts from the fontsource packages, Twemoji's pictures
 * from @twemoji/svg and PNGs from Skia (@napi-rs/canvas). Used by the export
 * worker (exportWorker.ts) and by `npm run export`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as Y from 'yjs';
import { layoutGrid } from '../../src/canvas/layout';
import { twemojiName } from '../../src/emojiImages';
import type { PdfLayout, PngLayout } from '../../src/export/drawing/mapDrawing';
import { spanOfScope } from '../../src/export/scope';
import { renderMapFile, type RenderedFile } from '../../src/export/renderMapFile';
import { translatorFor } from '../../src/i18n/language';
import { createLiveComments } from '../../src/model/comments/live';
import { createLiveMap } from '../../src/model/live';
import { nodeFontBook } from './fontFiles';
import type { PdfQuery, PngQuery } from './exportQuery';
import { pageToPng } from './png';

export type ExportFormat = 'pdf' | 'png';

export interface ServerExport {
  format: ExportFormat;
  query: PdfQuery | PngQuery;
  /** the map's and its comments' Yjs states */
  map: Uint8Array;
  comments: Uint8Array | null;
  /** ms since the epoch: the export's date */
  now: number;
}

/** What an export gives: the file, or why these options draw nothing (a 400 for the client). */
export type ServerExportResult = ({ ok: true } & RenderedFile) | { ok: false; message: string };

const require = createRequire(import.meta.url);
const TWEMOJI = path.dirname(require.resolve('@twemoji/svg/package.json'));

async function emojiSvg(emoji: string): Promise<string | null> {
  const file = path.join(TWEMOJI, `${twemojiName(emoji)}.svg`);
  return fs.promises.readFile(file, 'utf8').catch(() => null);
}

const docOf = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
};

export async function renderOnServer(request: ServerExport): Promise<ServerExportResult> {
  const mapDoc = docOf(request.map);
  const commentsDoc = request.comments ? docOf(request.comments) : null;
  try {
    const map = createLiveMap(mapDoc).getSnapshot();
    const comments = commentsDoc ? createLiveComments(commentsDoc).getSnapshot() : null;
    const { query } = request;
    const locale = query.lang ?? map.meta?.locale ?? 'en';
    const grid = layoutGrid(map.stages, map.lanes, map.cards);
    let layout: PdfLayout | PngLayout;
    if (request.format === 'pdf') {
      const q = query as PdfQuery;
      const span = spanOfScope('map', grid, map, new Set(), { x: 0, y: 0, width: 0, height: 0 });
      if (!span) return { ok: false, message: 'the map has no stages or lanes to export' };
      layout = { kind: 'pdf', paper: q.paper, span, summary: q.summary, comments: q.comments };
    } else {
      const q = query as PngQuery;
      const view = q.view ?? { x: 0, y: 0, width: 0, height: 0 };
      const span = spanOfScope(q.scope, grid, map, new Set(q.cards ?? []), view);
      if (q.scope !== 'view' && !span)
        return {
          ok: false,
          message: q.scope === 'selection' ? 'none of those cards is on the map' : 'the map has no stages or lanes to export',
        };
      layout = { kind: 'png', region: q.scope === 'view' ? view : span!, background: q.background, comments: q.comments };
    }
    const file = await renderMapFile(
      { map, comments, t: translatorFor(locale), locale, author: query.author, now: new Date(request.now) },
      layout,
      { fonts: await nodeFontBook(), emojiSvg, png: pageToPng },
    );
    return { ok: true, ...file };
  } finally {
    mapDoc.destroy();
    commentsDoc?.destroy();
  }
}
