import { expect, test } from './fixtures';
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

  // B is in another card's editor while A restores (card text is saved as it is typed, so B types across the restore).
  await cardWithText(b, 'Support phone call').dblclick();
  const bEditor = b.locator('textarea.inline-text');
  await bEditor.press('End');
  await bEditor.pressSequentially(' (B was');
  // Already the map's text (A, previewing, sees the version): the server has it.
  const texts = async () =>
    Object.values(
      ((await (await request.get(`/api/maps/${mapId}/export.json`)).json()) as { cards: Record<string, { text: string }> }).cards,
    ).map((c) => c.text);
  await expect.poll(texts).toContain('Support phone call (B was');
  await a.getByTestId('restore-version').click();
  // The app asks in its own dialog (not the browser's confirm), with focus on the answer.
  const ask = a.getByRole('alertdialog', { name: 'Restore this version' });
  await expect(ask).toContainText('Restore this version for everyone?');
  await expect(ask.getByRole('button', { name: 'Restore' })).toBeFocused();
  await ask.getByRole('button', { name: 'Restore' }).click();
  await expect(a.getByTestId('preview-banner')).toHaveCount(0);
  // The restore takes the card back to the version's text, in B's open editor too; what B types next is kept.
  await expect(bEditor).toHaveValue('Support phone call');
  await bEditor.pressSequentially(' (B was here)');
  await bEditor.press('Enter');

  for (const page of [a, b]) await expect(cardWithText(page, 'Guest checkout')).toBeVisible();
  await expect(cardWithText(a, 'One-click checkout')).toHaveCount(0);
  // B's edit, made in an editor that stayed open through the restore, is not lost.
  await expect(cardWithText(a, 'Support phone call (B was here)')).toBeVisible();

  // The state before the restore was kept as a version.
  await a.getByTestId('history').click();
  await expect(a.getByTestId('version').filter({ hasText: 'Before workshop' })).toBeVisible();
  await expect.poll(() => a.locator('[data-testid="version"][data-kind="auto"]').count()).toBeGreaterThanOrEqual(1);

  // Deleting a version asks over the history: Esc answers the question only, and focus is back on the version's Delete.
  const named = a.getByTestId('version').filter({ hasText: 'Before workshop' });
  await named.getByRole('button', { name: 'Delete version' }).click();
  const del = a.getByRole('alertdialog', { name: 'Delete version' });
  await expect(del).toContainText('Delete the version “Before workshop”?');
  await a.keyboard.press('Escape');
  await expect(del).toHaveCount(0);
  await expect(a.getByTestId('history-dialog')).toBeVisible();
  await expect(named.getByRole('button', { name: 'Delete version' })).toBeFocused();
  await a.keyboard.press('Enter');
  await del.getByRole('button', { name: 'Delete version' }).click();
  await expect(named).toHaveCount(0);
  await expect(a.getByTestId('history-dialog')).toBeVisible();
});

test('history: while an editor previews a version, Enter and Ctrl+D edit nothing', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const page = await (await browser.newContext()).newPage();
  await openMap(page, mapId);
  const cards = page.getByTestId('card');
  const exportedCards = async () =>
    ((await (await request.get(`/api/maps/${mapId}/export.json`)).json()) as { cards: Record<string, unknown> }).cards;

  // On the live map the gestures edit: Enter opens the card's editor, Ctrl+D duplicates it.
  const liveBefore = await cards.count();
  const storedBefore = Object.keys(await exportedCards()).length;
  await cardWithText(page, 'Guest checkout').click();
  await expect(cardWithText(page, 'Guest checkout')).toHaveClass(/is-selected/);
  await page.keyboard.press('Enter');
  await expect(page.locator('textarea.inline-text')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('textarea.inline-text')).toHaveCount(0);
  await cardWithText(page, 'Guest checkout').first().click();
  await page.keyboard.press('Control+d');
  await expect(cards).toHaveCount(liveBefore + 1);
  const liveCount = liveBefore + 1;
  await expect.poll(async () => Object.keys(await exportedCards()).length).toBe(storedBefore + 1);
  const live = await exportedCards();

  await page.getByTestId('history').click();
  await page.getByTestId('version-name').fill('Baseline');
  await page.getByTestId('version-name').press('Enter');
  await page.getByTestId('version').filter({ hasText: 'Baseline' }).getByTestId('preview-version').click();
  await expect(page.getByTestId('preview-banner')).toContainText('Baseline');
  await expect(cards).toHaveCount(liveCount);

  // In the preview the same gestures do nothing, as the (hidden) buttons would.
  const card = cardWithText(page, 'Support phone call');
  await card.click();
  await expect(card).toHaveClass(/is-selected/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+d');
  await expect(page.locator('textarea.inline-text')).toHaveCount(0);
  await expect(cards).toHaveCount(liveCount);

  // Nor did the live map change.
  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('preview-banner')).toHaveCount(0);
  await expect(cards).toHaveCount(liveCount);
  expect(await exportedCards()).toEqual(live);
});
