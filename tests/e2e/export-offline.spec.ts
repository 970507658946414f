import fs from 'node:fs';
import { expect, test } from './fixtures';
import { createMap, openMap } from './helpers';
import { exportFile, pixelStats, pngSize } from './exports';
import { readPdf } from './pdf';

// These are about the service worker's copy of the app: it is blocked everywhere else (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

// The export dialog is a lazy chunk: it must work offline on a device that
// opened the app online once (the service worker keeps every chunk), and a
// chunk that cannot load must not take the page down.

test('Export works offline on a device that never opened it online', async ({ browser, request }, testInfo) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'zh-CN' });
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const chunks: string[] = [];
  page.on('request', (r) => /ExportDialog/.test(r.url()) && chunks.push(r.url()));
  await openMap(page, mapId);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // Installed: the worker kept the export chunk without the page ever asking for it.
  await expect
    .poll(() =>
      page.evaluate(
        async () =>
          (await caches.keys()).length > 0 &&
          (await (await caches.open((await caches.keys())[0]!)).keys()).some((r) => /ExportDialog/.test(r.url)),
      ),
    )
    .toBe(true);
  expect(chunks).toEqual([]);

  await context.setOffline(true);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-format-csv-touchpoints').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
  expect(fs.readFileSync((await download.path())!, 'utf8')).toContain('小红书测评笔记');
  await page.getByTestId('export-close').click();

  // Pictures too: the renderer, its font converter and the export's fonts were kept as well.
  const pdf = await readPdf((await exportFile(page, testInfo, 'pdf')).file);
  expect(pdf.text.join('').replace(/\s+/g, '')).toContain('小红书测评笔记');
  await page.getByTestId('export-close').click();
  const png = await exportFile(page, testInfo, 'png');
  expect(pngSize(fs.readFileSync(png.file)).width).toBeGreaterThan(2000);
  for (const band of (await pixelStats(page, png.file)).drawn) expect(band).toBeGreaterThan(0.02);
  await context.close();
});

test('a chunk that cannot load says so, the page keeps working, and the next click tries again', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'zh-CN' });
  // No service worker here, so the request for the chunk reaches the network and can be refused.
  const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  await openMap(page, mapId);
  await page.route(/ExportDialog-[^/]*\.js$/, (route) => route.abort());
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('dialog-load-failed')).toContainText('没能加载');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dialog-load-failed')).toHaveCount(0);
  await expect(page.getByTestId('card').first()).toBeVisible();

  await page.unroute(/ExportDialog-[^/]*\.js$/);
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await context.close();
});
