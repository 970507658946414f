import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { mapFileFromDocs } from '../../src/model/exchange/mapFile';
import { mapDoc } from '../fixtures/model';
import { fillToCards } from '../fixtures/large-map';
import { cardWithText, createMap, openMap } from './helpers';
import { exportFile, pixelStats, pngSize } from './exports';
import { PAPER_PT, readPdf, renderPdf } from './pdf';

// Exports of the zh-CN backpack template in real Chromium, checked from the
// outside: the PNG's pixels, the PDF through pdf.js (tests/e2e/pdf.ts).

test.use({ locale: 'zh-CN', acceptDownloads: true });

test('PNG of the whole zh-CN backpack map, culled cards included, at 2×', async ({ page, request }, testInfo) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'zh-CN' });
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await openMap(page, mapId);
  // The export code is not part of the first download.
  expect(scripts.some((u) => /ExportDialog/.test(u))).toBe(false);

  // Zoom far in: most cards are culled from the canvas, and must still be in the export.
  for (let i = 0; i < 6; i++) await page.locator('.react-flow__controls-zoomin').click();
  const rendered = await page.getByTestId('card').count();

  const { file, name } = await exportFile(page, testInfo, 'png');
  expect(scripts.some((u) => /ExportDialog/.test(u))).toBe(true);
  expect(name).toBe('回头客购买背包之旅.png');
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  const { width, height } = pngSize(bytes);
  // 7 stages of 252 px and the 200 px lane headers, plus 2 × 32 px margins, at 2×.
  expect(width).toBe(2 * (200 + 7 * 252 + 64));
  expect(height).toBeGreaterThan(width);
  await testInfo.attach('backpack-zh-CN.png', { path: file, contentType: 'image/png' });

  const stats = await pixelStats(page, file);
  expect(stats.colours).toBeGreaterThan(200);
  // Every quarter of the sheet has content, the bottom (backstage lanes, far off screen) included.
  for (const band of stats.drawn) expect(band).toBeGreaterThan(0.02);
  expect(stats.transparent).toBe(0);
  expect(rendered).toBeLessThan(63);
});

test('PNG with a transparent background, and of a selection only', async ({ page, request }, testInfo) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'zh-CN' });
  await openMap(page, mapId);
  const transparent = await exportFile(page, testInfo, 'png', (p) => p.getByTestId('export-background-transparent').check());
  const whole = pngSize(fs.readFileSync(transparent.file));
  const stats = await pixelStats(page, transparent.file);
  expect(stats.corner[3]).toBe(0);
  expect(stats.transparent).toBeGreaterThan(0.05);
  await page.getByTestId('export-close').click();

  await cardWithText(page, '小红书测评笔记').click();
  const selection = await exportFile(page, testInfo, 'png', (p) => p.getByTestId('export-scope-selection').check());
  const part = pngSize(fs.readFileSync(selection.file));
  // One stage and one lane, with their headers: far smaller than the map.
  expect(part.width).toBe(2 * (200 + 252 + 64));
  expect(part.height).toBeLessThan(whole.height / 3);
  await testInfo.attach('selection.png', { path: selection.file, contentType: 'image/png' });
});

test('PDF of the zh-CN backpack map: A4 pages by stage groups, with a summary page', async ({ page, request }, testInfo) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'zh-CN' });
  await openMap(page, mapId);
  const { file, name } = await exportFile(page, testInfo, 'pdf');
  expect(name).toBe('回头客购买背包之旅.pdf');
  const size = fs.statSync(file).size;
  expect(size).toBeLessThan(5 * 1024 * 1024);

  const pdf = await readPdf(file);
  const pages = pdf.pages;
  for (const size of pdf.sizes) expect(size).toEqual(PAPER_PT.a4);
  expect(pdf.title).toBe('回头客购买背包之旅');
  // A summary page and at least two stage groups.
  expect(pages).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('export-done')).toContainText(`${pages} 页`);

  const dir = testInfo.outputPath('pages');
  fs.mkdirSync(dir, { recursive: true });
  const images = await renderPdf(page, file, path.join(dir, 'page'));
  expect(images).toHaveLength(pages);
  for (const image of images) {
    const stats = await pixelStats(page, image, 1);
    expect(stats.drawn[0]).toBeGreaterThan(0.01);
    await testInfo.attach(`pdf-${path.basename(image)}`, { path: image, contentType: 'image/png' });
  }
  await testInfo.attach('backpack-zh-CN.pdf', { path: file, contentType: 'application/pdf' });

  // A3 holds more stages a page, so needs fewer pages.
  await page.getByTestId('export-close').click();
  const a3 = await exportFile(page, testInfo, 'pdf', async (p) => {
    await p.getByTestId('export-paper-a3').check();
    await p.getByTestId('export-summary').uncheck();
  });
  const a3Pdf = await readPdf(a3.file);
  for (const size of a3Pdf.sizes) expect(size).toEqual(PAPER_PT.a3);
  expect(a3Pdf.pages).toBeLessThan(pages - 1);
});

test('a long export shows progress and can be cancelled', async ({ page, request }) => {
  // 600 cards: long enough to cancel in the middle.
  const doc = mapDoc('backpack', 'zh-CN');
  fillToCards(doc, 600);
  const imported = await request.post('/api/maps/import', { data: mapFileFromDocs(doc) });
  expect(imported.status()).toBe(201);
  const { id } = (await imported.json()) as { id: string };
  // Fit to view, a map this tall shows its middle: wait for cards, not for the stage headers.
  await page.goto(`/m/${id}`);
  await expect(page.getByTestId('card').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-format-pdf').check();
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-progress')).toBeVisible();
  await expect(page.getByTestId('export-progress')).toContainText(/正在生成 [1-9]\d* \/ \d+/);
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-error')).toContainText('已取消导出');
  await expect(page.getByTestId('export-run')).toBeEnabled();
  await page.waitForTimeout(500);
  expect(downloaded).toBe(false);
  // Nothing is left behind in the page.
  await expect(page.locator('.export-host')).toHaveCount(0);
});

test('comments: counted on the PDF cards and listed on their own page; JSON and CSV from the same dialog', async ({
  page,
  request,
}, testInfo) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'zh-CN' });
  await openMap(page, mapId);
  await cardWithText(page, '小红书测评笔记').click();
  await page.getByTestId('panel-tab-comments').click();
  await page.getByTestId('card-new-thread').getByTestId('comment-composer').fill('测评链接要换成最新的笔记');
  await page.getByTestId('card-new-thread').getByTestId('comment-send').click();
  await expect(page.getByTestId('comment-badge')).toHaveText('1');

  const pagesOf = async (file: string) => (await readPdf(file)).pages;
  const without = await exportFile(page, testInfo, 'pdf', (p) => p.getByTestId('export-comments').uncheck());
  await page.getByTestId('export-close').click();
  const withComments = await exportFile(page, testInfo, 'pdf');
  const pages = await pagesOf(withComments.file);
  expect(pages).toBe((await pagesOf(without.file)) + 1);
  const [last] = await renderPdf(page, withComments.file, testInfo.outputPath('comments-page'), { pages: [pages] });
  await testInfo.attach('pdf-comments-page.png', { path: last!, contentType: 'image/png' });
  await page.getByTestId('export-close').click();

  // JSON: the open format, comments included when ticked.
  const json = await exportFile(page, testInfo, 'json');
  expect(json.name).toBe('回头客购买背包之旅.json');
  const file = JSON.parse(fs.readFileSync(json.file, 'utf8')) as {
    schemaVersion: number;
    cards: Record<string, { text: string }>;
    comments?: { comments: Record<string, { text: string }> };
  };
  expect(file.schemaVersion).toBe(2);
  expect(Object.values(file.cards).some((c) => c.text === '小红书测评笔记')).toBe(true);
  expect(Object.values(file.comments!.comments).map((c) => c.text)).toEqual(['测评链接要换成最新的笔记']);

  // The touchpoints CSV carries the open comment in its last column.
  await page.getByTestId('export-close').click();
  const csv = await exportFile(page, testInfo, 'csv-touchpoints');
  expect(fs.readFileSync(csv.file, 'utf8')).toContain('测评链接要换成最新的笔记');
});
