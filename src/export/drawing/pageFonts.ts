/**
 * The exports' fonts in the browser: the page's own @font-face rules (the
 * files the page and the service worker already have, so an export works
 * offline), each file fetched once per page and turned into TrueType.
 */
import { faceCatalogue, type FaceRule, type FaceSpec } from './fontCatalogue';
import { createFontBook, type FontBook } from './fontBook';

function pageFaceRules(): FaceRule[] {
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
      const url = /url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/.exec(rule.style.getPropertyValue('src'))?.[1];
      if (!url) continue;
      rules.push({
        family: rule.style
          .getPropertyValue('font-family')
          .trim()
          .replace(/^["']|["']$/g, ''),
        weight: rule.style.getPropertyValue('font-weight') || '400',
        source: new URL(url, sheet.href ?? document.baseURI).href,
        unicodeRange: rule.style.getPropertyValue('unicode-range') || 'U+0-10FFFF',
      });
    }
  }
  return rules;
}

const ttfCache = new Map<string, Promise<Uint8Array>>();

/** TrueType of a face, converted once per page (the converter is loaded with the first export). */
function loadFace(spec: FaceSpec): Promise<Uint8Array> {
  let ttf = ttfCache.get(spec.source);
  if (!ttf) {
    const woff2 = fetch(spec.source).then(async (res) => {
      if (!res.ok) throw new Error(`font ${spec.source}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    });
    ttf = Promise.all([woff2, import('./woff2InBrowser')]).then(([bytes, { woff2ToTtf }]) => woff2ToTtf(bytes));
    ttf.catch(() => ttfCache.delete(spec.source)); // a failed fetch is tried again by the next export
    ttfCache.set(spec.source, ttf);
  }
  return ttf;
}

let catalogue: FaceSpec[] | undefined;

/** A font book over the page's faces; each export makes its own (what it loaded is what it embeds). */
export function pageFontBook(): FontBook {
  catalogue ??= faceCatalogue(pageFaceRules());
  return createFontBook(catalogue, loadFace);
}
