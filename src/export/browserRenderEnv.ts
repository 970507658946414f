/**
 * Where a browser export gets what the drawing needs: the page's own font
 * files (drawing/pageFonts.ts), the persona emoji pictures the app serves,
 * and a 2D canvas for PNGs. All of them come from the app's own origin, so
 * the service worker has them for an export made offline.
 */
import { emojiImageUrl } from '../emojiImages';
import { pageFontBook } from './drawing/pageFonts';
import { pageToPngBlob } from './png/pagePng';
import type { RenderEnv } from './renderMapFile';

/** Twemoji's SVG of an emoji; null when there is none (or it cannot be fetched): the avatar is drawn without it. */
async function emojiSvg(emoji: string): Promise<string | null> {
  try {
    const res = await fetch(emojiImageUrl(emoji));
    return res.ok && res.headers.get('content-type')?.includes('svg') ? await res.text() : null;
  } catch {
    return null;
  }
}

export function browserRenderEnv(): RenderEnv {
  return {
    fonts: pageFontBook(),
    emojiSvg,
    png: async (page, fonts, options) => new Uint8Array(await (await pageToPngBlob(page, fonts, options)).arrayBuffer()),
  };
}
