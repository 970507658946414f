import { type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { cardWithText, createMap, person } from './helpers';

/** What a page's presentation shows: the step, the title and the place. */
async function shown(page: Page) {
  const p = page.getByTestId('presentation');
  return {
    step: await p.getAttribute('data-step'),
    title: await p.getByTestId('presentation-title').textContent(),
    position: await p.getByTestId('presentation-position').textContent(),
  };
}

const inFullScreen = (page: Page) => page.evaluate(() => document.fullscreenElement !== null);

/** axe on the presentation (it covers the map, which has its own checks). */
const presentationViolations = (page: Page) => seriousViolations(page, '[data-testid="presentation"]');

/** B shows what A shows (polled: the step travels through presence). */
async function expectSameSlide(a: Page, b: Page) {
  const want = await shown(a);
  await expect.poll(() => shown(b)).toEqual(want);
  return want;
}

test('A presents stage by stage; B follows and sees the same step as A moves on and back by keyboard', async ({ browser, request }) => {
  test.slow();
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const anna = await person(browser, mapId, 'Anna');
  const bo = await person(browser, mapId, 'Bo');

  await anna.getByTestId('present-button').click();
  await anna.getByTestId('present-stages').click();
  const presentation = anna.getByTestId('presentation');
  await expect(presentation).toBeVisible();
  await expect.poll(() => inFullScreen(anna)).toBe(true);
  await expect(presentation.getByTestId('presentation-position')).toHaveText(/^Stage 1 of \d+$/);
  // The persona is on the left and the curve at the bottom, with this stage highlighted.
  await expect(presentation.getByRole('complementary', { name: 'Persona' })).toBeVisible();
  const title = (await presentation.getByTestId('presentation-title').textContent())!;
  await expect(presentation.locator('.presentation-curve-stages [aria-current="step"]')).toHaveText(
    new RegExp(`^${title}: (emotion|no score)`),
  );
  await expect(presentation.getByTestId('presentation-card').first()).toBeVisible();

  // Bo is offered to follow, and then sees Anna's slide.
  await expect(bo.getByTestId('follow-banner')).toContainText('Anna is presenting');
  await bo.getByTestId('follow-banner').getByRole('button', { name: 'Follow' }).click();
  await expect(bo.getByTestId('presentation-following')).toContainText("Following Anna's presentation");
  // The Follow click puts Bo in full screen too.
  await expect.poll(() => inFullScreen(bo)).toBe(true);
  const first = await expectSameSlide(anna, bo);
  expect(first.step).toBe('0');
  expect.soft(await presentationViolations(anna), 'axe, presenting').toEqual([]);
  expect.soft(await presentationViolations(bo), 'axe, following').toEqual([]);

  // → PageDown and Space move on; Bo's screen turns with Anna's.
  await anna.keyboard.press('ArrowRight');
  expect((await expectSameSlide(anna, bo)).position).toMatch(/^Stage 2 of/);
  await anna.keyboard.press('PageDown');
  await anna.keyboard.press(' ');
  expect((await expectSameSlide(anna, bo)).step).toBe('3');
  await anna.keyboard.press('ArrowLeft');
  expect((await expectSameSlide(anna, bo)).step).toBe('2');
  await anna.keyboard.press('End');
  const last = await expectSameSlide(anna, bo);
  expect(last.position).toMatch(/^Stage (\d+) of \1$/);
  await anna.keyboard.press('Home');
  expect(await expectSameSlide(anna, bo)).toEqual(first);

  // Bo's keys do not turn Anna's slides.
  await bo.keyboard.press('ArrowRight');
  await bo.waitForTimeout(300);
  expect((await shown(anna)).step).toBe('0');
  expect((await shown(bo)).step).toBe('0');

  // Esc leaves; Bo's presentation closes with it.
  await anna.keyboard.press('Escape');
  await expect(anna.getByTestId('presentation')).toHaveCount(0);
  await expect(bo.getByTestId('presentation')).toHaveCount(0);
  await expect.poll(() => inFullScreen(anna)).toBe(false);
  await expect.poll(() => inFullScreen(bo)).toBe(false);
});

test('presenting the selected cards walks them one by one; a follower can stop following (zh-CN)', async ({ browser, request }) => {
  test.slow();
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const anna = await person(browser, mapId, 'Anna');
  const bo = await person(browser, mapId, 'Bo');
  await bo.getByTestId('language-switch').selectOption('zh-CN');

  await cardWithText(anna, 'Guest checkout').click();
  await cardWithText(anna, 'Support phone call').click({ modifiers: ['Shift'] });
  await anna.getByTestId('present-button').click();
  await expect(anna.getByTestId('present-selected')).toHaveText('The 2 selected cards');
  await anna.getByTestId('present-selected').click();
  const presentation = anna.getByTestId('presentation');
  await expect(presentation.getByTestId('presentation-position')).toHaveText(/^Stage \d+ of \d+ · 1 \/ 2$/);
  await expect(presentation.getByTestId('presentation-card')).toHaveCount(1);

  await bo.getByTestId('follow-banner').getByRole('button', { name: '跟随' }).click();
  await expect(bo.getByTestId('presentation-following')).toContainText('正在跟随 Anna 的演示');
  await expect(bo.getByTestId('presentation-position')).toHaveText(/^第 \d+ 阶段，共 \d+ 个 · 1 \/ 2$/);
  const firstCard = await presentation.getByTestId('presentation-card').textContent();
  await expect(bo.getByTestId('presentation-card')).toHaveText(firstCard!);
  await anna.keyboard.press('ArrowRight');
  await expect(bo.getByTestId('presentation-position')).toHaveText(/· 2 \/ 2$/);
  await expect(bo.getByTestId('presentation-card')).not.toHaveText(firstCard!);

  expect.soft(await presentationViolations(bo), 'axe, following a path (zh-CN)').toEqual([]);
  await bo.getByTestId('presentation-following').getByRole('button', { name: '停止跟随' }).click();
  await expect(bo.getByTestId('presentation')).toHaveCount(0);
  await expect(anna.getByTestId('presentation')).toBeVisible();
});
