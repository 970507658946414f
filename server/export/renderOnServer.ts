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
import { pictureLayout } from '../../src/export/pictureLayout';
import { renderMapFile, type RenderedFile } from '../../src/export/renderMapFile';
import { translatorFor } from '../../src/i18n/language';
import { createLiveComments } from '../../src/model/comments/live';
import { snapshotInView } from '../../src/model/cardState';
import { createLiveMap } from '../../src/model/live';
import { readRounds } from '../../src/model/rounds/read';
import { rankByCard } from '../../src/model/rounds/rules';
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
  /** linked journeys: [map id, title or null when it is gone] for the maps the requester may see */
  linkedTitles?: [string, string | null][];
  /** ms since the epoch: the export's date */
  now: number;
}

/** What an export gives: the file, or why these options draw nothing (a 400 for the client). */
export type ServerExportResult = ({ ok: true } & RenderedFile) | { ok: false; message: string };

const require = createRequire(import.meta.url);
const TWEMOJI = path.dirname(require.resolve('@twemoji/svg/package.json'));

export async function emojiSvg(emoji: string): Promise<string | null> {
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
    const { query } = request;
    // The state asked for: its cards are laid out and drawn, its lines on the curve.
    const map = snapshotInView(createLiveMap(mapDoc).getSnapshot(), query.state);
    const comments = commentsDoc ? createLiveComments(commentsDoc).getSnapshot() : null;
    const locale = query.lang ?? map.meta?.locale ?? 'en';
    const png = request.format === 'png' ? (query as PngQuery) : null;
    const layout = pictureLayout(
      {
        format: request.format,
        scope: png?.scope ?? 'map',
        background: png?.background ?? 'white',
        paper: png ? 'fit' : (query as PdfQuery).paper,
        summary: png ? false : (query as PdfQuery).summary,
        comments: query.comments,
      },
      {
        snapshot: map,
        layout: layoutGrid(map.stages, map.lanes, map.cards),
        selectedIds: new Set(png?.cards ?? []),
        view: png?.view ?? { x: 0, y: 0, width: 0, height: 0 },
      },
    );
    if (!layout)
      return {
        ok: false,
        message: png?.scope === 'selection' ? 'none of those cards is on the map' : 'the map has no stages or lanes to export',
      };
    const file = await renderMapFile(
      {
        map,
        comments,
        ranks: rankByCard(readRounds(mapDoc)),
        linkedTitles: new Map(request.linkedTitles ?? []),
        t: translatorFor(locale),
        locale,
        author: query.author,
        now: new Date(request.now),
        view: { states: query.state },
      },
      layout,
      { fonts: await nodeFontBook(), emojiSvg, png: pageToPng },
    );
    return { ok: true, ...file };
  } finally {
    mapDoc.destroy();
    commentsDoc?.destroy();
  }
}
