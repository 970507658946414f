/**
 * The app's own fonts for a rasterised export. html-to-image draws a surface
 * as an SVG image, and an image sees no web font of the page: without them
 * Chinese text is drawn with whatever the computer has, or as nothing. Its
 * own embedding would fetch every @font-face of every stylesheet (the
 * Chinese face alone is split into about a hundred files), so this gives it
 * only the faces the page has loaded whose unicode-range covers a character
 * of the surface, each file read once per session and inlined as a data: URL.
 */

import { parseUnicodeRange } from '../unicodeRange';

interface FaceRule {
  family: string;
  style: string;
  weight: string;
  unicodeRange: string;
  /** [from, to] code point ranges */
  ranges: [number, number][];
  url: string;
}

const covers = (ranges: [number, number][], text: string): boolean => {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ranges.some(([from, to]) => cp >= from && cp <= to)) return true;
  }
  return false;
};

/** One key for a face however a browser spells its range (case, spaces, leading zeros). */
const faceKey = (family: string, unicodeRange: string) => `${unquoted(family)}|${parseUnicodeRange(unicodeRange).join(';')}`;
const unquoted = (family: string) => family.trim().replace(/^["']|["']$/g, '');

/** The @font-face rules of the page's stylesheets, with their first woff2 (else first) source resolved. */
function faceRules(): FaceRule[] {
  const rules: FaceRule[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let cssRules: CSSRuleList;
    try {
      cssRules = sheet.cssRules;
    } catch {
      continue; // another origin's stylesheet: not ours
    }
    for (const rule of Array.from(cssRules)) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const src = rule.style.getPropertyValue('src');
      const urls = [...src.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)\s*(?:format\(\s*["']?([^"')]+)["']?\s*\))?/g)];
      const chosen = urls.find((m) => m[2]?.startsWith('woff2')) ?? urls[0];
      if (!chosen) continue;
      const unicodeRange = rule.style.getPropertyValue('unicode-range') || 'U+0-10FFFF';
      rules.push({
        family: unquoted(rule.style.getPropertyValue('font-family')),
        style: rule.style.getPropertyValue('font-style') || 'normal',
        weight: rule.style.getPropertyValue('font-weight') || '400',
        unicodeRange,
        ranges: parseUnicodeRange(unicodeRange),
        url: new URL(chosen[1]!, sheet.href ?? document.baseURI).href,
      });
    }
  }
  return rules;
}

const dataUrls = new Map<string, Promise<string>>();

function dataUrlOf(url: string): Promise<string> {
  let pending = dataUrls.get(url);
  if (!pending) {
    pending = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`font ${url}: ${r.status}`);
        return r.blob();
      })
      .then(
        (blob) =>
          new Promise<string>((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve(reader.result as string);
            reader.onerror = () => reject(reader.error);
            reader.readAsDataURL(blob);
          }),
      );
    // A failed read is tried again by the next export.
    pending.catch(() => dataUrls.delete(url));
    dataUrls.set(url, pending);
  }
  return pending;
}

/** CSS for html-to-image's fontEmbedCSS: the loaded faces `element`'s text needs, their files inlined. */
export async function embeddedFontCSS(element: HTMLElement): Promise<string> {
  await document.fonts.ready;
  const text = element.textContent ?? '';
  const loaded = new Set(
    Array.from(document.fonts)
      .filter((face) => face.status === 'loaded')
      .map((face) => faceKey(face.family, face.unicodeRange)),
  );
  const wanted = faceRules().filter((rule) => loaded.has(faceKey(rule.family, rule.unicodeRange)) && covers(rule.ranges, text));
  const css = await Promise.all(
    wanted.map(async (rule) => {
      const src = await dataUrlOf(rule.url).catch(() => null);
      if (!src) return '';
      return `@font-face{font-family:"${rule.family}";font-style:${rule.style};font-weight:${rule.weight};src:url(${src});unicode-range:${rule.unicodeRange};}`;
    }),
  );
  return css.filter(Boolean).join('\n');
}
