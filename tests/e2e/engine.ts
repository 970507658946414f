/**
 * What the export engine draws for a map, worked out in the test's Node with
 * the font files the page declares (server/export/fontFiles.ts reads the
 * same stylesheets, so text wraps the same): the sheet a PNG paints and the
 * pages a PDF holds. A file the browser made is held against these.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Y from 'yjs';
import { layoutGrid, type GridLayout } from '../../src/canvas/layout';
import { drawingTexts } from '../../src/export/drawing/drawingTexts';
import { mapDrawing, type MapDrawingInput, type PdfLayout, type PngLayout } from '../../src/export/drawing/mapDrawing';
import { createTranslator, type Strings, type TFunction } from '../../src/i18n/translate';
import { createLiveMap, type MapSnapshot } from '../../src/model/live';
import type { Locale } from '../../src/model';
import { nodeFontBook } from '../../server/export/fontFiles';

/**
 * The app's strings in `locale`, as src/i18n/strings.ts merges them; read
 * from disk because Playwright's loader cannot import JSON modules.
 */
function translator(locale: Locale): TFunction {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.resolve('src/i18n', `${name}.json`), 'utf8')) as Strings;
  const tables = (language: Locale): Strings => {
    const area = (name: string) => read(`${name}.${language}`);
    return {
      ...read(language),
      dashboard: area('dashboard'),
      comments: area('comments'),
      export: area('export'),
      metrics: area('metrics'),
    };
  };
  return createTranslator({ en: tables('en'), 'zh-CN': tables('zh-CN') }, locale);
}

export function snapshotOfDoc(doc: Y.Doc): MapSnapshot {
  const live = createLiveMap(doc);
  const snapshot = live.getSnapshot();
  live.destroy();
  return snapshot;
}

export const gridOf = (snapshot: MapSnapshot): GridLayout => layoutGrid(snapshot.stages, snapshot.lanes, snapshot.cards);

/** Page sizes of the engine's drawing: CSS pixels for a PNG's sheet, points for a PDF's pages. */
export async function enginePages(snapshot: MapSnapshot, locale: Locale, layout: PdfLayout | PngLayout) {
  const input: Omit<MapDrawingInput, 'measure'> = {
    snapshot,
    threads: [],
    commentCounts: new Map(),
    t: translator(locale),
    locale,
    author: '',
    now: new Date(),
    emoji: () => null,
  };
  const fonts = await nodeFontBook();
  await fonts.load(drawingTexts(input, layout));
  return mapDrawing({ ...input, measure: fonts }, layout).pages.map((page) => ({ width: page.width, height: page.height }));
}

/** What a card shows as its text on the map: a KPI its metric. */
export function shownTexts(snapshot: MapSnapshot): string[] {
  const kinds = new Map(snapshot.lanes.map((lane) => [lane.id, lane.kind]));
  return snapshot.cards.map((card) => (kinds.get(card.laneId) === 'kpis' ? card.metric || card.text : card.text)).filter(Boolean);
}
