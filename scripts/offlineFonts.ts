/**
 * Which of the shipped font files the app's own text needs (for the build's
 * asset manifest, so the service worker keeps them and a map opened offline
 * still draws its Chinese): every Inter file, and each Noto Sans SC file
 * whose unicode-range covers a character of the UI's translations or of the
 * templates. Text people write is covered by the service worker caching
 * whatever font file a page fetched while online.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The texts whose characters must draw offline. */
const OWN_TEXT = ['src/i18n', 'src/model/templates'];

const charsOf = (dir: string): string =>
  fs
    .readdirSync(dir)
    .filter((f) => /\.(json|ts)$/.test(f))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('');

const parseRanges = (value: string): [number, number][] =>
  value.split(',').map((part): [number, number] => {
    const [from = '0', to = from] = part.trim().replace(/^u\+/i, '').split('-');
    return [parseInt(from, 16), parseInt(to, 16)];
  });

/** Source font files (basenames, e.g. noto-sans-sc-4-400-normal.woff2) to keep offline. */
export function offlineFontFiles(root: string): Set<string> {
  const text = OWN_TEXT.map((d) => charsOf(path.join(root, d))).join('');
  const points = new Set([...text].map((ch) => ch.codePointAt(0)!));
  const css = fs.readFileSync(path.join(root, 'node_modules/@fontsource/noto-sans-sc/400.css'), 'utf8');
  const keep = new Set<string>();
  for (const face of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(face)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(face)?.[1];
    if (!file || !range) continue;
    const ranges = parseRanges(range);
    if ([...points].some((cp) => ranges.some(([a, b]) => cp >= a && cp <= b))) keep.add(file);
  }
  for (const file of fs.readdirSync(path.join(root, 'node_modules/@fontsource-variable/inter/files')))
    if (file.endsWith('.woff2')) keep.add(file);
  return keep;
}
