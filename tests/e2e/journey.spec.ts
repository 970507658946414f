import { expect, test, type Page } from '@playwright/test';
import { createMap, openMap } from './helpers';

/** The card whose text is exactly `text` (template texts share words). */
const cardByText = (page: Page, text: string) =>
  page
    .getByTestId('card')
    .filter({ has: page.locator('.card-text', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });

const point = (page: Page, text: string) => page.getByRole('slider', { name: `Emotion of “${text}”` });
const curvePath = (page: Page) => page.getByTestId('emotion-curve');

async function twoBrowsers(browser: import('@playwright/test').Browser, mapId: string): Promise<[Page, Page]> {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await openMap(a, mapId);
  await openMap(b, mapId);
  return [a, b];
}

test('backpack template: dragging an emotion point moves the curve in a second browser', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const [a, b] = await twoBrowsers(browser, mapId);
  const text = 'Guest checkout';
  await expect(point(a, text)).toBeVisible();
  const before = Number(await point(a, text).getAttribute('data-emotion'));
  const pathBefore = await curvePath(b).getAttribute('d');

  // Drag the point down with the mouse, in steps, as a person would.
  const box = (await point(a, text).boundingBox())!;
  const laneBox = (await a.getByTestId('emotion-lane').boundingBox())!;
  await a.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await a.mouse.down();
  await a.mouse.move(box.x + box.width / 2, laneBox.y + laneBox.height - 4, { steps: 10 });
  await a.mouse.up();

  // The bottom of the lane is the bottom of the scale.
  await expect(point(a, text)).toHaveAttribute('data-emotion', '-5');
  expect(before).toBeGreaterThan(-5);
  await expect(point(b, text)).toHaveAttribute('data-emotion', '-5');
  await expect.poll(() => curvePath(b).getAttribute('d')).not.toBe(pathBefore);

  // Keyboard works too: ArrowUp raises it one step, for everyone.
  await point(a, text).focus();
  await a.keyboard.press('ArrowUp');
  await expect(point(b, text)).toHaveAttribute('data-emotion', '-4');
});

test('a touchpoint becomes a moment of truth from the inspector, live for the other browser', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const [a, b] = await twoBrowsers(browser, mapId);
  const text = 'Guest checkout';
  await expect(cardByText(b, text)).not.toHaveAttribute('data-mot', 'true');
  await cardByText(a, text).click();
  await expect(a.getByTestId('inspector-text')).toHaveValue(text);
  await a.getByTestId('moment-of-truth').check();
  await expect(cardByText(a, text)).toHaveAttribute('data-mot', 'true');
  await expect(cardByText(b, text)).toHaveAttribute('data-mot', 'true');
  await expect(cardByText(b, text)).toContainText('Moment of truth');
});

test('the opportunity matrix plots opportunities and selects one on the map', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await openMap(page, mapId);
  await page.getByRole('button', { name: 'Opportunity matrix' }).click();
  const matrix = page.getByTestId('opportunity-matrix');
  await expect(matrix).toBeVisible();
  const opportunities = await page.locator('.card-node.kind-opportunities').count();
  expect(opportunities).toBeGreaterThan(3);
  await expect(matrix.getByTestId('matrix-dot')).toHaveCount(opportunities);

  const dot = matrix.getByTestId('matrix-dot').first();
  const cardId = await dot.getAttribute('data-card-id');
  await dot.click();
  await expect(matrix).toBeHidden();
  await expect(page.locator(`[data-testid="card"][data-card-id="${cardId}"]`)).toHaveClass(/is-selected/);
  const text = await page.locator(`[data-testid="card"][data-card-id="${cardId}"] .card-text`).textContent();
  await expect(page.getByTestId('inspector-text')).toHaveValue(text!);
});

test('dot voting: two people vote, totals add up, the budget holds', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const [a, b] = await twoBrowsers(browser, mapId);
  const text = 'Support phone call';

  await cardByText(a, text).click();
  await a.getByTestId('vote').click();
  await a.getByTestId('vote').click();
  await cardByText(b, text).click();
  await b.getByTestId('vote').click();

  for (const page of [a, b]) await expect(cardByText(page, text).getByTestId('card-votes')).toHaveAttribute('data-votes', '3');
  await expect(a.getByTestId('inspector-votes')).toContainText('3 in total, 2 mine');
  await expect(b.getByTestId('inspector-votes')).toContainText('3 in total, 1 mine');
  await expect(a.getByTestId('votes-left-badge')).toContainText('3/5');
  await expect(b.getByTestId('votes-left-badge')).toContainText('4/5');

  // The facilitator lowers the budget to 2: A has used it up, B has one left.
  await b.getByTestId('votes-left-badge').click();
  const budget = b.getByTestId('votes-per-participant');
  await budget.fill('2');
  await budget.press('Enter');
  await expect(a.getByTestId('votes-left-badge')).toContainText('0/2');
  await a.getByTestId('vote').click();
  await expect(cardByText(b, text).getByTestId('card-votes')).toHaveAttribute('data-votes', '3');

  // The most-voted list ranks it first, with its total.
  await expect(b.getByTestId('most-voted').locator('li').first()).toContainText(text);
  await expect(b.getByTestId('most-voted-total').first()).toHaveText('3');
});

test('the Chinese backpack template is written in Chinese, persona at the head', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'zh-CN' });
  await openMap(page, mapId);
  await expect(page.getByTestId('map-title')).toHaveText(/[\u4e00-\u9fff]/);
  const stages = await page.getByTestId('stage').allTextContents();
  expect(stages.length).toBeGreaterThanOrEqual(6);
  for (const name of stages) expect(name).toMatch(/[\u4e00-\u9fff]/);
  await expect(page.getByTestId('card').first()).toHaveText(/[\u4e00-\u9fff]/);
  await expect(page.getByTestId('persona-head')).toHaveText(/[\u4e00-\u9fff]/);
  await expect(page.getByTestId('line-of-visibility')).toBeVisible();
});

test('keyboard: arrows move between cards, Escape clears, Ctrl+D duplicates', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await openMap(page, mapId);
  await cardByText(page, 'Guest checkout').click();
  await expect(page.getByTestId('inspector-text')).toHaveValue('Guest checkout');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('inspector-text')).toHaveValue('Dispatch e-mail with tracking link');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('inspector-text')).toHaveValue('Parcel delivered to her door');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('inspector-text')).toHaveValue('Guest checkout');
  await page.keyboard.press('Control+d');
  await expect(cardByText(page, 'Guest checkout')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector-text')).toHaveCount(0);
});
