import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type * as Y from 'yjs';
import { GRID } from '../../src/canvas/layout';
import { fullSpan, selectionSpan, SHEET } from '../../src/export/plan';
import { mapFileFromDocs } from '../../src/model/exchange/mapFile';
import { SCHEMA_VERSION } from '../../src/model/schema';
import { mapDoc } from '../fixtures/model';
import { fillToCards } from '../fixtures/large-map';
import { cardWithText, openMap, zoomInButton } from './helpers';
import { enginePages, gridOf, shownTexts, snapshotOfDoc } from './engine';
import { exportFile, pixelStats, pngSize } from './exports';
import { isPaper, readPdf, renderPdf } from './pdf';

// Exports of the zh-CN backpack template in real Chromium, checked from the
// outside: the PNG's pixels, the PDF through pdf.js (tests/e2e/pdf.ts). Sizes
// and page counts are held against what the engine draws for the same map
// (tests/e2e/engine.ts).

test.use({ locale: 'zh-CN', acceptDownloads: true });

const TITLE = '回头客购买背包之旅';
/** CSS pixels to PDF points. */
const PT_PER_PX = 0.75;

/** A map on the server made from `doc`, so the test knows exactly what it holds. */
async function importMap(request: APIRequestContext, doc: Y.Doc): Promise<string> {
  const res = await request.post('/api/maps/import', { data: mapFileFromDocs(doc) });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function backpack(request: APIRequestContext) {
  const doc = mapDoc('backpack', 'zh-CN');
  return { id: await importMap(request, doc), snapshot: snapshotOfDoc(doc) };
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The card texts that none of `pages` shows (pdf.js reads a wrapped card as several items: compared without spaces). */
const missingTexts = (texts: string[], pages: string[]) =>
  texts.filter((text) => !pages.some((page) => squash(page).includes(squash(text))));

/** Names this browser in the top bar, as a person does the first time. */
async function nameMyself(page: Page, name: string) {
  await page.getByTestId('presence-name').fill(name);
  await page.getByTestId('presence-name').press('Enter');
  await expect(page.getByTestId('my-name')).toHaveText(name);
}

test('PNG of the whole zh-CN backpack map, culled cards included, at 2×', async ({ page, request }, testInfo) => {
  const { id, snapshot } = await backpack(request);
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await openMap(page, id);
  // The export code is not part of the first download.
  expect(scripts.some((u) => /ExportDialog/.test(u))).toBe(false);

  // Zoom far in: most cards are culled from the canvas, and must still be in the export.
  for (let i = 0; i < 6; i++) await zoomInButton(page).click();
  const rendered = await page.getByTestId('card').count();

  const { file, name } = await exportFile(page, testInfo, 'png');
  expect(scripts.some((u) => /ExportDialog/.test(u))).toBe(true);
  expect(name).toBe(`${TITLE}.png`);
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  await testInfo.attach('backpack-zh-CN.png', { path: file, contentType: 'image/png' });

  // The engine's sheet: the lane headers, 7 stages of 252 px and two 32 px margins wide; as tall as the
  // title band, persona, grid and legend make it. The PNG is that sheet at 2×.
  const [sheet] = await enginePages(snapshot, 'zh-CN', {
    kind: 'png',
    region: fullSpan(gridOf(snapshot), true)!,
    background: 'white',
    comments: true,
  });
  expect(sheet!.width).toBe(GRID.laneHeaderWidth + 7 * GRID.columnWidth + 2 * SHEET.margin);
  const { width, height } = pngSize(bytes);
  expect({ width, height }).toEqual({ width: 2 * sheet!.width, height: Math.ceil(2 * sheet!.height) });
  await expect(page.getByTestId('export-done')).toContainText(`${width} × ${height}`);

  const stats = await pixelStats(page, file);
  expect(stats.colours).toBeGreaterThan(200);
  // Every quarter of the sheet has content, the bottom (backstage lanes, far off screen) included.
  for (const band of stats.drawn) expect(band).toBeGreaterThan(0.02);
  expect(stats.transparent).toBe(0);
  expect(rendered).toBeLessThan(snapshot.cards.length);
});

test('PNG with a transparent background, and of a selection only', async ({ page, request }, testInfo) => {
  const { id, snapshot } = await backpack(request);
  await openMap(page, id);
  const transparent = await exportFile(page, testInfo, 'png', (p) => p.getByTestId('export-background-transparent').check());
  const whole = pngSize(fs.readFileSync(transparent.file));
  const stats = await pixelStats(page, transparent.file);
  expect(stats.cornerAlpha).toEqual([0, 0, 0, 0]);
  expect(stats.transparent).toBeGreaterThan(0.05);
  for (const band of stats.drawn) expect(band).toBeGreaterThan(0.02);
  await page.getByTestId('export-close').click();

  await cardWithText(page, '小红书测评笔记').click();
  const selection = await exportFile(page, testInfo, 'png', (p) => p.getByTestId('export-scope-selection').check());
  const part = pngSize(fs.readFileSync(selection.file));
  // One stage and one lane, with their headers: the engine's sheet of that block, far smaller than the map.
  const card = snapshot.cards.find((c) => c.text === '小红书测评笔记')!;
  const block = selectionSpan(gridOf(snapshot), [card])!;
  const [sheet] = await enginePages(snapshot, 'zh-CN', { kind: 'png', region: block, background: 'white', comments: true });
  expect(sheet!.width).toBe(GRID.laneHeaderWidth + GRID.columnWidth + 2 * SHEET.margin);
  expect(part).toEqual({ width: 2 * sheet!.width, height: Math.ceil(2 * sheet!.height) });
  expect(part.height).toBeLessThan(whole.height / 3);
  expect((await pixelStats(page, selection.file, 1)).drawn[0]).toBeGreaterThan(0.05);
  await testInfo.attach('selection.png', { path: selection.file, contentType: 'image/png' });
});

test('PDF of the whole map on one page (the default): the map at its own size, its text searchable, with title, author and bookmarks', async ({
  page,
  request,
}, testInfo) => {
  const { id, snapshot } = await backpack(request);
  await openMap(page, id);
  await nameMyself(page, '王小明');
  const { file, name } = await exportFile(page, testInfo, 'pdf', async (p) => {
    await expect(p.getByTestId('export-paper-fit')).toBeChecked();
    await p.getByTestId('export-summary').uncheck();
  });
  expect(name).toBe(`${TITLE}.pdf`);
  await testInfo.attach('backpack-zh-CN.pdf', { path: file, contentType: 'application/pdf' });

  const pdf = await readPdf(file);
  expect(pdf.pages).toBe(1);
  await expect(page.getByTestId('export-done')).toContainText('1 页');
  // The page is the PNG's sheet in points: as wide as the grid with its margins, as tall as the engine draws it.
  const [sheet] = await enginePages(snapshot, 'zh-CN', {
    kind: 'pdf',
    paper: 'fit',
    span: fullSpan(gridOf(snapshot), true)!,
    summary: false,
    comments: true,
  });
  const [width, height] = pdf.sizes[0]!;
  expect(width).toBeCloseTo(PT_PER_PX * (GRID.laneHeaderWidth + 7 * GRID.columnWidth + 2 * SHEET.margin), 1);
  expect(width).toBeCloseTo(sheet!.width, 1);
  expect(height).toBeCloseTo(sheet!.height, 1);

  // Text stays text: every card's text can be found and copied, in Chinese.
  expect(missingTexts(shownTexts(snapshot), pdf.text)).toEqual([]);
  expect(squash(pdf.text[0]!)).toContain(TITLE);
  expect(pdf.title).toBe(TITLE);
  expect(pdf.author).toBe('王小明');
  expect(pdf.outline).toEqual(snapshot.stages.map((s) => s.name));

  const [image] = await renderPdf(page, file, testInfo.outputPath('fit-page'));
  const stats = await pixelStats(page, image!);
  for (const band of stats.drawn) expect(band).toBeGreaterThan(0.02);
  await testInfo.attach('pdf-fit-page.png', { path: image!, contentType: 'image/png' });
});

test('PDF for printing: A4 pages by groups of stages after a summary page, A3 the same way', async ({ page, request }, testInfo) => {
  // Two PDFs made and each page drawn again through pdf.js.
  test.slow();
  const { id, snapshot } = await backpack(request);
  await openMap(page, id);
  const span = fullSpan(gridOf(snapshot), true)!;
  const { file } = await exportFile(page, testInfo, 'pdf', (p) => p.getByTestId('export-paper-a4').check());
  const pdf = await readPdf(file);
  const planned = await enginePages(snapshot, 'zh-CN', { kind: 'pdf', paper: 'a4', span, summary: true, comments: true });
  expect(pdf.pages).toBe(planned.length);
  // The summary page, then at least two groups of stages, each with every lane of the map.
  expect(pdf.pages).toBeGreaterThanOrEqual(3);
  for (const size of pdf.sizes) expect(isPaper(size, 'a4'), `${size.join(' × ')} pt is A4`).toBe(true);
  await expect(page.getByTestId('export-done')).toContainText(`${pdf.pages} 页`);
  expect(squash(pdf.text[0]!)).toContain('摘要');
  const mapPages = pdf.text.slice(1);
  expect(missingTexts(shownTexts(snapshot), mapPages)).toEqual([]);
  for (const text of mapPages) for (const lane of snapshot.lanes) expect(squash(text)).toContain(squash(lane.name));
  expect(pdf.outline).toEqual(snapshot.stages.map((s) => s.name));
  expect(pdf.title).toBe(TITLE);

  const dir = testInfo.outputPath('a4');
  fs.mkdirSync(dir, { recursive: true });
  const images = await renderPdf(page, file, path.join(dir, 'page'));
  expect(images).toHaveLength(pdf.pages);
  for (const image of images) {
    expect((await pixelStats(page, image, 1)).drawn[0]).toBeGreaterThan(0.01);
    await testInfo.attach(`pdf-a4-${path.basename(image)}`, { path: image, contentType: 'image/png' });
  }
  await testInfo.attach('backpack-zh-CN-a4.pdf', { path: file, contentType: 'application/pdf' });

  await page.getByTestId('export-close').click();
  const a3 = await exportFile(page, testInfo, 'pdf', async (p) => {
    await p.getByTestId('export-paper-a3').check();
    await p.getByTestId('export-summary').uncheck();
  });
  const a3Pdf = await readPdf(a3.file);
  expect(a3Pdf.pages).toBe(
    (await enginePages(snapshot, 'zh-CN', { kind: 'pdf', paper: 'a3', span, summary: false, comments: true })).length,
  );
  for (const size of a3Pdf.sizes) expect(isPaper(size, 'a3'), `${size.join(' × ')} pt is A3`).toBe(true);
  expect(missingTexts(shownTexts(snapshot), a3Pdf.text)).toEqual([]);
});

test.describe('on a slow network', () => {
  // The font files the export fetches go to the network (no service worker, as in every spec but the offline ones),
  // which the test slows down.
  test('a 600-card export shows its steps and can be cancelled, leaving nothing behind', async ({ page, request }, testInfo) => {
    const doc = mapDoc('backpack', 'zh-CN');
    fillToCards(doc, 600);
    const id = await importMap(request, doc);
    // Fit to view, a map this tall shows its middle: wait for cards, not for the stage headers.
    await page.goto(`/m/${id}`);
    await expect(page.getByTestId('card').first()).toBeVisible({ timeout: 30_000 });
    // The export's fonts arrive slowly, as on a poor connection: it stays on its first step long enough to cancel.
    await page.route(/\.woff2$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await route.continue().catch(() => undefined);
    });
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-format-pdf').check();
    const before = await page.evaluate(() => document.body.childElementCount);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByTestId('export-run').click();
    await expect(page.getByTestId('export-progress')).toContainText('正在加载字体和图片');
    await page.getByTestId('export-cancel').click();
    await expect(page.getByTestId('export-error')).toContainText('已取消导出', { timeout: 15_000 });
    await expect(page.getByTestId('export-progress')).toHaveCount(0);
    await expect(page.getByTestId('export-run')).toBeEnabled();
    await page.waitForTimeout(1000);
    expect(downloads).toBe(0);
    // Nothing is left behind in the page.
    expect(await page.evaluate(() => document.body.childElementCount)).toBe(before);

    // The next export runs to the end.
    await page.unroute(/\.woff2$/);
    await page.getByTestId('export-close').click();
    const { file } = await exportFile(page, testInfo, 'pdf');
    expect(downloads).toBe(1);
    expect((await readPdf(file)).pages).toBeGreaterThanOrEqual(2);
  });
});

test('comments: counted on the PDF cards and listed on their own page; JSON and CSV from the same dialog', async ({
  page,
  request,
}, testInfo) => {
  const { id } = await backpack(request);
  await openMap(page, id);
  await cardWithText(page, '小红书测评笔记').click();
  await page.getByTestId('panel-tab-comments').click();
  await page.getByTestId('card-new-thread').getByTestId('comment-composer').fill('测评链接要换成最新的笔记');
  await page.getByTestId('card-new-thread').getByTestId('comment-send').click();
  await expect(page.getByTestId('comment-badge')).toHaveText('1');

  const without = await readPdf((await exportFile(page, testInfo, 'pdf', (p) => p.getByTestId('export-comments').uncheck())).file);
  await page.getByTestId('export-close').click();
  const withComments = await exportFile(page, testInfo, 'pdf');
  const pdf = await readPdf(withComments.file);
  expect(pdf.pages).toBe(without.pages + 1);
  expect(squash(without.text.join(''))).not.toContain('测评链接要换成最新的笔记');
  // The last page lists the open thread under the card it is about.
  const last = squash(pdf.text.at(-1)!);
  expect(last).toContain('测评链接要换成最新的笔记');
  expect(last).toContain('小红书测评笔记');
  const [image] = await renderPdf(page, withComments.file, testInfo.outputPath('comments-page'), { pages: [pdf.pages] });
  await testInfo.attach('pdf-comments-page.png', { path: image!, contentType: 'image/png' });
  await page.getByTestId('export-close').click();

  // JSON: the open format, comments included when ticked.
  const json = await exportFile(page, testInfo, 'json');
  expect(json.name).toBe(`${TITLE}.json`);
  const file = JSON.parse(fs.readFileSync(json.file, 'utf8')) as {
    schemaVersion: number;
    cards: Record<string, { text: string }>;
    comments?: { comments: Record<string, { text: string }> };
  };
  expect(file.schemaVersion).toBe(SCHEMA_VERSION);
  expect(Object.values(file.cards).some((c) => c.text === '小红书测评笔记')).toBe(true);
  expect(Object.values(file.comments!.comments).map((c) => c.text)).toEqual(['测评链接要换成最新的笔记']);

  // The touchpoints CSV carries the open comment in its last column.
  await page.getByTestId('export-close').click();
  const csv = await exportFile(page, testInfo, 'csv-touchpoints');
  expect(fs.readFileSync(csv.file, 'utf8')).toContain('测评链接要换成最新的笔记');
});
