import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { cardWithText as cardByText, createMap, openMap } from './helpers';

/** An emotion point, named "<text>: <score>, <feeling>". */
const point = (page: Page, text: string) =>
  page.getByRole('slider', { name: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `) });
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

test('personas: add one, edit it, tie a card, and delete it while a colleague watches', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'blank', locale: 'en' });
  const [a, b] = await twoBrowsers(browser, mapId);
  await a.getByTestId('persona-head').getByRole('button', { name: 'Add persona' }).click();
  const name = a.getByTestId('persona-name');
  await name.fill('Lin Wei 林伟');
  await name.press('Enter');
  await expect(b.getByTestId('persona-head')).toContainText('Lin Wei 林伟');

  // Tie a new card to the persona in the inspector.
  await addCardIn(a, 'Reads reviews');
  await a.getByRole('tab', { name: 'Inspector' }).click();
  await a.getByLabel('Persona').selectOption({ label: 'Lin Wei 林伟' });
  await b.getByRole('button', { name: 'Personas' }).click();
  await a.getByRole('tab', { name: 'Personas' }).click();
  await a.getByRole('button', { name: 'Delete persona' }).click();
  const ask = a.getByRole('alertdialog', { name: 'Delete persona' });
  await expect(ask).toContainText('1 card is tied to this persona');
  await ask.getByTestId('confirm-ok').click();
  await expect(b.getByTestId('persona-head')).toContainText('Add persona');
  await b.getByRole('tab', { name: 'Inspector' }).click();
  await cardByText(b, 'Reads reviews').click();
  await expect(b.getByLabel('Persona')).toHaveValue('');
});

test('a card dropped outside the grid goes back to its cell', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await openMap(page, mapId);
  const card = cardByText(page, 'Guest checkout');
  const before = (await card.boundingBox())!;
  const head = (await page.getByTestId('persona-head').boundingBox())!;
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + 30, before.y + 10, { steps: 4 });
  await page.mouse.move(head.x + head.width + 200, head.y + 10, { steps: 10 });
  await page.mouse.up();
  // Back in place (it was let go some 300 px away), within the selected card's outline.
  await expect
    .poll(async () => {
      const now = (await card.boundingBox())!;
      return Math.max(Math.abs(now.x - before.x), Math.abs(now.y - before.y));
    })
    .toBeLessThan(5);
});

/** Add a card to the first cell through its "+ Add card" button. */
async function addCardIn(page: Page, text: string) {
  const cell = page.getByTestId('cell').first();
  await cell.hover();
  await cell.getByRole('button').click();
  const editor = page.locator('textarea.inline-text');
  await editor.fill(text);
  await editor.press('Enter');
  await cardByText(page, text).click();
}
