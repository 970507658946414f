/**
 * axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on the dashboard, the map as it
 * opens and fitted to the screen, and with each dialog open: no critical or
 * serious violation. A failure lists each rule with the elements it found.
 * And every dialog behaves as one: focus in on opening, Tab kept inside,
 * Escape closes, focus back on the button that opened it.
 */
import { type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { cardWithText, createMap, openMap, person, fitMap } from './helpers';

/** Soft: a test goes on to its other checks (fit view, Escape, focus back) and reports every failure together. */
async function expectNoSeriousViolations(page: Page, where: string, within?: string) {
  expect.soft(await seriousViolations(page, ...(within ? [within] : [])), `axe on ${where}`).toEqual([]);
}

test('the dashboard has no critical or serious axe violation, in English and in Chinese', async ({ page, request }) => {
  await createMap(request, { template: 'backpack', locale: 'en' });
  await createMap(request, { template: 'b2b', locale: 'zh-CN', title: '企业采购' });
  await page.goto('/');
  await expect(page.getByTestId('map-row').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'the dashboard (en)');
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('旅程');
  await expectNoSeriousViolations(page, 'the dashboard (zh-CN)');
});

test('the map has no critical or serious axe violation as opened (100%) and fitted to the screen', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await page.goto(`/m/${mapId}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('card').first()).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Zoom level' })).toHaveValue('100%');
  await expectNoSeriousViolations(page, 'the map as opened');
  await fitMap(page);
  await expectNoSeriousViolations(page, 'the map at fit view');
});

declare global {
  interface Window {
    focusEscapes?: { stop(): string[] };
  }
}

/** In the page: notes every element focus reaches outside the open modal dialog (or focus dropping to the body) until `window.focusEscapes.stop()`. */
function watchFocusEscapes() {
  const open = document.querySelector('[role="dialog"][aria-modal="true"]');
  const escaped: string[] = [];
  const watching = new AbortController();
  document.addEventListener(
    'focusin',
    (e) => {
      const target = e.target as Element;
      if (!open?.isConnected || !open.contains(target)) escaped.push(target.outerHTML.slice(0, 120));
    },
    { signal: watching.signal },
  );
  // Focus dropped to the page body moves to no element: no focusin, only a focusout towards nothing.
  document.addEventListener(
    'focusout',
    (e) => {
      if (e.relatedTarget === null) escaped.push('(the page body: focus dropped)');
    },
    { signal: watching.signal },
  );
  window.focusEscapes = {
    stop: () => {
      watching.abort();
      return escaped;
    },
  };
}

/** The dialogs of the map's toolbars: the button that opens each, and its dialog's name. */
const DIALOGS: { name: string; opener: (page: Page) => Locator }[] = [
  { name: 'Export the map', opener: (page) => page.getByTestId('export-button') },
  { name: 'Share this map', opener: (page) => page.getByTestId('share') },
  { name: 'Version history', opener: (page) => page.getByTestId('history') },
  { name: 'Import metrics from a CSV file', opener: (page) => page.getByTestId('import-metrics-button') },
  { name: 'Opportunity matrix', opener: (page) => page.getByRole('button', { name: 'Opportunity matrix' }) },
];

// One map for all the dialogs: each opens, is checked and closes in turn, as a person would go through them.
test('every dialog takes focus, keeps it, closes on Escape, gives it back, and passes axe', async ({ page, request }) => {
  // Five dialogs, each with an axe run: three times the usual time, for a busy machine.
  test.slow();
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await openMap(page, mapId);
  for (const { name, opener } of DIALOGS) {
    await test.step(`the ${name} dialog`, async () => {
      const button = opener(page);
      await button.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: new RegExp(name) });
      await expect(dialog).toBeVisible();
      await expect(dialog).toHaveAttribute('aria-modal', 'true');
      // Focus is in the dialog, and stays there however far Tab goes, either way: the page notes
      // every element focus reaches outside the open dialog (or the dialog's closing) on the way.
      await expect(dialog.locator(':focus')).toHaveCount(1);
      await page.evaluate(watchFocusEscapes);
      for (const key of [...Array<string>(25).fill('Tab'), ...Array<string>(25).fill('Shift+Tab')]) await page.keyboard.press(key);
      expect(await page.evaluate(() => window.focusEscapes?.stop()), `focus left the ${name} dialog`).toEqual([]);
      await expect(dialog.locator(':focus')).toHaveCount(1);
      // The map under it was checked as a whole above; here, what the dialog adds.
      await expectNoSeriousViolations(page, `the ${name} dialog`, '[role="dialog"][aria-modal="true"]');
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(button).toBeFocused();
    });
  }
});

test('what others change is told to screen readers politely, once per burst, and not what I change', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const ana = await person(browser, mapId, 'Ana');
  const bo = await person(browser, mapId, 'Bo');
  const told = bo.getByTestId('live-announcer');
  await expect(told).toHaveAttribute('aria-live', 'polite');
  await expect(told).toHaveText('');

  // Typed key by key: one sentence about the card, not one per key (the pacing itself is unit-tested).
  await cardWithText(ana, 'Guest checkout').dblclick();
  await ana.locator('textarea.inline-text').pressSequentially(' (checked)');
  await ana.locator('textarea.inline-text').press('Enter');
  await expect(told).toHaveText('Ana edited a card', { timeout: 15_000 });
  // Ana's own screen tells her nothing of her own edits.
  await expect(ana.getByTestId('live-announcer')).toHaveText('');

  // The same words again are said again: the sentence comes as a new node of the region, not as unchanged text.
  await told.locator('span').evaluate((el) => el.setAttribute('data-told', 'before'));
  await cardWithText(ana, 'Reads a review of the Ridgeline 40 pack').dblclick();
  await ana.locator('textarea.inline-text').pressSequentially('Reads two reviews');
  await ana.locator('textarea.inline-text').press('Enter');
  await expect(told.locator('span:not([data-told])')).toHaveText('Ana edited a card', { timeout: 15_000 });
  await expect(told).toHaveText('Ana edited a card');
});
