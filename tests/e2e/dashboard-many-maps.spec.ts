/**
 * The dashboard with 2,000 maps, created through the real API: the first
 * page and the total at once, more as the user scrolls (or presses "Load
 * more"), and search by the server that finds a map from far down the list.
 *
 * Its own server, so the 2,000 maps (and the raised map-creation cap they
 * need) do not change what the suite's other dashboard tests see.
 */
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { MapListSchema, type MapList } from '../../src/model';
import { freePort, kill9, spawnServer, tempDir } from '../fixtures/server';

const MAPS = 2000;
const titleOf = (i: number) => `Bulk map ${String(i).padStart(4, '0')}`;

let child: ChildProcess;
let base: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const port = await freePort();
  child = await spawnServer(port, tempDir(), path.resolve('dist'), { MAX_MAPS_PER_HOUR: String(MAPS + 100), JOURNEYBOARD_OPEN: '1' });
  base = `http://127.0.0.1:${port}`;
  // A few requests at a time, as a script filling a workspace would.
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < MAPS; i = next++) {
      const res = await fetch(`${base}/api/maps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: titleOf(i), template: 'blank' }),
      });
      if (res.status !== 201) throw new Error(`create ${titleOf(i)}: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
});
test.afterAll(async () => {
  if (child) await kill9(child);
});

async function apiPage(params: Record<string, string>): Promise<MapList> {
  const res = await fetch(`${base}/api/maps?${new URLSearchParams(params)}`);
  expect(res.status).toBe(200);
  return MapListSchema.parse(await res.json());
}

/** The 30th page of 50 (last edited first), as the API pages it. */
async function thirtiethPage(): Promise<MapList> {
  let page = await apiPage({});
  for (let n = 1; n < 30; n++) page = await apiPage({ cursor: page.nextCursor! });
  return page;
}

const rows = (page: Page) => page.getByTestId('map-row');
const titles = (page: Page) => page.getByTestId('map-row').locator('a.map-title');

test('2,000 maps: the first page and the total at once, more on scrolling, search finds a map from page 30', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base });
  // Notes when the first card appears, from the start of navigation (a figure, not a pass/fail).
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="map-row"]')) return;
      (window as { firstCardAt?: number }).firstCardAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const first = await apiPage({});
  expect(first.total).toBe(MAPS);

  await page.goto('/');
  await expect(titles(page).first()).toHaveText(first.maps[0]!.title);
  await expect(page.getByTestId('map-count')).toHaveText('2,000 maps');
  // The first page, in the server's order.
  expect((await titles(page).allTextContents()).slice(0, 50)).toEqual(first.maps.map((m) => m.title));
  const measured = await page.evaluate(() => ({
    firstCardMs: Math.round((window as { firstCardAt?: number }).firstCardAt ?? -1),
    listRequests: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/maps'))
      .map((e) => ({
        url: e.name,
        startMs: Math.round(e.startTime),
        ms: Math.round(e.duration),
        bytes: (e as PerformanceResourceTiming).encodedBodySize,
      })),
  }));
  test.info().annotations.push({ type: 'measured', description: JSON.stringify(measured) });

  // Scrolling to the end brings the next pages, in order, without repeats.
  const shown = await rows(page).count();
  expect(shown).toBeLessThan(MAPS);
  await page.getByTestId('load-more').scrollIntoViewIfNeeded();
  await expect.poll(() => rows(page).count()).toBeGreaterThan(shown);
  await page.mouse.wheel(0, 100_000);
  await expect.poll(() => rows(page).count()).toBeGreaterThan(shown + 50);
  const listed = await titles(page).allTextContents();
  expect(new Set(listed).size).toBe(listed.length);
  const second = await apiPage({ cursor: first.nextCursor! });
  expect(listed.slice(50, 100)).toEqual(second.maps.map((m) => m.title));

  // A map from page 30 is one search away; the count says how many match.
  const far = (await thirtiethPage()).maps[17]!;
  const search = page.getByTestId('map-search');
  await search.pressSequentially(far.title);
  await expect(rows(page)).toHaveCount(1);
  await expect(titles(page)).toHaveText([far.title]);
  await expect(page.getByTestId('map-count')).toHaveText('1 map matches');
  await expect(page.getByTestId('load-more')).toHaveCount(0);
  await search.fill('Bulk map 19');
  await expect(page.getByTestId('map-count')).toHaveText(`${(await apiPage({ q: 'Bulk map 19' })).total} maps match`);
  await search.press('Escape');
  await expect(page.getByTestId('map-count')).toHaveText('2,000 maps');
  await expect(titles(page).first()).toHaveText(first.maps[0]!.title);

  // By title: the server's collation ("Bulk map 0000" first), and the total in Chinese.
  await page.getByTestId('map-sort').selectOption('title');
  await expect(titles(page).first()).toHaveText(titleOf(0));
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByTestId('map-count')).toHaveText('共 2,000 张地图');
  await expect(titles(page).first()).toHaveText(titleOf(0));
  await page.getByTestId('language-switch').selectOption('en');
  await page.getByTestId('map-sort').selectOption('edited');
  await context.close();
});

test('2,000 maps: "Load more" works from the keyboard where nothing loads by itself', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base });
  // A browser without IntersectionObserver: the button is the only way on.
  await context.addInitScript(() => {
    delete (window as { IntersectionObserver?: unknown }).IntersectionObserver;
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(rows(page)).toHaveCount(50);
  const more = page.getByTestId('load-more');
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(rows(page)).toHaveCount(100);
  await expect(more).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows(page)).toHaveCount(150);
  await context.close();
});

test('2,000 maps: duplicate, rename and delete far down the list keep the user’s place', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base });
  // Pages only on request here, so the number of cards shown is exact.
  await context.addInitScript(() => {
    delete (window as { IntersectionObserver?: unknown }).IntersectionObserver;
  });
  const page = await context.newPage();
  // The fourth page as the API gives it before anything changes.
  let fourth = await apiPage({});
  for (let n = 0; n < 3; n++) fourth = await apiPage({ cursor: fourth.nextCursor! });
  await page.goto('/');
  const more = page.getByTestId('load-more');
  await more.click();
  await expect(rows(page)).toHaveCount(100);
  await more.click();
  await expect(rows(page)).toHaveCount(150);
  const before = await titles(page).allTextContents();

  // The copy of the 121st map is the newest edit: first, highlighted, nothing else reloaded.
  const original = before[120]!;
  await rows(page).nth(120).getByRole('button', { name: 'Duplicate' }).click();
  await expect(titles(page).first()).toHaveText(`${original} (copy)`);
  await expect(rows(page).first()).toHaveClass(/is-fresh/);
  await expect(rows(page)).toHaveCount(151);
  await expect(page.getByTestId('map-count')).toHaveText('2,001 maps');
  expect((await titles(page).allTextContents()).slice(1)).toEqual(before);

  // Renamed where it is; deleted from where it was.
  await rows(page).nth(141).getByRole('button', { name: 'Rename' }).click();
  const input = page.getByTestId('map-list').locator('input.inline-text');
  await input.fill('Renamed far down');
  await input.press('Enter');
  await expect(titles(page).nth(141)).toHaveText('Renamed far down');
  await rows(page).nth(131).getByRole('button', { name: 'Delete' }).click();
  await page.getByTestId('confirm-ok').click();
  await expect(rows(page)).toHaveCount(150);
  await expect(page.getByTestId('map-count')).toHaveText('2,000 maps');
  const after = await titles(page).allTextContents();
  expect(after).not.toContain(before[130]);

  // The next page continues after the last map shown: none repeated, none lost.
  await more.click();
  await expect(rows(page)).toHaveCount(200);
  const listed = await titles(page).allTextContents();
  expect(new Set(listed).size).toBe(200);
  expect(listed.slice(150)).toEqual(fourth.maps.map((m) => m.title));
  await context.close();
});

test('2,000 maps: an older search answered late never replaces a newer one', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('map-count')).toHaveText('2,000 maps');

  // The answer to "Bulk map 1" is held back until the newer search has been shown.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let heldDone = () => {};
  const heldAnswered = new Promise<void>((resolve) => (heldDone = resolve));
  await page.route(
    (url) => url.pathname === '/api/maps' && url.searchParams.get('q') === 'Bulk map 1',
    async (route) => {
      await held;
      await route.continue().catch(() => {}); // the page may have cancelled it
      heldDone();
    },
  );
  const search = page.getByTestId('map-search');
  // Listening before typing: the search may be asked before fill() returns.
  const asked = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === 'Bulk map 1');
  await search.fill('Bulk map 1');
  await asked;
  await search.fill('Bulk map 0007');
  await expect(titles(page)).toHaveText([titleOf(7)]);
  release();
  await heldAnswered;
  // Whatever came back for the older query, the page still shows the newer one.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(titles(page)).toHaveText([titleOf(7)]);
  await expect(page.getByTestId('map-count')).toHaveText('1 map matches');
  await context.close();
});
