import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addCard, cardByText, cardWithText, createMap, openMap, person, zoomInButton } from './helpers';

test('two people see each other: avatars, named cursors, selections, a card being dragged', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const anna = await person(browser, mapId, 'Anna');
  const bo = await person(browser, mapId, '波波');

  await expect(bo.getByTestId('peer-avatar')).toHaveAttribute('aria-label', 'Anna');
  await expect(anna.getByTestId('peer-avatar')).toHaveAttribute('aria-label', '波波');

  // Anna's pointer shows on Bo's screen with her name.
  const canvas = (await anna.getByTestId('canvas').boundingBox())!;
  await anna.mouse.move(canvas.x + 300, canvas.y + 300);
  await anna.mouse.move(canvas.x + 320, canvas.y + 310, { steps: 3 });
  await expect(bo.getByTestId('remote-cursor')).toContainText('Anna');

  // Anna's selection is outlined on Bo's screen.
  await cardWithText(anna, 'Support phone call').click();
  await expect(cardWithText(bo, 'Support phone call')).toHaveClass(/is-peer-selected/);

  // A card Anna is dragging moves on Bo's screen before she drops it.
  const card = cardWithText(anna, 'Guest checkout');
  const box = (await card.boundingBox())!;
  const before = (await cardWithText(bo, 'Guest checkout').boundingBox())!;
  await anna.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await anna.mouse.down();
  await anna.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 10, { steps: 5 });
  await anna.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 20, { steps: 5 });
  await expect(bo.locator('.react-flow__node.is-remote-dragging')).toHaveCount(1);
  await expect.poll(async () => (await cardWithText(bo, 'Guest checkout').boundingBox())!.x).toBeGreaterThan(before.x + 20);
  await anna.mouse.up();
  await expect(bo.locator('.react-flow__node.is-remote-dragging')).toHaveCount(0);
});

test("a colleague's pointer glides between the positions that arrive instead of jumping", async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'blank', locale: 'en' });
  const anna = await person(browser, mapId, 'Anna');
  const bo = await person(browser, mapId, 'Bo');
  const canvas = (await anna.getByTestId('canvas').boundingBox())!;
  await anna.mouse.move(canvas.x + 200, canvas.y + 200);
  await expect(bo.getByTestId('remote-cursor')).toContainText('Anna');
  await bo.waitForTimeout(300); // settled where it is

  // Bo's page records where the pointer is on screen in every frame, from before Anna's moves.
  const before = await bo.evaluate(() => document.querySelector('[data-testid="remote-cursor"]')!.getBoundingClientRect().x);
  await bo.evaluate(() => {
    const xs: number[] = [];
    (window as unknown as { pointerXs: number[] }).pointerXs = xs;
    const frame = () => {
      xs.push(document.querySelector('[data-testid="remote-cursor"]')?.getBoundingClientRect().x ?? NaN);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  // Five positions, 200 ms apart (as a slow trickle of awareness would bring them).
  for (let i = 1; i <= 5; i++) {
    await anna.mouse.move(canvas.x + 200 + i * 80, canvas.y + 200);
    await anna.waitForTimeout(200);
  }
  await bo.waitForTimeout(500);
  const xs = await bo.evaluate(() => (window as unknown as { pointerXs: number[] }).pointerXs);
  const last = xs[xs.length - 1]!;
  expect(last).toBeGreaterThan(before + 100);
  // A pointer that jumped would be seen at 4 places on the way (the first four positions); one that glides,
  // at more: many on a quiet machine, only a few more where Bo's page gets few frames. More than 4 is what
  // tells a glide from the jumps, however busy the machine.
  const onTheWay = new Set(xs.filter((x) => x > before + 1 && x < last - 1).map((x) => Math.round(x)));
  expect(onTheWay.size).toBeGreaterThan(4);
});

test('a name is asked once and remembered', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'blank' });
  await openMap(page, mapId);
  await page.getByTestId('presence-name').fill('林晓雨');
  await page.getByTestId('presence-name').press('Enter');
  await page.reload();
  await expect(page.getByTestId('my-name')).toHaveText('林晓雨');
  await expect(page.getByTestId('presence-name')).toHaveCount(0);
});

test("follow: Bo follows Anna's view; Anna asks everyone to follow her", async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const anna = await person(browser, mapId, 'Anna');
  const bo = await person(browser, mapId, 'Bo');
  const viewport = (page: Page) => page.locator('.react-flow__viewport').getAttribute('style');

  await anna.getByTestId('presence-bar').getByRole('button', { name: /Anna/ }).click();
  await anna.getByTestId('follow-me').check();
  // While Bo has not answered, the offer covers none of his controls.
  await expect(bo.getByTestId('follow-banner')).toBeVisible();
  for (const control of ['export-button', 'import-metrics-button', 'votes-left-badge', 'history', 'share']) {
    const box = (await bo.getByTestId(control).boundingBox())!;
    const onTop = await bo.evaluate(([x, y, id]) => !!document.elementFromPoint(x!, y!)?.closest(`[data-testid="${id}"]`), [
      box.x + box.width / 2,
      box.y + box.height / 2,
      control,
    ] as const);
    expect(onTop, `${control} is not covered by the follow offer`).toBe(true);
  }
  await bo.getByTestId('follow-banner').getByRole('button', { name: 'Follow' }).click();

  // Anna zooms in; Bo's view follows.
  const before = await viewport(bo);
  for (let i = 0; i < 3; i++) await zoomInButton(anna).click();
  await expect.poll(() => viewport(bo)).not.toBe(before);
  const zoomOf = async (page: Page) => Number(/scale\(([\d.]+)\)/.exec((await viewport(page)) ?? '')?.[1]);
  await expect.poll(async () => Math.abs((await zoomOf(bo)) - (await zoomOf(anna)))).toBeLessThan(0.05);
});

test("undo is per person: Ctrl+Z undoes my edit, not my colleague's", async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'blank' });
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await openMap(a, mapId);
  await openMap(b, mapId);
  await addCard(a, 0, 0, 'A card');
  await addCard(b, 0, 1, 'B card');
  await expect(cardByText(a, 'B card')).toBeVisible();

  await a.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await a.keyboard.press('Control+z');
  await expect(cardByText(b, 'A card')).toHaveCount(0);
  await expect(cardByText(a, 'B card')).toBeVisible();
  await a.getByTestId('redo').click();
  await expect(cardByText(b, 'A card')).toBeVisible();
});
