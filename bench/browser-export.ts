/**
 * Export times in Chromium for the backpack template (63 cards) and the same
 * map filled to 200 and 600 cards: PNG (whole map, 2×), PDF (the whole map
 * on one page, the default) and PDF on A4 with the summary page, from the
 * click on Export until the browser has the file. Also the file sizes, the
 * PNG's pixel size and the PDF's page count (pdf.js). Needs `npm run build`;
 * returns null without it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { largeMapOnServer } from './largeMapOnServer';
import { readPdf } from '../tests/e2e/pdf';
import { withBuiltApp } from './builtApp';

async function runExport(page: Page, format: 'png' | 'pdf', a4Summary = false) {
  await page.getByTestId('export-button').click();
  await page.getByTestId(`export-format-${format}`).check();
  if (a4Summary) {
    await page.getByTestId('export-paper-a4').check();
    await page.getByTestId('export-summary').check();
  }
  const t0 = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('export-run').click()]);
  const ms = Date.now() - t0;
  const file = path.join(os.tmpdir(), `bench-export-${process.pid}.${format}`);
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  const detail =
    format === 'png' ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : { pages: (await readPdf(file)).pages };
  fs.rmSync(file);
  await page.getByTestId('export-close').click();
  return { ms, bytes: bytes.length, ...detail };
}

export function browserExport() {
  return withBuiltApp(async ({ base, browser }) => {
    const results: Record<string, unknown> = {};
    for (const cards of [63, 200, 600]) {
      const author = await largeMapOnServer(base, cards, 'zh-CN');
      const mapId = author.provider.roomname;
      author.close();
      const context = await browser.newContext({
        baseURL: base,
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      await page.goto(`/m/${mapId}`);
      await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
      await page.getByTestId('card').first().waitFor();
      const runs = { png: [] as unknown[], pdf: [] as unknown[], pdfA4Summary: [] as unknown[] };
      // Twice each: the first run also loads the export code and the fonts.
      for (let i = 0; i < 2; i++) {
        runs.png.push(await runExport(page, 'png'));
        runs.pdf.push(await runExport(page, 'pdf'));
        runs.pdfA4Summary.push(await runExport(page, 'pdf', true));
      }
      results[`cards${cards}`] = runs;
      await context.close();
    }
    return results;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await browserExport(), null, 2));
