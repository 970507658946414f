/**
 * PNG on the server: a drawing's page painted on @napi-rs/canvas (Skia) by
 * the same painter as in the browser (src/export/png/paintCanvas.ts), with
 * the export's faces registered under one alias each.
 */
import { createCanvas, GlobalFonts, Path2D } from '@napi-rs/canvas';
import type { FontBook, LoadedFace } from '../../src/export/drawing/fontBook';
import type { DrawingPage } from '../../src/export/drawing/types';
import { pixelRatioFor } from '../../src/export/plan';
import { paintPage, type Canvas2D } from '../../src/export/png/paintCanvas';

/** Faces registered with Skia so far (registration is process-wide): source → alias. */
const registered = new Map<string, string>();

function familyOf(face: LoadedFace): string {
  let alias = registered.get(face.spec.source);
  if (!alias) {
    alias = `journeyboard-export-${registered.size}`;
    GlobalFonts.register(Buffer.from(face.ttf), alias);
    registered.set(face.spec.source, alias);
  }
  return alias;
}

/** 2× where the canvas limits allow, as in the browser. */
export async function pageToPng(page: DrawingPage, fonts: FontBook, options: { transparent: boolean }): Promise<Buffer> {
  const scale = pixelRatioFor(page.width, page.height);
  const canvas = createCanvas(Math.ceil(page.width * scale), Math.ceil(page.height * scale));
  const ctx = canvas.getContext('2d');
  paintPage(ctx as unknown as Canvas2D, { path: (d) => new Path2D(d), family: familyOf }, fonts, page, scale, options.transparent);
  // zlib level 3: a map is large flat areas, which compress almost as well at a fraction of level 6's time.
  return canvas.encode('png', { compressionLevel: 3 });
}
