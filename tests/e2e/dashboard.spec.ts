import { expect, test } from '@playwright/test';

test('dashboard: create from the Chinese template, open, rename, delete', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /New map/ }).click();
  const form = page.getByRole('form', { name: 'New map' });
  await form.getByLabel('Title').fill('会员复购旅程');
  await page.getByTestId('template-select').selectOption('subscription');
  await page.getByTestId('content-language').selectOption('zh-CN');
  await form.getByRole('button', { name: 'Create' }).click();

  // The new map opens at its own URL with the Chinese template content.
  await expect(page).toHaveURL(/\/m\/[A-Za-z0-9_-]{21}$/);
  const mapUrl = page.url();
  await expect(page.getByTestId('map-title')).toHaveText('会员复购旅程');
  await expect(page.getByTestId('stage').first()).toContainText('认知');
  await expect(page.getByTestId('card').filter({ hasText: '退订条款说得不清楚' })).toBeVisible();

  // Back on the dashboard the map is listed first; rename and delete it.
  await page.getByRole('link', { name: /All maps/ }).click();
  const row = page.getByTestId('map-row').filter({ hasText: '会员复购旅程' });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Rename' }).click();
  const input = page.getByTestId('map-list').locator('input.inline-text');
  await input.fill('会员复购旅程（终版）');
  await input.press('Enter');
  await expect(page.getByTestId('map-row').filter({ hasText: '会员复购旅程（终版）' })).toBeVisible();

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('map-row').filter({ hasText: '会员复购旅程（终版）' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('map-row').filter({ hasText: '会员复购旅程' })).toHaveCount(0);

  // The deleted map's link now says so instead of showing an empty map.
  await page.goto(mapUrl);
  await expect(page.getByRole('alert')).toContainText('does not exist');
});
