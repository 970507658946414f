import { type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { createWithLinks, pathOf, openMap, person } from './helpers';

/** The time left a page shows, in seconds (m:ss or h:mm:ss). */
async function secondsShown(page: Page): Promise<number> {
  const text = (await page.getByTestId('timer-remaining').textContent()) ?? '';
  return text
    .trim()
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

/** axe on the timer's controls and display. */
const timerViolations = (page: Page) => seriousViolations(page, '.timer-control', '[data-testid="timer-display"]');

/** Both pages' time left, read at the same moment. */
const bothShown = (a: Page, b: Page) => Promise.all([secondsShown(a), secondsShown(b)]);

test('A starts 5 minutes; B joins late with a clock 7 minutes off and sees the same time; pause, +1 and stop reach B', async ({
  browser,
  request,
}) => {
  test.slow();
  const { id } = await createWithLinks(request);
  const anna = await person(browser, id, 'Anna');

  await anna.getByTestId('timer-button').click();
  const clickedAt = Date.now();
  await anna.getByRole('dialog', { name: 'Workshop timer' }).getByRole('button', { name: '5 min', exact: true }).click();
  await expect(anna.getByTestId('timer-display')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => secondsShown(anna)).toBeLessThanOrEqual(300);

  // Bo arrives two seconds later, on a machine whose clock is 7 minutes fast.
  await anna.waitForTimeout(2000);
  const boPage = await (await browser.newContext()).newPage();
  await boPage.clock.install({ time: Date.now() + 7 * 60_000 });
  // Records every time the page's timer shows "ended": on Bo's clock the box ended two minutes ago.
  await boPage.addInitScript(() => {
    const seen = ((window as unknown as { timerStates: string[] }).timerStates = [] as string[]);
    document.addEventListener('DOMContentLoaded', () =>
      new MutationObserver(() => {
        const state = document.querySelector('[data-testid="timer-display"]')?.getAttribute('data-state');
        if (state && seen.at(-1) !== state) seen.push(state);
      }).observe(document.body, { subtree: true, childList: true, attributes: true }),
    );
  });
  await openMap(boPage, id);
  await expect(boPage.getByTestId('timer-display')).toHaveAttribute('data-state', 'running');
  // Within a second of each other, read at the same moment, however long Bo's page took to open.
  await expect
    .poll(async () => {
      const [a, b] = await bothShown(anna, boPage);
      return Math.abs(a - b);
    })
    .toBeLessThanOrEqual(1);
  // Never a wrong time first: the display waits for the server's clock.
  expect(await boPage.evaluate(() => (window as unknown as { timerStates: string[] }).timerStates)).toEqual(['running']);
  // And it is the real time left (5 minutes less what has passed here), not Bo's fast clock's: that would show "Time is up".
  const [a] = await bothShown(anna, boPage);
  const passed = Math.ceil((Date.now() - clickedAt) / 1000);
  expect(a).toBeGreaterThanOrEqual(300 - passed - 1);
  expect(a).toBeLessThan(299);

  // Pause: Bo's display stops at Anna's time.
  await anna.getByTestId('timer-button').click();
  await anna.getByTestId('timer-pause').click();
  await expect(boPage.getByTestId('timer-display')).toHaveAttribute('data-state', 'paused');
  await expect(boPage.getByTestId('timer-remaining')).toHaveText((await anna.getByTestId('timer-remaining').textContent())!);
  const pausedAt = await secondsShown(boPage);
  await boPage.waitForTimeout(1500);
  expect(await secondsShown(boPage)).toBe(pausedAt);

  // One more minute, seen by Bo; then resume and stop.
  await anna.getByTestId('timer-add-minute').click();
  await expect.poll(() => secondsShown(boPage)).toBe(pausedAt + 60);
  await anna.getByTestId('timer-resume').click();
  await expect(boPage.getByTestId('timer-display')).toHaveAttribute('data-state', 'running');
  await anna.getByTestId('timer-stop').click();
  await expect(boPage.getByTestId('timer-display')).toHaveCount(0);
  await expect(anna.getByTestId('timer-display')).toHaveCount(0);
});

test('a typed time box ends for everyone with "Time is up", announced politely; a reload keeps a running timer', async ({
  browser,
  request,
}) => {
  const { id } = await createWithLinks(request);
  const anna = await person(browser, id, 'Anna');
  const bo = await person(browser, id, 'Bo');

  await anna.getByTestId('timer-button').click();
  const input = anna.getByTestId('timer-input');
  await input.fill('soon');
  await input.press('Enter');
  await expect(anna.getByRole('dialog', { name: 'Workshop timer' }).getByRole('alert')).toContainText('minutes:seconds');
  await input.fill('0:04');
  await input.press('Enter');
  await expect(bo.getByTestId('timer-display')).toHaveAttribute('data-state', 'running');
  await expect(bo.getByTestId('timer-display')).toHaveAttribute('data-state', 'up', { timeout: 8000 });
  await expect(bo.getByTestId('timer-display')).toContainText('Time is up');
  await expect(bo.getByRole('status').filter({ hasText: 'Time is up' })).toHaveCount(1);

  // A new time box, and a reload in the middle of it: still running, the same time left.
  await anna.getByTestId('timer-button').click();
  await anna.getByTestId('timer-stop').click();
  await anna.getByTestId('timer-button').click();
  await anna.getByTestId('timer-input').fill('7');
  await anna.getByTestId('timer-start').click();
  await expect.poll(() => secondsShown(bo)).toBeGreaterThan(400);
  await bo.reload();
  await expect(bo.getByTestId('timer-display')).toHaveAttribute('data-state', 'running');
  await expect
    .poll(async () => {
      const [a, b] = await bothShown(anna, bo);
      return Math.abs(a - b);
    })
    .toBeLessThanOrEqual(1);
});

test('a viewer and a commenter see the timer but have no control to start one', async ({ browser, request }) => {
  test.slow();
  const { id, links } = await createWithLinks(request);
  const anna = await person(browser, id, 'Anna');
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(pathOf(links.view));
  await expect(viewer.getByTestId('role-badge')).toHaveText('View only');
  const commenter = await (await browser.newContext()).newPage();
  await commenter.goto(pathOf(links.comment));
  await expect(commenter.getByTestId('role-badge')).toBeVisible();

  for (const page of [viewer, commenter]) {
    await expect(page.getByTestId('stage').first()).toBeVisible();
    await expect(page.getByTestId('timer-button')).toHaveCount(0);
  }
  await anna.getByTestId('timer-button').click();
  await anna.getByTestId('timer-preset-3').click();
  for (const page of [viewer, commenter]) {
    await expect(page.getByTestId('timer-display')).toHaveAttribute('data-state', 'running');
    await expect(page.getByRole('timer')).toHaveAccessibleName(/Workshop timer: [23]:\d\d left/);
  }

  // The controls pass axe, open and running, in English and in Chinese; the mute toggle is remembered.
  await anna.getByTestId('timer-button').click();
  await expect(anna.getByTestId('timer-popover')).toBeVisible();
  expect.soft(await timerViolations(anna), 'axe, the timer running (en)').toEqual([]);
  await anna.keyboard.press('Escape');
  await expect(anna.getByTestId('timer-popover')).toHaveCount(0);
  await expect(anna.getByTestId('timer-button')).toBeFocused();
  await viewer.getByTestId('language-switch').selectOption('zh-CN');
  await expect(viewer.getByRole('timer')).toHaveAccessibleName(/工作坊计时器：剩余 [23]:\d\d/);
  await viewer.getByTestId('timer-mute').click();
  await expect(viewer.getByTestId('timer-mute')).toHaveAttribute('aria-pressed', 'true');
  expect.soft(await timerViolations(viewer), 'axe, the timer for a viewer (zh-CN)').toEqual([]);
  await viewer.reload();
  await expect(viewer.getByTestId('timer-mute')).toHaveAttribute('aria-pressed', 'true');
});

test('at 1280 px, in English and in Chinese, the running timer and its controls fit: nothing overflows sideways', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { id } = await createWithLinks(request);
  await openMap(page, id);
  await page.getByTestId('timer-button').click();
  await page.getByTestId('timer-preset-15').click();
  for (const locale of ['en', 'zh-CN']) {
    await page.getByTestId('language-switch').selectOption(locale);
    await page.getByTestId('timer-button').click();
    await expect(page.getByTestId('timer-popover')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, locale).toBe(0);
    for (const testId of ['timer-display', 'timer-popover', 'shortcuts-button', 'present-button']) {
      const box = (await page.getByTestId(testId).boundingBox())!;
      expect(box.x, `${testId} (${locale})`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${testId} (${locale})`).toBeLessThanOrEqual(1280);
    }
    await page.keyboard.press('Escape');
  }
});
