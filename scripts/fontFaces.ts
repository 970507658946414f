/**
 * The Chinese font as the build serves it. @fontsource/noto-sans-sc splits
 * Noto Sans SC into about a hundred unicode-range files; measured in
 * Chromium (bench/page-weight.ts), opening the zh-CN backpack template
 * fetched 22 of them (692 KB) and an English page 7 (188 KB) for the four
 * characters of "简体中文" — Chromium fetches every face of a family whose
 * range meets a text run it falls back on, and most of those files list
 * ASCII characters too. So the build serves, in this order of preference:
 *   1. "Noto Sans SC Latin UI": the few characters English pages show that
 *      Inter lacks (the language switch's 简体中文, arrows and symbols),
 *      cut out of Noto Sans SC's files: a few KB;
 *   2. "Noto Sans SC UI": every other character of the app's own text (the
 *      zh-CN translations, the templates, Chinese in the code), cut out the
 *      same way;
 *   3. "Noto Sans SC": the whole font, for what people write, with the
 *      characters Inter draws taken out of its ranges.
 * The cut files keep Noto's glyphs and weight as they are, so a character
 * looks the same whichever family draws it. They are made with harfbuzz's
 * subsetter (subset-font) into node_modules/.cache and reused while the
 * text and the font stay the same.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import subsetFont from 'subset-font';
import { formatUnicodeRange, inRanges, parseUnicodeRange, rangesOf, type CodeRange } from '../src/unicodeRange';

/** What src/fonts.ts imports; the Vite plugin in vite.config.ts resolves it to the generated stylesheet. */
export const FONT_FACES_ID = 'virtual:journeyboard-font-faces.css';

interface SourceFace {
  /** file name in @fontsource/noto-sans-sc/files */
  file: string;
  /** what the file is called in the subset's name: its slice number or script */
  slice: string;
  ranges: CodeRange[];
}

interface Tier {
  family: string;
  slug: string;
  chars: Set<number>;
}

export interface FontFaces {
  /** the generated stylesheet (url()s relative to it) */
  css: string;
  /** basenames of the cut files: all of them are the app's own text, which the service worker keeps */
  ownTextFiles: string[];
}

const NOTO = 'node_modules/@fontsource/noto-sans-sc';
const INTER_CSS = 'node_modules/@fontsource-variable/inter/index.css';
/** Where the app's own text is: translations, templates, and the UI code's literals. */
const OWN_TEXT_DIRS = ['src'];
/** The English translations: what an English page can show. */
const ENGLISH_TEXT = /(^|\.)en\.json$/;
/** Chinese words (ideographs) in the code are for zh-CN readers; its symbols (● ≥ ←) show in every language. */
const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** `ranges` without the code points of `minus`. */
function subtract(ranges: CodeRange[], minus: CodeRange[]): CodeRange[] {
  let out = ranges;
  for (const [ma, mb] of minus) {
    out = out.flatMap(([a, b]): CodeRange[] => {
      if (mb < a || ma > b) return [[a, b]];
      const left: CodeRange[] = a < ma ? [[a, ma - 1]] : [];
      const right: CodeRange[] = b > mb ? [[mb + 1, b]] : [];
      return [...left, ...right];
    });
  }
  return out;
}

function faceBlocks(css: string): string[] {
  return css
    .split('@font-face')
    .slice(1)
    .map((b) => b.slice(b.indexOf('{') + 1, b.lastIndexOf('}')));
}

function notoFaces(root: string): SourceFace[] {
  return faceBlocks(fs.readFileSync(path.join(root, NOTO, '400.css'), 'utf8')).flatMap((block) => {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) return [];
    const slice = /^noto-sans-sc-(.+)-400-normal\.woff2$/.exec(file)?.[1] ?? file;
    return [{ file, slice, ranges: parseUnicodeRange(range) }];
  });
}

function interRanges(root: string): CodeRange[] {
  return faceBlocks(fs.readFileSync(path.join(root, INTER_CSS), 'utf8')).flatMap((block) =>
    parseUnicodeRange(/unicode-range:\s*([^;]+);/.exec(block)?.[1] ?? ''),
  );
}

/** The text of every translation and source file under the own-text folders that `pick` accepts (tests are not the app's). */
const textOf = (root: string, pick: (file: string) => boolean): string =>
  OWN_TEXT_DIRS.flatMap((dir) =>
    (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
      .filter((f) => /\.(json|tsx?)$/.test(f) && !/\.test\.tsx?$/.test(f) && pick(f))
      .map((f) => fs.readFileSync(path.join(root, dir, f), 'utf8')),
  ).join('');

/** The app's own characters that fall to Noto Sans SC (Inter draws the rest), split into the two tiers. */
function tiers(root: string, faces: SourceFace[], inter: CodeRange[]): Tier[] {
  const needsNoto = (text: string) =>
    new Set(
      [...new Set(text)].map((ch) => ch.codePointAt(0)!).filter((cp) => !inRanges(inter, cp) && faces.some((f) => inRanges(f.ranges, cp))),
    );
  const codeSymbols = [...new Set(textOf(root, (f) => /\.tsx?$/.test(f)))].filter((ch) => !IDEOGRAPH.test(ch)).join('');
  const english = needsNoto(textOf(root, (f) => ENGLISH_TEXT.test(path.basename(f))) + codeSymbols);
  const own = needsNoto(textOf(root, () => true));
  return [
    { family: 'Noto Sans SC Latin UI', slug: 'latin-ui', chars: english },
    { family: 'Noto Sans SC UI', slug: 'ui', chars: new Set([...own].filter((cp) => !english.has(cp))) },
  ];
}

const face = (family: string, url: string, range: string) =>
  `@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-display: swap;\n  font-weight: 400;\n` +
  `  src: url(${url}) format('woff2');\n  unicode-range: ${range};\n}\n`;

/** Writes the stylesheet and the cut files (once per text and font version) and says where they are. */
export async function generateFontFaces(root: string): Promise<FontFaces> {
  const faces = notoFaces(root);
  const inter = interRanges(root);
  const tierList = tiers(root, faces, inter);
  const notoVersion = (JSON.parse(fs.readFileSync(path.join(root, NOTO, 'package.json'), 'utf8')) as { version: string }).version;
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify([notoVersion, fs.readFileSync(path.join(root, INTER_CSS), 'utf8'), tierList.map((t) => [...t.chars])]))
    .update(fs.readFileSync(new URL(import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(root, 'node_modules/.cache/journeyboard-fonts', key);
  const css = path.join(dir, 'font-faces.css');
  const manifest = path.join(dir, 'own-text-files.json');
  if (fs.existsSync(css) && fs.existsSync(manifest))
    return { css, ownTextFiles: JSON.parse(fs.readFileSync(manifest, 'utf8')) as string[] };

  fs.mkdirSync(dir, { recursive: true });
  const rules: string[] = [];
  const ownTextFiles: string[] = [];
  for (const tier of tierList) {
    for (const source of faces) {
      const chars = [...tier.chars].filter((cp) => inRanges(source.ranges, cp));
      if (chars.length === 0) continue;
      const name = `noto-sans-sc-${tier.slug}-${source.slice}.woff2`;
      const cut = await subsetFont(fs.readFileSync(path.join(root, NOTO, 'files', source.file)), String.fromCodePoint(...chars), {
        targetFormat: 'woff2',
      });
      fs.writeFileSync(path.join(dir, name), cut);
      ownTextFiles.push(name);
      rules.push(face(tier.family, `./${name}`, formatUnicodeRange(rangesOf(chars))));
    }
  }
  const toNoto = path
    .relative(dir, path.join(root, NOTO, 'files'))
    .split(path.sep)
    .join('/');
  for (const source of faces) {
    const ranges = subtract(source.ranges, inter);
    if (ranges.length > 0) rules.push(face('Noto Sans SC', `${toNoto}/${source.file}`, formatUnicodeRange(ranges)));
  }
  fs.writeFileSync(manifest, JSON.stringify(ownTextFiles));
  // Written last: its presence says the folder is complete.
  fs.writeFileSync(css, `/* Generated by scripts/fontFaces.ts */\n${rules.join('')}`);
  return { css, ownTextFiles };
}
