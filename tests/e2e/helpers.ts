import { expect, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';

export async function createMap(request: APIRequestContext, body: Record<string, unknown> = {}): Promise<string> {
  const res = await request.post('/api/maps', { data: body });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return id;
}

/** Opens a map and fits it to the screen (a map opens at 100 % on its first stages; these tests work on the whole grid). */
export interface MapWithLinks {
  id: string;
  links: { edit: string; comment: string; view: string };
}

/** A backpack map made through the API, with its share links (the creator's answer). */
export async function createWithLinks(request: APIRequestContext): Promise<MapWithLinks> {
  const res = await request.post('/api/maps', { data: { template: 'backpack', locale: 'en' } });
  expect(res.status()).toBe(201);
  return (await res.json()) as MapWithLinks;
}

/** A link's path and query, for page.goto against the test server. */
export const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};

export async function openMap(page: Page, mapId: string): Promise<void> {
  await page.goto(`/m/${mapId}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('stage').first()).toBeVisible();
  await fitMap(page);
}

/** The zoom control's Fit, waiting until the view has settled. */
export async function fitMap(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  await page
    .getByTestId('zoom-control')
    .getByRole('button', { name: /^(Fit|适应屏幕)$/ })
    .click();
  // Settled: the same transform twice, a good while apart (the fit glides for 160 ms).
  let last: string | null = null;
  await expect
    .poll(
      async () => {
        const now = await viewport.getAttribute('style');
        const still = now === last;
        last = now;
        return still;
      },
      { intervals: [400] },
    )
    .toBe(true);
}

/** The zoom control's Zoom in button. */
export const zoomInButton = (page: Page): Locator => page.getByTestId('zoom-control').getByRole('button', { name: /^(Zoom in|放大)$/ });

export const stageHeader = (page: Page, index: number): Locator => page.getByTestId('stage').nth(index);
export const laneHeader = (page: Page, index: number): Locator => page.getByTestId('lane').nth(index);

/** The cell at (lane index, stage index), found through the header ids. */
export async function cell(page: Page, laneIndex: number, stageIndex: number): Promise<Locator> {
  const laneId = await laneHeader(page, laneIndex).getAttribute('data-lane-id');
  const stageId = await stageHeader(page, stageIndex).getAttribute('data-stage-id');
  return page.locator(`[data-testid="cell"][data-lane-id="${laneId}"][data-stage-id="${stageId}"]`);
}

export const cardByText = (page: Page, text: string): Locator => page.getByTestId('card').filter({ hasText: text });

/** The card whose text is exactly `text` (template texts share words). */
export const cardWithText = (page: Page, text: string): Locator =>
  page
    .getByTestId('card')
    .filter({ has: page.locator('.card-text', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });

export async function addCard(page: Page, laneIndex: number, stageIndex: number, text: string): Promise<void> {
  const target = await cell(page, laneIndex, stageIndex);
  await target.hover();
  await target.getByRole('button').click();
  const editor = page.locator('textarea.inline-text');
  await expect(editor).toBeFocused();
  await editor.fill(text);
  await editor.press('Enter');
  await expect(cardByText(page, text)).toBeVisible();
}

/** Drag with real mouse events, in steps, as a person would. */
export async function dragTo(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag: element not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 12 });
  await page.mouse.up();
}

/** Which stage column a locator's centre lies in (index), by header geometry. */
export async function stageIndexOf(page: Page, item: Locator): Promise<number> {
  const box = await item.boundingBox();
  if (!box) return -1;
  const cx = box.x + box.width / 2;
  const count = await page.getByTestId('stage').count();
  for (let i = 0; i < count; i++) {
    const h = await stageHeader(page, i).boundingBox();
    if (h && cx >= h.x && cx < h.x + h.width) return i;
  }
  return -1;
}

/** A participant in a browser context of their own (on `baseURL`, one node of a cluster, when given), named in the top bar. */
export async function person(browser: Browser, mapId: string, name: string, baseURL?: string): Promise<Page> {
  const page = await (await browser.newContext(baseURL ? { baseURL } : {})).newPage();
  await openMap(page, mapId);
  const input = page.getByTestId('presence-name');
  await input.fill(name);
  await input.press('Enter');
  await expect(page.getByTestId('my-name')).toHaveText(name);
  return page;
}
