/**
 * Turns a rendered export surface into pixels. Surfaces are mounted in a
 * separate React root outside the viewport (with the open map's context and
 * nodes drawn read-only), then rasterised by html-to-image (pinned at
 * 1.11.11: 1.11.13 drops React Flow edges). Fonts are awaited first, or
 * Chinese text would be captured before its face is loaded.
 */
import type { ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { toCanvas } from 'html-to-image';
import { embeddedFontCSS } from './fontEmbed';
import { MapProvider, type OpenMap } from '../canvas/mapContext';
import { StaticRenderContext } from '../state/session';
import type { Rect } from './plan';

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new ExportCancelled();
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** An offscreen React root rendering export surfaces for one open map. */
export interface Stage {
  /** Renders `surface` in a box of `box` size offset by its x/y, and resolves with that box once it is painted. */
  show(surface: ReactElement, box: Rect): Promise<HTMLElement>;
  destroy(): void;
}

export function createStage(map: OpenMap): Stage {
  const host = document.createElement('div');
  host.className = 'export-host';
  host.setAttribute('aria-hidden', 'true');
  document.body.appendChild(host);
  const root: Root = createRoot(host);
  return {
    async show(surface, box) {
      flushSync(() =>
        root.render(
          <StaticRenderContext.Provider value={true}>
            <MapProvider value={map}>
              <div className="export-box" style={{ width: box.width, height: box.height }}>
                <div style={{ position: 'absolute', left: -box.x, top: -box.y }}>{surface}</div>
              </div>
            </MapProvider>
          </StaticRenderContext.Provider>,
        ),
      );
      await document.fonts.ready;
      const images = [...host.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined));
      await Promise.all(images);
      await nextFrame();
      return host.firstElementChild as HTMLElement;
    },
    destroy() {
      root.unmount();
      host.remove();
    },
  };
}

/** Rasterises a shown box, its text in the app's own fonts (fontEmbed.ts). */
export async function rasterise(element: HTMLElement, box: Rect, pixelRatio: number, backgroundColor?: string): Promise<HTMLCanvasElement> {
  return toCanvas(element, {
    width: box.width,
    height: box.height,
    pixelRatio,
    backgroundColor,
    fontEmbedCSS: await embeddedFontCSS(element),
    skipAutoScale: true,
  });
}
