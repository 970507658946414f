/**
 * The PNG back end: a drawing's page painted on a 2D canvas, the browser's
 * or the server's (@napi-rs/canvas), which share this API. Text is placed
 * run by run where the font book measured it, in the very faces the PDF
 * embeds (registered with the canvas under one alias per face), so the PNG
 * and the PDF of a map match.
 */
import type { FontBook, LoadedFace } from '../drawing/fontBook';
import type { DrawingItem, DrawingPage, TextItem } from '../drawing/types';
import { roundedRectPath } from '../pdf/drawingToPdf';
import { svgPathsOf } from '../pdf/svgShapes';

/** The part of CanvasRenderingContext2D both canvases implement and this uses. */
export interface Canvas2D {
  save(): void;
  restore(): void;
  scale(x: number, y: number): void;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  font: string;
  textBaseline: string;
  fontKerning?: string;
  setLineDash(segments: number[]): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fill(path: unknown): void;
  stroke(path: unknown): void;
  fillText(text: string, x: number, y: number): void;
  strokeText(text: string, x: number, y: number): void;
}

export interface CanvasEnv {
  /** a Path2D of the canvas's kind, from SVG path data */
  path(d: string): unknown;
  /** the family name a face is registered under with this canvas */
  family(face: LoadedFace): string;
}

/** Emboldening of a regular face, as the PDF back end does it (em). */
const SYNTHETIC_BOLD = 0.035;

function paintShape(
  ctx: Canvas2D,
  env: CanvasEnv,
  d: string,
  item: { fill?: string; stroke?: string; lineWidth?: number; dash?: number[] },
) {
  const path = env.path(d);
  if (item.fill) {
    ctx.fillStyle = item.fill;
    ctx.fill(path);
  }
  if (item.stroke) {
    ctx.strokeStyle = item.stroke;
    ctx.lineWidth = item.lineWidth ?? 1;
    ctx.setLineDash(item.dash ?? []);
    ctx.stroke(path);
    ctx.setLineDash([]);
  }
}

function paintText(ctx: Canvas2D, env: CanvasEnv, fonts: FontBook, item: TextItem) {
  const { style } = item;
  ctx.fillStyle = style.color;
  // A run no shipped face has (an emoji) is left out: emojiPictures.ts put its picture in its place.
  for (const run of fonts.placedRuns(item)) {
    if (!run.face) continue;
    ctx.font = `${run.face.spec.weight} ${style.size}px "${env.family(run.face)}"`;
    ctx.fillText(run.text, run.x, item.y);
    if (run.syntheticBold) {
      ctx.strokeStyle = style.color;
      ctx.lineWidth = style.size * SYNTHETIC_BOLD;
      ctx.strokeText(run.text, run.x, item.y);
    }
  }
}

function paintItem(ctx: Canvas2D, env: CanvasEnv, fonts: FontBook, item: DrawingItem) {
  switch (item.kind) {
    case 'rect':
      paintShape(ctx, env, roundedRectPath(item.x, item.y, item.width, item.height, item.radius ?? 0), item);
      return;
    case 'path':
      paintShape(ctx, env, item.d, item);
      return;
    case 'text':
      paintText(ctx, env, fonts, item);
      return;
    case 'image':
      for (const shape of svgPathsOf(item.svg, item)) paintShape(ctx, env, shape.d, shape);
      return;
  }
}

/** Paints `page` at `scale` canvas pixels per page unit, on white unless `transparent`. */
export function paintPage(ctx: Canvas2D, env: CanvasEnv, fonts: FontBook, page: DrawingPage, scale: number, transparent: boolean) {
  ctx.save();
  ctx.scale(scale, scale);
  if (!transparent) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, page.width, page.height);
  }
  ctx.textBaseline = 'alphabetic';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  // Glyphs go where the font book measured them: by their advances, without kerning.
  ctx.fontKerning = 'none';
  for (const item of page.items) paintItem(ctx, env, fonts, item);
  ctx.restore();
}
