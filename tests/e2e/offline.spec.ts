import { expect, test } from '@playwright/test';
import { addCard, cardByText, createMap, openMap } from './helpers';

test('offline: edits kept on the device, a reload offline shows the map, and both sides merge when back', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'blank' });
  const contextA = await browser.newContext();
  const a = await contextA.newPage();
  const b = await (await browser.newContext()).newPage();
  await openMap(a, mapId);
  await openMap(b, mapId);
  await addCard(a, 0, 0, 'Shared before');
  await expect(cardByText(b, 'Shared before')).toBeVisible();
  // The app shell is cached by the service worker once it is active.
  await a.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  await contextA.setOffline(true);
  await expect(a.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
  await addCard(a, 1, 0, '离线时写的想法');
  await expect(a.getByTestId('connection')).toHaveAttribute('data-local-only', 'true');
  await addCard(b, 2, 0, 'Written online meanwhile');

  // Reloading while offline still shows the map, with the offline edit.
  await a.reload();
  await expect(cardByText(a, '离线时写的想法')).toBeVisible();
  await expect(cardByText(a, 'Shared before')).toBeVisible();
  await expect(cardByText(a, 'Written online meanwhile')).toHaveCount(0);

  await contextA.setOffline(false);
  await expect(a.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  for (const page of [a, b]) {
    await expect(cardByText(page, '离线时写的想法')).toBeVisible();
    await expect(cardByText(page, 'Written online meanwhile')).toBeVisible();
    await expect(cardByText(page, 'Shared before')).toHaveCount(1);
  }
  await expect(a.getByTestId('connection')).toHaveAttribute('data-local-only', 'false');
});
