/**
 * Which font file draws which characters in an export, from @font-face
 * rules: in the browser the page's own (so an export uses the files the page
 * and the service worker already have), on the server the same stylesheets
 * read from disk (server/export/fontFiles.ts). Tried in the order the page's
 * --font names them, with static Inter (declared for exports only: a PDF
 * needs a real bold, which the variable face cannot give an embedder) in
 * place of Inter Variable. Chinese has one weight, as on screen: its bold is
 * synthesised by the back ends, as browsers do.
 */
import { inRanges, parseUnicodeRange, type CodeRange } from '../../unicodeRange';
import type { FontWeight } from './types';

export const EXPORT_FAMILIES = ['Inter', 'Noto Sans SC Latin UI', 'Noto Sans SC UI', 'Noto Sans SC'] as const;
export type ExportFamily = (typeof EXPORT_FAMILIES)[number];

export interface FaceSpec {
  family: ExportFamily;
  weight: FontWeight;
  /** where the WOFF2 file is: a URL in the browser, a path on the server */
  source: string;
  ranges: CodeRange[];
}

/** One @font-face rule as a stylesheet states it. */
export interface FaceRule {
  family: string;
  weight: string;
  /** the rule's first woff2 source, resolved */
  source: string;
  unicodeRange: string;
}

const unquoted = (family: string) => family.trim().replace(/^["']|["']$/g, '');

/** @font-face rules of a stylesheet's text, their url()s resolved by `resolve`. */
export function faceRulesOf(css: string, resolve: (url: string) => string): FaceRule[] {
  return css
    .split('@font-face')
    .slice(1)
    .flatMap((block) => {
      const family = /font-family:\s*([^;]+);/.exec(block)?.[1];
      const url = /url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/.exec(block)?.[1];
      if (!family || !url) return [];
      return [
        {
          family: unquoted(family),
          weight: /font-weight:\s*([^;]+);/.exec(block)?.[1]?.trim() ?? '400',
          source: resolve(url),
          unicodeRange: /unicode-range:\s*([^;]+);/.exec(block)?.[1] ?? 'U+0-10FFFF',
        },
      ];
    });
}

/** The export's faces among `rules`, in the order they are tried. */
export function faceCatalogue(rules: readonly FaceRule[]): FaceSpec[] {
  const rank = (family: string) => EXPORT_FAMILIES.indexOf(family as ExportFamily);
  return rules
    .filter((r) => rank(r.family) >= 0 && (r.weight === '400' || r.weight === '700'))
    .map((r) => ({
      family: r.family as ExportFamily,
      weight: Number(r.weight) as FontWeight,
      source: r.source,
      ranges: parseUnicodeRange(r.unicodeRange),
    }))
    .sort((a, b) => rank(a.family) - rank(b.family));
}

export const covers = (face: Pick<FaceSpec, 'ranges'>, codePoint: number): boolean => inRanges(face.ranges, codePoint);
