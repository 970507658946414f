import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { MapFile } from '../../src/model/exchange/mapFile';
import { smallMapFile } from '../fixtures/mapFile';
import { cardWithText, createMap, fitMap } from './helpers';

const jsonFile = (name: string, content: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(content) });

/** The dashboard, loaded, with how many maps it lists. */
async function dashboard(page: Page): Promise<number> {
  await page.goto('/');
  await expect(page.getByTestId('map-list')).toBeVisible();
  return page.getByTestId('map-row').count();
}

/** Picks `file` through the Import button, as a person would. */
async function importThroughButton(page: Page, file: ReturnType<typeof jsonFile>): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-map-button').click();
  await (await chooser).setFiles(file);
}

test('import: a map exported as JSON comes back as a new map through the dashboard', async ({ page, request }) => {
  const id = await createMap(request, { template: 'subscription', locale: 'zh-CN', title: '会员复购旅程' });
  const res = await request.get(`/api/maps/${id}/export.json`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toBe(
    `attachment; filename="journey-map-${id}.json"; filename*=UTF-8''${encodeURIComponent('会员复购旅程.json')}`,
  );
  const file = (await res.json()) as MapFile;
  // Cards of the first stage in lanes that show a card's text as it is (an emotion lane's
  // cards are points of the curve, a KPI card shows its figures).
  const [firstStage] = Object.values(file.stages);
  const cardLanes = new Set(
    Object.values(file.lanes)
      .filter((l) => l.kind !== 'emotions' && l.kind !== 'kpis')
      .map((l) => l.id),
  );
  const texts = Object.values(file.cards)
    .filter((c) => c.stageId === firstStage!.id && cardLanes.has(c.laneId))
    .map((c) => c.text);
  expect(texts.length).toBeGreaterThan(1);

  await dashboard(page);
  await page.getByTestId('import-map-input').setInputFiles(jsonFile('会员复购旅程.json', JSON.stringify(file)));

  await expect(page).toHaveURL(/\/m\/[A-Za-z0-9_-]{21}$/);
  expect(page.url()).not.toContain(id);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('map-title')).toHaveText('会员复购旅程');
  // The map opens at 100% on its head: fitted, every card is on screen.
  await fitMap(page);
  for (const text of texts) {
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    await expect(cardWithText(page, text)).toBeVisible();
  }
});

test('import: an invalid file is refused with its problems listed, and the dashboard is unchanged', async ({ page, request }) => {
  // Among the refused files, one of 11 MiB goes up and is read before it is refused.
  test.slow();
  await createMap(request, { title: 'Stays as it is' });
  await dashboard(page);
  // Other tests add maps to this server meanwhile: what must not appear is a map of the refused files' title.
  const title = `Refused ${Date.now()}`;
  const refused = page.getByTestId('map-row').filter({ hasText: title });

  const broken = { ...smallMapFile(), meta: { ...smallMapFile().meta, title } } as unknown as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  broken.cards!.c1!.laneId = 'ghost';
  broken.stages!.s2!.color = 'red';
  await importThroughButton(page, jsonFile('broken.json', JSON.stringify(broken)));
  const dialog = page.getByTestId('import-issues');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This file cannot be imported');
  await expect(dialog.locator('li[data-path="cards.c1.laneId"]')).toHaveText(/cards › c1 › laneId\s*unknown lane "ghost"/);
  await expect(dialog.locator('li[data-path="stages.s2.color"]')).toContainText('stages › s2 › color');
  await expect(dialog.locator('li')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Close' }).click(); // the dialog's close (X) button
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('map-row').filter({ hasText: 'Stays as it is' }).first()).toBeVisible();
  await expect(refused).toHaveCount(0);

  // Not JSON at all, with the UI in Chinese: said in Chinese, nothing sent.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await page.getByTestId('import-map-input').setInputFiles(jsonFile('notes.json', 'name: 不是 JSON'));
  await expect(dialog).toContainText('无法导入此文件');
  await expect(dialog).toContainText('该文件不是 JSON 格式');
  await expect(dialog.locator('li[data-path=""]')).toContainText('整个文件');
  await expect(dialog.locator('li[data-path=""]')).toContainText('line 1, column 1');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('language-switch').selectOption('en');

  // Larger than the server takes (10 MiB by default).
  const huge = JSON.stringify({ ...smallMapFile(), meta: { ...smallMapFile().meta, title }, padding: 'x'.repeat(11 * 1024 * 1024) });
  await page.getByTestId('import-map-input').setInputFiles(jsonFile('huge.json', huge));
  // 11 MiB is read by the page, checked as JSON and uploaded whole before the answer: allow a loaded machine its time.
  await expect(dialog).toContainText('larger than this server accepts', { timeout: 30_000 });

  await page.reload();
  await expect(page.getByTestId('map-row').filter({ hasText: 'Stays as it is' }).first()).toBeVisible();
  await expect(refused).toHaveCount(0);
});
