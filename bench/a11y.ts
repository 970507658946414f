/**
 * Where the app stands for keyboard and screen-reader users (issue 14), in
 * Chromium at 1440 × 900 against the built app on a real server:
 *   - axe-core (through @axe-core/playwright, the WCAG 2.0/2.1 A and AA and
 *     2.2 AA rules) on the dashboard, on the zh-CN and en backpack maps as
 *     they open, at fit view and at 100 %, and with each dialog open (Export,
 *     Share, History, Import metrics, Opportunity matrix): violations by
 *     impact, and the rules with how many elements each;
 *   - Tab presses from the page's start until a card has focus on the
 *     backpack map, and a cell's "add card" button on a blank one (given up
 *     after 400).
 * Needs `npm run build`; returns null without it. `npx tsx bench/a11y.ts`
 * runs it alone.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { createMap } from '../tests/fixtures/server';
import { withBuiltApp } from './builtApp';

const TAB_LIMIT = 400;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const byImpact: Record<string, number> = {};
  for (const v of violations) byImpact[v.impact ?? 'unknown'] = (byImpact[v.impact ?? 'unknown'] ?? 0) + 1;
  return { byImpact, rules: Object.fromEntries(violations.map((v) => [`${v.id} (${v.impact})`, v.nodes.length])) };
}

/** Tab presses until the focused element is (in) a card, or else (a blank map has none) a cell's "add card" button; null past TAB_LIMIT. */
async function tabsTo(page: Page, target: 'card' | 'cell'): Promise<number | null> {
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  for (let n = 1; n <= TAB_LIMIT; n++) {
    await page.keyboard.press('Tab');
    // React Flow focuses the node that wraps a card, or an element inside the card.
    const onCard = await page.evaluate((target) => {
      const el = document.activeElement;
      if (!el) return false;
      if (target === 'cell') return !!el.closest('.add-card');
      return !!el.closest('[data-testid="card"]') || !!el.querySelector(':scope > [data-testid="card"], :scope > * > [data-testid="card"]');
    }, target);
    if (onCard) return n;
  }
  return null;
}

/** Each dialog and how to find the button that opens it. */
const DIALOGS: [string, (page: Page) => Locator][] = [
  ['export', (page) => page.getByTestId('export-button')],
  ['share', (page) => page.getByTestId('share')],
  ['history', (page) => page.getByTestId('history')],
  ['importMetrics', (page) => page.getByTestId('import-metrics-button')],
  ['matrix', (page) => page.getByRole('toolbar').getByRole('button', { name: /^(Opportunity matrix|机会矩阵)$/ })],
];

/** The zoom the canvas shows, from React Flow's viewport transform. */
const zoomOf = async (page: Page) =>
  Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1]);

export function a11y() {
  return withBuiltApp(async ({ base, browser }) => {
    const zh = await createMap(base, { template: 'backpack', locale: 'zh-CN' });
    const en = await createMap(base, { template: 'backpack', locale: 'en' });
    const blank = await createMap(base, { locale: 'en' });
    const results: Record<string, unknown> = {};
    const open = async (url: string, locale: string) => {
      const context = await browser.newContext({ baseURL: base, locale, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      return { context, page };
    };
    {
      const { context, page } = await open('/', 'en');
      await page.getByTestId('language-switch').waitFor();
      results.dashboard = await axe(page);
      await context.close();
    }
    for (const [name, id, locale] of [
      ['mapZh', zh, 'zh-CN'],
      ['mapEn', en, 'en'],
    ] as const) {
      const { context, page } = await open(`/m/${id}`, locale);
      await page.getByTestId('card').first().waitFor();
      const map: Record<string, unknown> = { openedAtZoom: await zoomOf(page), asOpened: await axe(page) };
      await page
        .getByTestId('zoom-control')
        .getByRole('button', { name: /fit|适应/i })
        .click();
      await page.waitForTimeout(300);
      map.fitView = { zoom: await zoomOf(page), ...(await axe(page)) };
      // 100 %: typed into the zoom control, from fit view.
      const level = page.getByTestId('zoom-control').getByRole('combobox');
      await level.fill('100%');
      await level.press('Enter');
      await page.waitForTimeout(300);
      map.zoomed = { zoom: await zoomOf(page), ...(await axe(page)) };
      for (const [dialog, find] of DIALOGS) {
        const opener = find(page);
        if (!(await opener.count())) continue;
        await opener.click();
        await page.waitForTimeout(500);
        map[dialog] = await axe(page);
        await page.keyboard.press('Escape');
        await page.waitForTimeout(200);
      }
      results[name] = map;
      await context.close();
    }
    for (const [name, id, target] of [
      ['tabsToFirstCardBackpack', en, 'card'],
      ['tabsToFirstCellBlank', blank, 'cell'],
    ] as const) {
      const { context, page } = await open(`/m/${id}`, 'en');
      await page.locator('.react-flow').waitFor();
      await page.waitForTimeout(500);
      results[name] = await tabsTo(page, target);
      await context.close();
    }
    return results;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await a11y(), null, 2));
