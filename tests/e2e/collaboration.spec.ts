import { expect, test } from './fixtures';
import { addCard, cardByText, cell, createMap, dragTo, fitMap, openMap, stageIndexOf } from './helpers';

test('two people edit one map: Chinese card, drag to another stage, reload keeps it', async ({ browser, request }) => {
  const mapId = await createMap(request, { title: 'Workshop map', template: 'blank', locale: 'en' });
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await openMap(a, mapId);
  await openMap(b, mapId);

  const text = '在门店试背的时候，店员叫出了我的名字';
  await addCard(a, 0, 0, text);

  // B sees A's card, in the first stage.
  const cardOnB = cardByText(b, text);
  await expect(cardOnB).toBeVisible();
  expect(await stageIndexOf(b, cardOnB)).toBe(0);

  // B drags it to the third stage; A sees it move.
  await dragTo(b, cardOnB, await cell(b, 0, 2));
  await expect.poll(() => stageIndexOf(b, cardByText(b, text))).toBe(2);
  await expect.poll(() => stageIndexOf(a, cardByText(a, text))).toBe(2);

  // Exactly one copy everywhere, and it survives a reload.
  await expect(cardByText(a, text)).toHaveCount(1);
  await a.reload();
  await expect(a.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(cardByText(a, text)).toHaveCount(1);
  expect(await stageIndexOf(a, cardByText(a, text))).toBe(2);
});

test('card text edits inline and deletes with the keyboard, live for the other browser', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'blank' });
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await openMap(a, mapId);
  await openMap(b, mapId);

  await addCard(a, 1, 1, 'First draft');
  await cardByText(a, 'First draft').dblclick();
  const editor = a.locator('textarea.inline-text');
  await editor.fill('Edited text');
  await editor.press('Enter');
  await expect(cardByText(b, 'Edited text')).toBeVisible();

  await cardByText(b, 'Edited text').click();
  await b.keyboard.press('Delete');
  await expect(cardByText(a, 'Edited text')).toHaveCount(0);
});

test('stages and lanes: add, rename, reorder, delete', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'blank' });
  await openMap(page, mapId);
  const stages = page.getByTestId('stage');
  await expect(stages).toHaveCount(6);

  await page.getByRole('button', { name: 'Add stage' }).click();
  await expect(stages).toHaveCount(7);
  const renameInput = page.locator('input.inline-text');
  // The map is wider than the screen now: the view pans so the new stage shows.
  await expect(renameInput).toBeInViewport();
  await renameInput.fill('Renewal');
  await renameInput.press('Enter');
  await expect(stages.nth(6)).toContainText('Renewal');

  await stages.nth(6).hover();
  await stages.nth(6).getByRole('button', { name: 'Move left' }).click();
  await expect(stages.nth(5)).toContainText('Renewal');

  await stages.nth(5).hover();
  await stages.nth(5).getByRole('button', { name: 'Delete' }).click();
  await expect(stages).toHaveCount(6);
  await expect(page.getByText('Renewal')).toHaveCount(0);

  const lanes = page.getByTestId('lane');
  const laneCount = await lanes.count();
  // The view is panned to the right end now; bring the whole map back, as a user would.
  await fitMap(page);
  await page.getByRole('button', { name: 'Add lane' }).click();
  await expect(lanes).toHaveCount(laneCount + 1);
  await expect(renameInput).toBeInViewport();
  await renameInput.fill('Marketing');
  await renameInput.press('Enter');
  await expect(lanes.nth(laneCount)).toContainText('Marketing');
  await lanes.nth(laneCount).hover();
  await lanes.nth(laneCount).getByRole('button', { name: 'Move up' }).click();
  await expect(lanes.nth(laneCount - 1)).toContainText('Marketing');
});

test('UI language switches between English and Chinese at runtime', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'blank' });
  await openMap(page, mapId);
  await expect(page.getByRole('link', { name: /All maps/ })).toBeVisible();

  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('link', { name: /全部地图/ })).toBeVisible();
  await expect(page.getByTestId('connection')).toContainText('实时');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // The choice is remembered across reloads.
  await page.reload();
  await expect(page.getByRole('link', { name: /全部地图/ })).toBeVisible();

  await page.getByTestId('language-switch').selectOption('en');
  await expect(page.getByRole('link', { name: /All maps/ })).toBeVisible();
});

test('a Chinese browser gets the Chinese UI by default', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '旅程地图' })).toBeVisible();
});
