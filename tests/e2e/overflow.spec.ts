/**
 * No horizontal overflow from 1280 px up, in English and in Chinese: with
 * each side-panel tab open the page is no wider than the window, the panel's
 * ✕ is on screen, and focusing the ✕ scrolls nothing sideways.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createMap, openMap } from './helpers';

const WIDTHS = [1280, 1440];
const LANGUAGES = [
  { locale: 'en', close: 'Close panel' },
  { locale: 'zh-CN', close: '关闭面板' },
] as const;
const TABS = ['inspector', 'personas', 'votes', 'comments'] as const;

/** How far the page, or any element of it, is wider than its box or scrolled sideways (0 when nothing is). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    const scrolled = [root, document.body, ...document.querySelectorAll('body *')].filter((el) => el.scrollLeft > 0);
    return {
      pageOverflow: root.scrollWidth - root.clientWidth,
      windowScrollX: window.scrollX,
      scrolledSideways: scrolled.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${el.scrollLeft}px`),
    };
  });

const NOTHING = { pageOverflow: 0, windowScrollX: 0, scrolledSideways: [] };

for (const width of WIDTHS) {
  for (const { locale, close } of LANGUAGES) {
    test(`no sideways overflow at ${width} px in ${locale} with each side-panel tab open`, async ({ page, request }) => {
      await page.setViewportSize({ width, height: 900 });
      const mapId = await createMap(request, { template: 'backpack', locale });
      await openMap(page, mapId);
      await page.getByTestId('language-switch').selectOption(locale);
      // A card selected fills the inspector with its fields.
      await page.getByTestId('card').first().click();
      for (const tab of TABS) {
        await page.getByTestId(`panel-tab-${tab}`).click();
        await expect(page.getByTestId(`panel-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
        expect(await sidewaysOverflow(page), `${tab} tab`).toEqual(NOTHING);
        const closeButton = page.getByRole('button', { name: close, exact: true });
        await closeButton.focus();
        await expect(closeButton).toBeFocused();
        expect(await sidewaysOverflow(page), `${tab} tab, ✕ focused`).toEqual(NOTHING);
        const box = (await closeButton.boundingBox())!;
        expect(box.x + box.width, `${tab} tab: the ✕ is inside the window`).toBeLessThanOrEqual(width);
      }
    });
  }
}
