/**
 * A PDF or a PNG of a map, from its documents' snapshots: the drawing
 * (drawing/mapDrawing.ts) with the faces and pictures it needs loaded first,
 * then the back end. The browser's Export dialog and the server (its
 * endpoints and `npm run export`) both call this; they only differ in where
 * fonts and pictures come from and which canvas makes a PNG (RenderEnv).
 */
import type { TFunction } from '../i18n/translate';
import type { CommentsSnapshot } from '../model/comments';
import type { MapSnapshot } from '../model/live';
import { commentItems } from './comments';
import type { FontBook } from './drawing/fontBook';
import { drawingNeeds } from './drawing/drawingTexts';
import { emojiInTexts, pictureEmoji } from './drawing/emojiPictures';
import { mapDrawing, type DrawingView, type MapDrawingInput, type PdfLayout, type PngLayout } from './drawing/mapDrawing';
import type { DrawingPage } from './drawing/types';
import { drawingToPdf } from './pdf/drawingToPdf';

export interface RenderEnv {
  fonts: FontBook;
  /** Twemoji's SVG of an emoji, or null when it has none */
  emojiSvg(emoji: string): Promise<string | null>;
  png(page: DrawingPage, fonts: FontBook, options: { transparent: boolean }): Promise<Uint8Array>;
}

export interface RenderRequest {
  map: MapSnapshot;
  /** null: no comment badges and no thread pages */
  comments: CommentsSnapshot | null;
  /** the top N of the newest secret vote, card id -> rank (rounds/rules.ts topRanked): drawn as badges, as on the canvas */
  ranks?: ReadonlyMap<string, number>;
  /** linked journeys: the titles of linked maps (null: gone); without one a link is drawn as "Linked map" */
  linkedTitles?: ReadonlyMap<string, string | null>;
  t: TFunction;
  locale: string;
  author: string;
  now: Date;
  /** the states shown and the curve's hidden lines (default: both states, every line) */
  view?: DrawingView;
}

/** Where an export stands between its steps: the faces and pictures loaded, then the pages drawn (the back end writes next). */
export type RenderStep = 'loaded' | 'drawn';
/**
 * Called between the steps: the browser reports progress there, lets the
 * page paint and take a click, and throws to stop a cancelled export before
 * the next step starts.
 */
export type BetweenSteps = (done: RenderStep) => void | Promise<void>;

export interface RenderedFile {
  bytes: Uint8Array;
  /** pages of a PDF (1 for a PNG) */
  pages: number;
}

function openThreadsPerCard(comments: CommentsSnapshot | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [cardId, n] of comments?.openCountByCard ?? []) counts.set(cardId, n);
  return counts;
}

export async function renderMapFile(
  request: RenderRequest,
  layout: PdfLayout | PngLayout,
  env: RenderEnv,
  between: BetweenSteps = () => undefined,
): Promise<RenderedFile> {
  const { map, comments } = request;
  const withComments = layout.comments && comments !== null;
  const input: Omit<MapDrawingInput, 'measure' | 'emoji'> = {
    snapshot: map,
    threads: withComments && layout.kind === 'pdf' ? commentItems(map, comments) : [],
    commentCounts: withComments ? openThreadsPerCard(comments) : new Map(),
    ranks: request.ranks ?? new Map(),
    linkedTitles: request.linkedTitles ?? new Map(),
    t: request.t,
    locale: request.locale,
    author: request.author,
    now: request.now,
    view: request.view,
  };
  const needs = drawingNeeds(input, layout);
  await env.fonts.load(needs.texts);
  // Avatars, and emoji inside text (which no face draws): pictures, fetched once each.
  const emoji = new Set([...needs.emoji, ...emojiInTexts(needs.texts, env.fonts)]);
  const svgOf = new Map(await Promise.all([...emoji].map(async (e) => [e, await env.emojiSvg(e)] as const)));
  const picture = (e: string) => svgOf.get(e) ?? null;
  await between('loaded');
  const drawing = pictureEmoji(mapDrawing({ ...input, measure: env.fonts, emoji: picture }, layout), env.fonts, picture);
  await between('drawn');
  if (layout.kind === 'png') {
    return { bytes: await env.png(drawing.pages[0]!, env.fonts, { transparent: layout.background === 'transparent' }), pages: 1 };
  }
  return { bytes: await drawingToPdf(drawing, env.fonts), pages: drawing.pages.length };
}
