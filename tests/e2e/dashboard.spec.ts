import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addCard, listEntities } from '../../src/model';
import { connectSynced } from '../fixtures/server';
import { cardByText, createMap } from './helpers';

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
/** The dashboard card of the map titled exactly `title` (or matching a pattern). */
const row = (page: Page, title: string | RegExp) =>
  page.getByTestId('map-row').filter({ has: page.locator('a.map-title', { hasText: typeof title === 'string' ? exactly(title) : title }) });
/** The titles of the listed maps, in order, among `ours` (other tests' maps may be listed too). */
const titles = async (page: Page, ours: string[]) =>
  (await page.getByTestId('map-row').locator('a.map-title').allTextContents()).filter((t) => ours.includes(t));

test('dashboard: create from the Chinese template, open, rename, delete', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /New map/ }).click();
  const form = page.getByRole('form', { name: 'New map' });
  await form.getByLabel('Title').fill('会员复购旅程');
  // The templates are a gallery with a picture of each, a radio group: the arrow keys move the choice.
  const gallery = form.getByRole('radiogroup', { name: 'Start from' });
  await expect(gallery.getByRole('radio')).toHaveCount(4);
  await expect(gallery.getByRole('radio', { name: 'Blank grid' })).toBeChecked();
  await expect(gallery.locator('.template-preview svg')).toHaveCount(4);
  await gallery.getByRole('radio', { name: 'Blank grid' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(gallery.getByRole('radio', { name: 'B2B software purchase' })).toBeChecked();
  await expect(gallery.getByRole('radio', { name: 'B2B software purchase' })).toBeFocused();
  await gallery.getByRole('radio', { name: 'Subscription e-commerce' }).click();
  await expect(gallery.getByRole('radio', { name: 'Subscription e-commerce' })).toBeChecked();
  await page.getByTestId('content-language').selectOption('zh-CN');
  await form.getByRole('button', { name: 'Create' }).click();

  // The new map opens at its own URL with the template's content, in Chinese.
  await expect(page).toHaveURL(/\/m\/[A-Za-z0-9_-]{21}$/);
  const mapUrl = page.url();
  await expect(page.getByTestId('map-title')).toHaveText('会员复购旅程');
  await expect(page.getByTestId('stage').first()).toContainText(/[\u4e00-\u9fff]/);
  await expect(page.getByTestId('card').first()).toBeVisible();

  // Back on the dashboard the map is listed first; rename and delete it.
  await page.getByRole('link', { name: /All maps/ }).click();
  await expect(row(page, '会员复购旅程')).toBeVisible();
  // (First of the maps not overdue for review: another spec's overdue map, if any, comes before it.)
  await expect(page.locator('[data-testid="map-row"]:not(.is-stale)').first()).toHaveText(/会员复购旅程/);
  await expect(row(page, '会员复购旅程')).toHaveClass(/is-fresh/); // the map this tab just made
  await row(page, '会员复购旅程').getByRole('button', { name: 'Rename' }).click();
  const input = page.getByTestId('map-list').locator('input.inline-text');
  await input.fill('会员复购旅程（终版）');
  await input.press('Enter');
  await expect(row(page, '会员复购旅程（终版）')).toBeVisible();

  // Asked in the app's own dialog: Cancel keeps the map and the focus on its Delete button.
  const remove = row(page, '会员复购旅程（终版）').getByRole('button', { name: 'Delete' });
  await remove.click();
  const ask = page.getByRole('alertdialog', { name: 'Delete map' });
  await ask.getByTestId('confirm-cancel').click();
  await expect(ask).toHaveCount(0);
  await expect(remove).toBeFocused();
  await remove.click();
  await ask.getByTestId('confirm-ok').click();
  await expect(row(page, /会员复购旅程/)).toHaveCount(0);
  // Its row is gone with the button: focus is on the row that took its place (here none is left: New map), not the page.
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.matches('a.map-title, [data-testid="new-map"]'))).toBe(true);

  // The deleted map's link now says so instead of showing an empty map.
  await page.goto(mapUrl);
  await expect(page.getByRole('alert')).toContainText('does not exist');
});

test('dashboard: summaries, search as you type, sort, duplicate', async ({ page, request, baseURL }) => {
  const checkout = 'Checkout journey';
  const chinese = '门店自提旅程';
  const onboarding = 'Account setup';
  const ours = [checkout, chinese, onboarding];
  const checkoutId = await createMap(request, { title: checkout });
  await createMap(request, { title: chinese, locale: 'zh-CN' });
  await createMap(request, { title: onboarding });

  // Two cards on the checkout map, from a y-websocket client (as any client may
  // write them); it becomes the latest edited.
  const client = await connectSynced(baseURL!, checkoutId);
  const stages = listEntities(client.doc, 'stages');
  const stageCount = stages.length;
  const [lane] = listEntities(client.doc, 'lanes');
  addCard(client.doc, { laneId: lane!.id, stageId: stages[0]!.id, text: 'Finds the cart button' });
  addCard(client.doc, { laneId: lane!.id, stageId: stages[1]!.id, text: 'Pays with a saved card' });
  await page.goto('/');

  // Each map shows its summary: stages (as a strip of coloured blocks) and cards.
  await expect(async () => {
    await page.reload();
    await expect(row(page, checkout).getByTestId('map-stats')).toHaveAttribute('data-cards', '2', { timeout: 1000 });
  }).toPass();
  client.close();
  const stats = row(page, checkout).getByTestId('map-stats');
  await expect(stats).toHaveAttribute('data-stages', String(stageCount));
  await expect(stats).toContainText(`${stageCount} stages`);
  await expect(stats).toContainText('2 cards');
  await expect(row(page, checkout).getByTestId('stage-strip').locator('.stage-block')).toHaveCount(Math.min(stageCount, 20));
  await expect(row(page, onboarding).getByTestId('map-stats')).toContainText('0 cards');

  // Newest edit first by default; title A–Z on request (remembered).
  expect(await titles(page, ours)).toEqual([checkout, onboarding, chinese]);
  await page.getByTestId('map-sort').selectOption('title');
  await expect.poll(() => titles(page, ours)).toEqual([onboarding, checkout, chinese]);
  await page.reload();
  await expect(page.getByTestId('map-sort')).toHaveValue('title');
  await expect.poll(() => titles(page, ours)).toEqual([onboarding, checkout, chinese]);
  await page.getByTestId('map-sort').selectOption('edited');

  // Search filters as you type: any case, Chinese substrings, and says when nothing matches.
  const search = page.getByTestId('map-search');
  await search.pressSequentially('CHECK');
  await expect(page.getByTestId('map-row')).toHaveCount(1);
  await expect(row(page, checkout)).toBeVisible();
  await search.fill('自提');
  await expect(page.getByTestId('map-row')).toHaveCount(1);
  await expect(row(page, chinese)).toBeVisible();
  await search.fill('no such map');
  await expect(page.getByTestId('map-row')).toHaveCount(0);
  await expect(page.getByTestId('no-matches')).toContainText('no such map');
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect.poll(() => titles(page, ours)).toEqual([checkout, onboarding, chinese]);

  // Duplicate: the copy is listed (newest), with the same summary, and opens with the same content.
  await row(page, checkout).getByRole('button', { name: 'Duplicate' }).click();
  const copy = row(page, `${checkout} (copy)`);
  await expect(copy).toBeVisible();
  await expect(copy).toHaveClass(/is-fresh/);
  await expect(copy.getByTestId('map-stats')).toHaveAttribute('data-cards', '2');
  expect((await titles(page, [...ours, `${checkout} (copy)`]))[0]).toBe(`${checkout} (copy)`);
  await row(page, chinese).getByRole('button', { name: 'Duplicate' }).click();
  await expect(row(page, `${chinese}（副本）`)).toBeVisible();

  await copy.locator('a.map-title').click();
  await expect(page).toHaveURL(/\/m\/[A-Za-z0-9_-]{21}$/);
  expect(page.url()).not.toContain(checkoutId);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('map-title')).toHaveText(`${checkout} (copy)`);
  await expect(cardByText(page, 'Finds the cart button')).toBeVisible();
  await expect(cardByText(page, 'Pays with a saved card')).toBeVisible();
  await expect(page.getByTestId('card')).toHaveCount(2);

  // The summary speaks the UI language.
  await page.getByRole('link', { name: /All maps/ }).click();
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(row(page, checkout).getByTestId('map-stats')).toContainText('2 张卡片');
  await expect(page.getByTestId('map-search')).toHaveAttribute('placeholder', '按标题搜索…');
  await page.getByTestId('language-switch').selectOption('en');
});
