/**
 * PDFs read back with pdf.js (pdfjs-dist), no system tools: in Node for what
 * a PDF says (pages, page sizes, title, the text on each page), and in the
 * test's Chromium for what its pages look like (rendered to PNG).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFacts {
  pages: number;
  /** each page's size in points (1/72 in), as [width, height] */
  sizes: [number, number][];
  title: string;
  author: string;
  /** the titles of the outline's (bookmarks') top entries */
  outline: string[];
  /** the text of each page, its items joined by spaces */
  text: string[];
}

export async function readPdf(file: string): Promise<PdfFacts> {
  const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false }).promise;
  try {
    const sizes: [number, number][] = [];
    const text: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      sizes.push([+(x1 - x0).toFixed(2), +(y1 - y0).toFixed(2)]);
      const content = await page.getTextContent();
      text.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .filter(Boolean)
          .join(' '),
      );
    }
    const { info } = (await pdf.getMetadata()) as { info: { Title?: string; Author?: string } };
    const outline = ((await pdf.getOutline()) ?? []).map((entry) => entry.title);
    return { pages: pdf.numPages, sizes, title: info.Title ?? '', author: info.Author ?? '', outline, text };
  } finally {
    await pdf.destroy();
  }
}

/** Paper sizes in points, as PDFs state them (A4 842 × 595 landscape). */
export const PAPER_PT = { a4: [841.89, 595.28], a3: [1190.55, 841.89] } as const;

/** Whether a page of `size` is a sheet of `paper`, either way up. */
export const isPaper = (size: [number, number], paper: keyof typeof PAPER_PT): boolean =>
  [...size].sort((a, b) => b - a).every((side, i) => Math.abs(side - PAPER_PT[paper][i]!) < 0.5);

const require = createRequire(import.meta.url);
let sources: { lib: string; worker: string } | null = null;
/** pdf.js's browser build, read once: handed to the page as module source (no server, no service worker in the way). */
const pdfjsSources = () =>
  (sources ??= {
    lib: fs.readFileSync(require.resolve('pdfjs-dist/build/pdf.min.mjs'), 'utf8'),
    worker: fs.readFileSync(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), 'utf8'),
  });

/**
 * Renders pages of `file` to PNG files (`<prefix>-<n>.png`, at `dpi`) in a
 * blank page of `page`'s browser context, and returns their paths in page order.
 */
export async function renderPdf(
  page: Page,
  file: string,
  prefix: string,
  opts: { dpi?: number; pages?: number[] } = {},
): Promise<string[]> {
  const blank = await page.context().newPage();
  try {
    const { lib, worker } = pdfjsSources();
    const pngs = await blank.evaluate(
      async ({ lib, worker, data, scale, wanted }) => {
        const url = (source: string) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const pdfjs = (await import(/* @vite-ignore */ url(lib))) as typeof import('pdfjs-dist');
        pdfjs.GlobalWorkerOptions.workerSrc = url(worker);
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const pdf = await pdfjs.getDocument({ data: bytes }).promise;
        const out: string[] = [];
        for (const n of wanted ?? Array.from({ length: pdf.numPages }, (_, i) => i + 1)) {
          const p = await pdf.getPage(n);
          const viewport = p.getViewport({ scale });
          const canvas = document.createElement('canvas');
          canvas.width = Math.ceil(viewport.width);
          canvas.height = Math.ceil(viewport.height);
          await p.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
          out.push(canvas.toDataURL('image/png').split(',')[1]!);
        }
        await pdf.destroy();
        return out;
      },
      { lib, worker, data: fs.readFileSync(file).toString('base64'), scale: (opts.dpi ?? 60) / 72, wanted: opts.pages ?? null },
    );
    return pngs.map((png, i) => {
      const out = `${prefix}-${opts.pages?.[i] ?? i + 1}.png`;
      fs.writeFileSync(out, Buffer.from(png, 'base64'));
      return out;
    });
  } finally {
    await blank.close();
  }
}
