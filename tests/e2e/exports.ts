/** Exports made through the Export dialog, and what their pixels show (decoded by the test's browser). */
import fs from 'node:fs';
import { expect, type Page, type TestInfo } from '@playwright/test';

let exportCount = 0;

export async function exportFile(page: Page, testInfo: TestInfo, format: string, options: (page: Page) => Promise<void> = async () => {}) {
  await page.getByTestId('export-button').click();
  await page.getByTestId(`export-format-${format}`).check();
  await options(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
  // Numbered: two exports of one map have the same name, and the test compares them.
  const file = testInfo.outputPath(`${++exportCount}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  await expect(page.getByTestId('export-done')).toBeVisible();
  return { file, name: download.suggestedFilename() };
}

export const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

/** Pixel statistics of a PNG, decoded by the browser: how much is drawn, in how many colours, per horizontal band. */
export async function pixelStats(page: Page, file: string, bands = 4) {
  const base64 = fs.readFileSync(file).toString('base64');
  return page.evaluate(
    async ({ base64, bands }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      // Scaled down to keep the readback fast; enough to tell drawn from blank.
      const w = Math.round(img.width / 4);
      const h = Math.round(img.height / 4);
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0, w, h);
      const data = ctx.getImageData(0, 0, w, h).data;
      const colours = new Set<number>();
      const drawn = new Array<number>(bands).fill(0);
      let transparent = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a === 0) transparent++;
        colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
        if (a > 0 && (r < 235 || g < 235 || b < 235)) drawn[Math.min(bands - 1, Math.floor((i / 4 / w / h) * bands))]!++;
      }
      const perBand = (w * h) / bands;
      const alphaAt = (x: number, y: number) => data[(y * w + x) * 4 + 3]!;
      return {
        colours: colours.size,
        drawn: drawn.map((d) => d / perBand),
        transparent: transparent / (w * h),
        /** alpha of the four corners: top left, top right, bottom left, bottom right */
        cornerAlpha: [alphaAt(0, 0), alphaAt(w - 1, 0), alphaAt(0, h - 1), alphaAt(w - 1, h - 1)],
      };
    },
    { base64, bands },
  );
}

/** The share of pixels that differ between two PNGs (1 when their sizes differ). */
export async function pixelDifference(page: Page, a: string, b: string): Promise<number> {
  const first = fs.readFileSync(a).toString('base64');
  const second = fs.readFileSync(b).toString('base64');
  return page.evaluate(
    async ({ first, second }) => {
      const read = async (base64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${base64}`;
        await img.decode();
        const ctx = new OffscreenCanvas(img.width, img.height).getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      const [x, y] = [await read(first), await read(second)];
      if (x.length !== y.length) return 1;
      let differing = 0;
      for (let i = 0; i < x.length; i += 4) {
        if (Math.abs(x[i]! - y[i]!) + Math.abs(x[i + 1]! - y[i + 1]!) + Math.abs(x[i + 2]! - y[i + 2]!) > 48) differing++;
      }
      return differing / (x.length / 4);
    },
    { first, second },
  );
}
