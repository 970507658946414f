/**
 * Co-editing a card's text (schema v3): two people type into one card at
 * the same moment, one of them composing Chinese with an IME, and both keep
 * their words, on both screens and after a reload; each sees the other's
 * caret in the other's colour while typing.
 */
import { type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addCard, cardByText, createMap, person } from './helpers';

const editorOf = (page: Page) => page.getByTestId('card-editor');

/** Ana and Bo on a blank map, each in a browser of their own, with one card Ana wrote. */
async function anaAndBoWithCard(browser: Browser, request: APIRequestContext, text: string) {
  const mapId = await createMap(request, { template: 'blank', locale: 'en' });
  const ana = await person(browser, mapId, 'Ana');
  const bo = await person(browser, mapId, 'Bo');
  await addCard(ana, 0, 0, text);
  return { mapId, ana, bo };
}

/** A pinyin composition through the browser's real IME path: composition events, then the chosen characters committed. */
async function composePinyin(page: Page, steps: string[], result: string, duringEachStep: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page);
  for (const step of steps) {
    await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
    await page.waitForTimeout(120);
    await duringEachStep();
  }
  await cdp.send('Input.insertText', { text: result });
  await cdp.detach();
}

test('two people type into one card at once, one through an IME: both texts are kept, carets show in the writer’s colour', async ({
  browser,
  request,
}) => {
  test.slow();
  const { mapId, ana, bo } = await anaAndBoWithCard(browser, request, 'Order online');

  // Both open the same card: Ana's caret at the end, Bo's at the start.
  await cardByText(ana, 'Order online').dblclick();
  await expect(editorOf(ana)).toBeFocused();
  await ana.keyboard.press('Control+End');
  await cardByText(bo, 'Order online').dblclick();
  await expect(editorOf(bo)).toBeFocused();
  await bo.keyboard.press('Control+Home');

  // Each sees the other editing, with the caret in the other's colour and name.
  const boColour = await ana.getByTestId('peer-avatar').evaluate((el) => getComputedStyle(el).borderTopColor);
  const boCaret = ana.getByTestId('remote-caret').filter({ hasText: 'Bo' });
  await expect(boCaret).toBeVisible();
  expect(await boCaret.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe(boColour);
  await expect(bo.getByTestId('remote-caret').filter({ hasText: 'Ana' })).toBeVisible();

  // At the same time: Ana types English at the end, Bo composes 快速 with pinyin at the start.
  await editorOf(bo).evaluate((el) => {
    el.addEventListener('compositionstart', () => (el.dataset.compositions = String(Number(el.dataset.compositions ?? 0) + 1)));
  });
  await Promise.all([
    editorOf(ana).pressSequentially(' with the app', { delay: 60 }),
    (async () => {
      await composePinyin(bo, ['k', 'ku', 'kua', 'kuai', 'kuai s', 'kuai su'], '快速', async () => {
        // Half-composed pinyin is never written: Ana's screen never shows it, and Bo sees Ana's typing only after his composition.
        expect(await editorOf(ana).inputValue()).not.toMatch(/^k/);
      });
      await bo.keyboard.type(' ');
    })(),
  ]);
  await expect(editorOf(bo)).toHaveAttribute('data-compositions', '1');

  const both = '快速 Order online with the app';
  await expect(editorOf(ana)).toHaveValue(both);
  await expect(editorOf(bo)).toHaveValue(both);
  // Bo's caret followed his own text, not Ana's: it sits after "快速 ".
  expect(await editorOf(bo).evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe('快速 '.length);

  // Ana types on: Bo's editor says she is typing, and his caret stays where it was.
  await ana.keyboard.insertText('!');
  await expect(bo.getByTestId('cotext-typing')).toContainText('Ana is typing');
  const final = `${both}!`;
  await expect(editorOf(bo)).toHaveValue(final);
  expect(await editorOf(bo).evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe('快速 '.length);

  // Enter leaves: nothing to save, the text is already everyone's.
  await editorOf(ana).press('Enter');
  await editorOf(bo).press('Enter');
  await expect(ana.getByTestId('card-editor')).toHaveCount(0);
  await expect(ana.locator('.card-text', { hasText: final })).toBeVisible();
  await expect(bo.locator('.card-text', { hasText: final })).toBeVisible();

  await ana.reload();
  await expect(ana.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(ana.locator('.card-text', { hasText: final })).toBeVisible();
  const exported = await (await request.get(`/api/maps/${mapId}/export.json`)).json();
  expect(Object.values(exported.cards as Record<string, { text: string }>).map((c) => c.text)).toEqual([final]);
  expect(exported.schemaVersion).toBe(4);
});

test('undo in the card editor takes back my typing, not my colleague’s', async ({ browser, request }) => {
  test.slow();
  const { ana, bo } = await anaAndBoWithCard(browser, request, 'Pay');
  await cardByText(ana, 'Pay').dblclick();
  await ana.keyboard.press('Control+End');
  await cardByText(bo, 'Pay').dblclick();
  await bo.keyboard.press('Control+Home');

  await editorOf(bo).pressSequentially('Quick ', { delay: 30 });
  await expect(editorOf(ana)).toHaveValue('Quick Pay');
  // One burst of typing (a single input: a slow machine must not split it into two undo steps at the half-second mark).
  await ana.keyboard.insertText(' by card');
  await expect(editorOf(bo)).toHaveValue('Quick Pay by card');

  await editorOf(ana).press('Control+z');
  await expect(editorOf(ana)).toHaveValue('Quick Pay');
  await expect(editorOf(bo)).toHaveValue('Quick Pay');
});

test('the inspector’s Text field writes only its own change: what a colleague typed in the card meanwhile stays', async ({
  browser,
  request,
}) => {
  test.slow();
  const { ana, bo } = await anaAndBoWithCard(browser, request, 'Ask for help');

  // Ana edits the text in the inspector: her field holds her draft until she commits.
  await cardByText(ana, 'Ask for help').click();
  const field = ana.getByTestId('inspector-text');
  await expect(field).toHaveValue('Ask for help');
  await field.click();
  await field.press('End');
  await field.pressSequentially(' online');

  // Meanwhile Bo types into the same card on the canvas.
  await cardByText(bo, 'Ask for help').dblclick();
  await bo.keyboard.press('Control+End');
  await editorOf(bo).pressSequentially(' now', { delay: 20 });
  await editorOf(bo).press('Enter');
  await expect(cardByText(ana, 'Ask for help now')).toBeVisible();
  await expect(field).toHaveValue('Ask for help online');

  // Ana commits: her words and Bo's are both in the card, for both of them.
  await field.press('Enter');
  for (const page of [ana, bo]) await expect(page.locator('.card-text', { hasText: 'Ask for help online now' })).toBeVisible();
  // Leaving the field shows the merged text there too.
  await field.blur();
  await expect(field).toHaveValue('Ask for help online now');
});
