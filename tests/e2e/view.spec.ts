import AxeBuilder from '@axe-core/playwright';
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createMap, fitMap, laneHeader, stageHeader } from './helpers';

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Opens a map as it opens for a person: no fitting. */
async function open(page: Page, mapId: string) {
  await page.goto(`/m/${mapId}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('card').first()).toBeVisible();
}

/** The words a header shows on screen: its text, and the value of each select that is not transparent. */
const shownText = (header: Locator) =>
  header.evaluate((root) => {
    const visible = (el: Element | null): boolean => {
      for (let e = el; e && e !== root.parentElement; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.opacity === '0' || style.visibility === 'hidden' || style.display === 'none') return false;
      }
      return true;
    };
    const words: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (!n.parentElement?.closest('select') && visible(n.parentElement)) words.push(n.textContent ?? '');
    for (const select of root.querySelectorAll('select')) if (visible(select)) words.push(select.selectedOptions[0]?.textContent ?? '');
    return words.join(' ');
  });

/** What a press at (x, y) would reach, as a reader sees the headers: the corner, a lane's title, a stage or lane header, or else. */
const drawnAt = (page: Page, x: number, y: number) =>
  page.evaluate(
    ([x, y]) => {
      const e = document.elementFromPoint(x!, y!);
      if (e?.closest('.sticky-corner')) return 'corner';
      if (e?.closest('[data-testid="lane"] .lane-title')) return 'lane title';
      if (e?.closest('[data-testid="stage"]')) return 'stage';
      if (e?.closest('[data-testid="lane"]')) return 'lane';
      return 'other';
    },
    [x, y],
  );
const centre = (b: Box) => [b.x + b.width / 2, b.y + b.height / 2] as const;

/** The part of a box inside `clip` (a card half under the canvas's edge shows only its upper part), or null. */
const clipped = (b: Box, clip: Box): Box | null => {
  const x = Math.max(b.x, clip.x);
  const y = Math.max(b.y, clip.y);
  const width = Math.min(b.x + b.width, clip.x + clip.width) - x;
  const height = Math.min(b.y + b.height, clip.y + clip.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
};

const zoomLevel = (page: Page) => page.getByRole('combobox', { name: 'Zoom level' });
const boxes = (items: Locator) =>
  items.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );

test('a map opens at 100 % on its persona and first stage; the zoom control shows the level and takes a typed or picked one', async ({
  page,
  request,
}) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
  await open(page, mapId);
  // The sockets open early, while the page renders (main.tsx), and the page takes them: one per room, not two.
  expect(sockets.sort()).toEqual([`/ws/${mapId}`, `/ws/${mapId}/comments`]);
  const canvas = (await page.locator('.react-flow').boundingBox())!;

  await expect(zoomLevel(page)).toHaveValue('100%');
  await expect(page.getByTestId('persona-head')).toBeInViewport({ ratio: 1 });
  const stage = (await stageHeader(page, 0).boundingBox())!;
  expect(stage.x).toBeGreaterThanOrEqual(canvas.x);
  expect(stage.y).toBeGreaterThanOrEqual(canvas.y);
  expect(stage.x + stage.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  await expect(stageHeader(page, 0)).toContainText('Research');
  await expect(page.getByText('Reads a review of the Ridgeline 40 pack')).toBeInViewport({ ratio: 1 });

  // Typed: "150" means 150 %.
  await zoomLevel(page).fill('150');
  await zoomLevel(page).press('Enter');
  await expect(zoomLevel(page)).toHaveValue('150%');
  await expect.poll(async () => (await stageHeader(page, 0).boundingBox())!.width).toBeCloseTo(252 * 1.5, 0);

  // The buttons step through round levels.
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect(zoomLevel(page)).toHaveValue('125%');

  // Fit shows the whole map: a scale well under 100 %, the last stage on screen.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect.poll(async () => parseInt(await zoomLevel(page).inputValue(), 10)).toBeLessThan(60);
  await expect(stageHeader(page, 6)).toBeInViewport();

  // Picked from the list of levels.
  await zoomLevel(page).fill('75%');
  await zoomLevel(page).press('Enter');
  await expect(zoomLevel(page)).toHaveValue('75%');
});

test('stage headers stay at the top and lane headers at the left while the map is panned', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await open(page, mapId);
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const firstCard = page.getByText('Reads a review of the Ridgeline 40 pack');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);

  // Down until the first lane's top has gone under the pinned stage row, most of the lane still on screen.
  const rowBottom = canvas.y + (await stageHeader(page, 0).boundingBox())!.height;
  const firstLane = laneHeader(page, 0);
  for (let i = 0; i < 30 && (await firstLane.boundingBox())!.y > rowBottom - 60; i++) await page.mouse.wheel(0, 20);
  await expect.poll(async () => Math.round((await stageHeader(page, 0).boundingBox())!.y)).toBe(Math.round(canvas.y));
  const lane = (await firstLane.boundingBox())!;
  expect(lane.y).toBeLessThan(rowBottom - 40);
  expect(lane.y + lane.height).toBeGreaterThan(rowBottom + 60);
  // As in frozen panes the corner covers where the stage row and the lane column meet; the lane's title does not
  // slide under the row with its lane but stays in sight just below it, and nothing draws over it.
  const title = (await firstLane.locator('.lane-title').boundingBox())!;
  expect(title.y).toBeGreaterThanOrEqual(rowBottom - 0.5);
  expect(await drawnAt(page, ...centre(title))).toBe('lane title');
  const corner = (await page.locator('.sticky-corner').boundingBox())!;
  expect([corner.y, corner.y + corner.height]).toEqual([expect.closeTo(canvas.y, 0), expect.closeTo(rowBottom, 0)]);
  expect(await drawnAt(page, ...centre(corner))).toBe('corner');
  expect(await drawnAt(page, corner.x + corner.width + 20, rowBottom - 20)).toBe('stage');

  // Pan right and down, as with a trackpad, until the first card has left the screen.
  for (let i = 0; i < 12; i++) await page.mouse.wheel(60, 80);
  await expect(firstCard).not.toBeInViewport();

  // The stage row is pinned to the top edge, the lane column to the left edge, and both still show their names.
  await expect.poll(async () => Math.round((await stageHeader(page, 2).boundingBox())!.y)).toBe(Math.round(canvas.y));
  await expect(stageHeader(page, 2)).toContainText('Purchase');
  await expect(stageHeader(page, 2)).toBeInViewport({ ratio: 1 });
  const emotionLane = laneHeader(page, 3);
  await expect.poll(async () => Math.round((await emotionLane.boundingBox())!.x)).toBe(Math.round(canvas.x));
  await expect(emotionLane).toBeInViewport();
  await expect(emotionLane.getByRole('heading')).toHaveText('Emotion curve');
  // Pinned at both edges, the corner still covers the meeting of the two.
  expect(await drawnAt(page, canvas.x + 100, canvas.y + 38)).toBe('corner');

  // The headers still work: the rename button of a pinned stage header renames it.
  await stageHeader(page, 2).hover();
  await stageHeader(page, 2).getByRole('button', { name: 'Rename' }).click();
  const input = page.getByRole('textbox', { name: 'Rename' });
  await input.fill('Checkout');
  await input.press('Enter');
  await expect(stageHeader(page, 2)).toContainText('Checkout');
});

test('the mini map opens and closes, is remembered after a reload, and neither it nor the zoom control covers a card', async ({
  page,
  request,
}) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await open(page, mapId);
  const toggle = page.getByRole('button', { name: 'Mini map' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('mini-map')).toHaveCount(0);

  // At the opening view (100 %, 1440 × 900), no card, as far as it shows in the canvas, is under the zoom control or the mini map.
  const cards = page.getByTestId('card');
  const uncovered = async (what: Locator[]) => {
    await expect(zoomLevel(page)).toHaveValue('100%');
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    const shown = (await boxes(cards)).flatMap((b) => clipped(b, canvas) ?? []);
    expect(shown.length).toBeGreaterThan(5);
    for (const box of await Promise.all(what.map(async (l) => (await l.boundingBox())!)))
      for (const card of shown) expect(intersects(card, box), JSON.stringify({ card, box })).toBe(false);
  };
  expect(page.viewportSize()).toEqual({ width: 1440, height: 900 });
  await uncovered([page.getByTestId('zoom-control'), toggle]);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('img', { name: 'Mini map' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('img', { name: 'Mini map' })).toBeVisible();
  // Open, it opens with the map again, still at 100 %, and covers no card: it takes its strip from the canvas.
  await uncovered([page.getByTestId('zoom-control'), page.getByTestId('mini-map')]);
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  expect(intersects((await page.getByTestId('mini-map').boundingBox())!, canvas)).toBe(false);

  // Fitted, the map keeps clear of the open mini map.
  await fitMap(page);
  const mini = (await page.getByTestId('mini-map').boundingBox())!;
  const fitted = await boxes(cards);
  expect(fitted.length).toBeGreaterThan(50);
  for (const card of fitted) expect(intersects(card, mini)).toBe(false);

  // A press on the mini map moves the view there.
  const before = await page.locator('.react-flow__viewport').getAttribute('style');
  await page.mouse.click(mini.x + mini.width * 0.8, mini.y + mini.height * 0.8);
  await expect.poll(() => page.locator('.react-flow__viewport').getAttribute('style')).not.toBe(before);

  await page.getByRole('button', { name: 'Mini map' }).click();
  await expect(page.getByTestId('mini-map')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Mini map' })).toHaveAttribute('aria-expanded', 'false');
});

test('a lane header shows its name once and its type only where it differs; the type picker keeps its name and contrast', async ({
  page,
  request,
}) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await open(page, mapId);
  const actions = laneHeader(page, 0);
  await expect(actions.getByRole('heading')).toHaveText('Customer actions');
  // The type says the same as the name: only a small picker, with no words of its own.
  const picker = actions.getByRole('combobox', { name: 'Lane type' });
  await expect(picker).toHaveValue('actions');
  expect((await actions.locator('label').boundingBox())!.width).toBeLessThan(30);
  expect((await shownText(actions)).match(/Customer actions/g)).toHaveLength(1);

  // "Emotion curve" is of the type "Emotions": both show.
  const emotions = laneHeader(page, 3);
  await expect(emotions.getByRole('heading')).toHaveText('Emotion curve');
  const emotionType = emotions.getByRole('combobox', { name: 'Lane type' });
  await expect(emotionType).toHaveValue('emotions');
  expect(await shownText(emotions)).toMatch(/Emotion curve.*Emotions/);
  expect((await emotionType.boundingBox())!.width).toBeGreaterThan(40);

  // The picker still changes the type.
  await picker.selectOption('thoughts');
  await expect(actions.getByRole('combobox', { name: 'Lane type' })).toHaveValue('thoughts');
  await expect(actions.getByRole('combobox', { name: 'Lane type' })).toBeVisible();

  const contrast = await new AxeBuilder({ page })
    .include('[data-testid="lane"]')
    .withRules(['color-contrast', 'label', 'select-name'])
    .analyze();
  expect(contrast.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

test('emotion points are named, their labels neither overlap nor leave the lane, and the curve has a table', async ({ page, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  await open(page, mapId);
  await zoomLevel(page).fill('50%');
  await zoomLevel(page).press('Enter');
  await expect(zoomLevel(page)).toHaveValue('50%');

  const points = page.getByTestId('emotion-point');
  await expect(points.first()).toBeVisible();
  const names = await points.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  for (const name of names) expect(name).toMatch(/^.+: (0|[+−]\d), (delighted|pleased|neutral|unhappy|frustrated)$/);

  const table = page.getByRole('table', { name: 'Emotion curve, point by point' });
  await expect(table).toHaveCount(1);
  await expect(table.getByRole('row')).toHaveCount(names.length + 1);
  await expect(table.getByRole('columnheader')).toHaveText(['Stage', 'Point', 'Score', 'Feeling']);

  const lane = (await page.getByTestId('emotion-lane').boundingBox())!;
  const labels = await boxes(page.getByTestId('emotion-label'));
  expect(labels.length).toBeGreaterThan(0);
  for (const [i, a] of labels.entries()) {
    expect(a.y).toBeGreaterThanOrEqual(lane.y);
    expect(a.y + a.height).toBeLessThanOrEqual(lane.y + lane.height);
    for (const b of labels.slice(i + 1)) expect(intersects(a, b)).toBe(false);
  }
});
