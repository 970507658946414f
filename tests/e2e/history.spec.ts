import { expect, test } from '@playwright/test';
import { cardWithText, createMap, openMap } from './helpers';

test('history: save a version, preview it read-only, restore it while a colleague keeps editing', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await openMap(a, mapId);
  await openMap(b, mapId);

  await a.getByTestId('history').click();
  await a.getByTestId('version-name').fill('Before workshop');
  await a.getByTestId('version-name').press('Enter');
  await expect(a.getByTestId('version').filter({ hasText: 'Before workshop' })).toBeVisible();
  await a.keyboard.press('Escape');

  // The workshop changes a card.
  await cardWithText(a, 'Guest checkout').dblclick();
  await a.locator('textarea.inline-text').fill('One-click checkout');
  await a.locator('textarea.inline-text').press('Enter');
  await expect(cardWithText(b, 'One-click checkout')).toBeVisible();

  // Preview: the old text, read-only, while the live map keeps the new one.
  await a.getByTestId('history').click();
  await a.getByTestId('version').filter({ hasText: 'Before workshop' }).getByTestId('preview-version').click();
  await expect(a.getByTestId('preview-banner')).toContainText('Before workshop');
  await expect(cardWithText(a, 'Guest checkout')).toBeVisible();
  await expect(a.getByRole('button', { name: 'Add card' })).toHaveCount(0);
  await expect(cardWithText(b, 'One-click checkout')).toBeVisible();

  // B keeps editing another card while A restores.
  await cardWithText(b, 'Support phone call').dblclick();
  await b.locator('textarea.inline-text').fill('Support phone call (B was here)');
  a.once('dialog', (d) => void d.accept());
  await a.getByTestId('restore-version').click();
  await b.locator('textarea.inline-text').press('Enter');

  await expect(a.getByTestId('preview-banner')).toHaveCount(0);
  for (const page of [a, b]) await expect(cardWithText(page, 'Guest checkout')).toBeVisible();
  await expect(cardWithText(a, 'One-click checkout')).toHaveCount(0);
  // B's edit, made while the restore happened, is not lost.
  await expect(cardWithText(a, 'Support phone call (B was here)')).toBeVisible();

  // The state before the restore was kept as a version.
  await a.getByTestId('history').click();
  await expect(a.getByTestId('version').filter({ hasText: 'Before workshop' })).toBeVisible();
  await expect.poll(() => a.locator('[data-testid="version"][data-kind="auto"]').count()).toBeGreaterThanOrEqual(1);
});
