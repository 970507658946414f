/**
 * The exports' fonts on the server: the faces the browser's page declares
 * (static Inter for exports, the Chinese font as the build cuts it:
 * scripts/fontFaces.ts), read from the same stylesheets on disk, so an export
 * made here uses the same files as one made in the browser. Files are turned
 * into TrueType once per process (wawoff2).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import decompress from 'wawoff2/decompress.js';
import { generateFontFaces } from '../../scripts/fontFaces';
import { faceCatalogue, faceRulesOf, type FaceRule, type FaceSpec } from '../../src/export/drawing/fontCatalogue';
import { createFontBook, type FontBook } from '../../src/export/drawing/fontBook';

const require = createRequire(import.meta.url);

const rulesOfFile = (css: string): FaceRule[] => faceRulesOf(fs.readFileSync(css, 'utf8'), (url) => path.resolve(path.dirname(css), url));

let catalogue: Promise<FaceSpec[]> | undefined;
const catalogueOnce = () =>
  (catalogue ??= (async () => {
    const inter = path.dirname(require.resolve('@fontsource/inter/package.json'));
    const chinese = await generateFontFaces(process.cwd());
    return faceCatalogue([
      ...rulesOfFile(path.join(inter, '400.css')),
      ...rulesOfFile(path.join(inter, '700.css')),
      ...rulesOfFile(chinese.css),
    ]);
  })());

const ttfCache = new Map<string, Promise<Uint8Array>>();
/**
 * wawoff2 returns a view of its wasm memory that the next conversion
 * overwrites: conversions run one at a time, each copied out before the next.
 */
let conversions: Promise<unknown> = Promise.resolve();
const toTrueType = (woff2: Uint8Array): Promise<Uint8Array> => {
  const ttf = conversions.then(async () => new Uint8Array(await decompress(woff2)));
  conversions = ttf.catch(() => undefined);
  return ttf;
};

/** TrueType of a face, converted once per process: every export reuses it. */
function loadFace(spec: FaceSpec): Promise<Uint8Array> {
  let ttf = ttfCache.get(spec.source);
  if (!ttf) {
    ttf = fs.promises.readFile(spec.source).then(toTrueType);
    ttfCache.set(spec.source, ttf);
  }
  return ttf;
}

/** A font book over the shipped faces; each export makes its own (what it loaded is what it embeds). */
export async function nodeFontBook(): Promise<FontBook> {
  return createFontBook(await catalogueOnce(), loadFace);
}
