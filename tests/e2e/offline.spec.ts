import { expect, test } from './fixtures';
import { addCard, cardByText, createMap, openMap } from './helpers';

// These are about the service worker's copy of the app: it is blocked everywhere else (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

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

test('offline, Chinese the device never showed online is drawn with the shipped font (the service worker keeps it)', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('language-switch')).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // Installed with the Chinese font files the app's own text needs.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const cache = await caches.open((await caches.keys())[0]!);
        return (await cache.keys()).filter((r) => /noto-sans-sc-.*\.woff2$/.test(r.url)).length;
      }),
    )
    .toBeGreaterThan(5);
  const fontFiles = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((u) => /noto-sans-sc-.*\.woff2$/.test(u)),
    );
  // The English page draws little Chinese (only the language's own name, 简体中文).
  const online = new Set(await fontFiles());

  await context.setOffline(true);
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '旅程地图' })).toBeVisible();
  const statuses = await page.evaluate(async () =>
    (await document.fonts.load('16px "Noto Sans SC UI"', '旅程地图新建标题')).map((f) => f.status),
  );
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 'loaded')).toBe(true);
  // Files the page had never fetched came, offline, from what the worker kept.
  expect((await fontFiles()).filter((u) => !online.has(u)).length).toBeGreaterThan(0);
  await context.close();
});
