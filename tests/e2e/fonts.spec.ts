import fs from 'node:fs';
import { chromium, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { listEntities, updateCardText } from '../../src/model';
import { mapFileFromDocs } from '../../src/model/exchange/mapFile';
import { mapDoc } from '../fixtures/model';
import { chromiumArgs, chromiumPath, latinOnlyFontconfig } from './chromium';
import { selectionSpan } from '../../src/export/plan';
import { enginePages, gridOf, snapshotOfDoc } from './engine';
import { exportFile, pixelDifference, pixelStats, pngSize } from './exports';
import { cardWithText } from './helpers';

// The app brings its own fonts (src/fonts.ts). Proved in a browser that sees
// no font of the machine: fontconfig is handed a configuration whose only
// font is a Latin one (chromium.ts).

// The browser is launched here, not by Playwright's fixtures, which cannot trace it.
test.use({ trace: 'off' });

const TEXT = '小红书测评笔记';
/** The same characters in another order: drawn as missing-glyph boxes, both strings look alike. */
const SHUFFLED = '记笔评测书红小';
/** Characters no translation or template uses. */
const RARE = '饕餮麒麟';
const RARE_SHUFFLED = '麟麒餮饕';

/** A zh-CN backpack map whose card TEXT says `text` instead. */
async function importMap(request: APIRequestContext, text: string): Promise<string> {
  const doc = mapDoc('backpack', 'zh-CN');
  const card = listEntities(doc, 'cards').find((c) => c.text === TEXT)!;
  updateCardText(doc, card.id, text);
  const res = await request.post('/api/maps/import', { data: mapFileFromDocs(doc) });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Ink of `text` drawn on a canvas in `font` (the face loaded first when it is one of ours), as a string of pixels. */
const drawn = (page: Page, font: string, text: string) =>
  page.evaluate(
    async ({ font, text }) => {
      await document.fonts.load(font, text);
      const ctx = new OffscreenCanvas(200, 40).getContext('2d')!;
      ctx.font = font;
      ctx.fillText(text, 4, 30);
      return Array.from(ctx.getImageData(0, 0, 200, 40).data.filter((_, i) => i % 4 === 3)).join(',');
    },
    { font, text },
  );

test('a Chinese map in a browser without any font of its own: the shipped fonts and icons draw it, on screen and in a PNG export', async ({
  request,
  baseURL,
}, testInfo) => {
  const conf = testInfo.outputPath('latin-only.conf');
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  await latinOnlyFontconfig(conf);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: chromiumArgs,
    env: { ...process.env, FONTCONFIG_FILE: conf },
  });
  try {
    const context = await browser.newContext({ baseURL, locale: 'zh-CN', acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const exportOf = async (mapId: string, text: string) => {
      await page.goto(`/m/${mapId}`);
      await cardWithText(page, text).click();
      return (await exportFile(page, testInfo, 'png', (p) => p.getByTestId('export-scope-selection').check())).file;
    };

    const original = await exportOf(await importMap(request, TEXT), TEXT);
    // The machine's own faces cannot draw Chinese here (boxes, or nothing): the order of the characters does not show.
    expect(await drawn(page, '24px sans-serif', TEXT)).toBe(await drawn(page, '24px sans-serif', SHUFFLED));
    // The shipped face is loaded and draws each character as itself: the template's text from the
    // file the build cut for the app's own characters.
    expect(await page.evaluate((text) => document.fonts.check('16px "Noto Sans SC UI"', text), TEXT)).toBe(true);
    expect(await drawn(page, '24px "Noto Sans SC UI"', TEXT)).not.toBe(await drawn(page, '24px "Noto Sans SC UI"', SHUFFLED));
    const family = await cardWithText(page, TEXT)
      .locator('.card-text')
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family).toMatch(/^"Inter Variable", "Noto Sans SC Latin UI", "Noto Sans SC UI", "Noto Sans SC"/);

    // Icons are SVG and the persona's emoji a picture: no emoji is left for a font to draw.
    const emojiText = await page
      .locator('.react-flow')
      .evaluate(
        (el) =>
          [...el.querySelectorAll('*')]
            .flatMap((n) => [...n.childNodes])
            .filter((n) => n.nodeType === 3 && /\p{Extended_Pictographic}/u.test(n.textContent ?? '')).length,
      );
    expect(emojiText).toBe(0);
    await page.getByTestId('export-close').click();
    await page.getByRole('button', { name: '用户画像', exact: true }).click();
    const avatar = page.locator('.avatar.is-emoji img').first();
    await expect(avatar).toHaveAttribute('alt', '🥾');
    expect(await avatar.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBeGreaterThan(0);
    await page.getByRole('button', { name: '用户画像', exact: true }).click();

    // The export carries the glyphs too: the same card with its characters shuffled is another picture
    // (drawn as boxes, without the shipped font in the export, the two are identical to the pixel).
    const shuffled = await exportOf(await importMap(request, SHUFFLED), SHUFFLED);
    expect((await pixelStats(page, original, 1)).drawn[0]).toBeGreaterThan(0.01);
    expect(await pixelDifference(page, original, shuffled)).toBeGreaterThan(0.0005);
    // Laid out with the shipped fonts' own measures: the card's block as the engine draws it, at 2×.
    const snapshot = snapshotOfDoc(mapDoc('backpack', 'zh-CN'));
    const block = selectionSpan(gridOf(snapshot), [snapshot.cards.find((c) => c.text === TEXT)!])!;
    const [sheet] = await enginePages(snapshot, 'zh-CN', { kind: 'png', region: block, background: 'white', comments: true });
    expect(pngSize(fs.readFileSync(original))).toEqual({ width: 2 * sheet!.width, height: Math.ceil(2 * sheet!.height) });
    await testInfo.attach('card-without-system-fonts.png', { path: original, contentType: 'image/png' });

    // What people write, outside the app's own characters, comes from the whole font.
    await page.goto(`/m/${await importMap(request, RARE)}`);
    await expect(cardWithText(page, RARE)).toBeVisible();
    await expect.poll(() => page.evaluate((text) => document.fonts.check('16px "Noto Sans SC"', text), RARE)).toBe(true);
    expect(await drawn(page, '24px "Noto Sans SC"', RARE)).not.toBe(await drawn(page, '24px "Noto Sans SC"', RARE_SHUFFLED));
  } finally {
    await browser.close();
  }
});
