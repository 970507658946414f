/**
 * PNG in the browser: a drawing's page painted on a canvas by the shared
 * painter (paintCanvas.ts), the export's faces added to the document under
 * one alias each, so the canvas draws the very glyphs the PDF embeds.
 */
import type { FontBook, LoadedFace } from '../drawing/fontBook';
import type { DrawingPage } from '../drawing/types';
import { pixelRatioFor } from '../plan';
import { paintPage, type Canvas2D } from './paintCanvas';

const aliases = new Map<string, Promise<string>>();

function register(face: LoadedFace): Promise<string> {
  let alias = aliases.get(face.spec.source);
  if (!alias) {
    const name = `journeyboard-export-${aliases.size}`;
    const fontFace = new FontFace(name, face.ttf.slice().buffer, { weight: String(face.spec.weight) });
    alias = fontFace.load().then((loaded) => {
      document.fonts.add(loaded);
      return name;
    });
    aliases.set(face.spec.source, alias);
  }
  return alias;
}

export async function pageToPngBlob(page: DrawingPage, fonts: FontBook, options: { transparent: boolean }): Promise<Blob> {
  const faces = fonts.faces();
  const names = new Map(await Promise.all(faces.map(async (f) => [f, await register(f)] as const)));
  const scale = pixelRatioFor(page.width, page.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(page.width * scale);
  canvas.height = Math.ceil(page.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  paintPage(
    ctx as unknown as Canvas2D,
    { path: (d) => new Path2D(d), family: (f) => names.get(f)! },
    fonts,
    page,
    scale,
    options.transparent,
  );
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
