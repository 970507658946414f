import { type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { addCard, cardWithText, createMap, openMap, stageHeader } from './helpers';
import { readPdf } from './pdf';

/** History → tick the version named `name` → Compare with now. */
async function compareWithNow(page: Page, name: string) {
  await page.getByTestId('history').click();
  await page.getByTestId('version').filter({ hasText: name }).getByTestId('compare-tick').check();
  await page.getByTestId('compare-versions').click();
  // The first compare starts the server's compare worker: seconds on a machine busy with other browsers.
  await expect(page.getByTestId('compare-banner')).toBeVisible({ timeout: 30_000 });
}

test('compare: a saved version with the map now, on the canvas and in the list, in English and Chinese', async ({
  page,
  request,
}, testInfo) => {
  const mapId = await createMap(request, { template: 'blank', locale: 'en', title: 'Review map' });
  await openMap(page, mapId);
  // One card a cell: the next cell's "Add card" is not under a card.
  const texts = ['Keep me', 'Drop me', 'Edit me', 'Shift me'];
  for (const [i, text] of texts.entries()) await addCard(page, 0, i, text);

  await page.getByTestId('history').click();
  await page.getByTestId('version-name').fill('Before review');
  await page.getByTestId('version-name').press('Enter');
  await expect(page.getByTestId('version').filter({ hasText: 'Before review' })).toBeVisible();
  await page.keyboard.press('Escape');

  // The review: a card added, one removed, one edited, one moved to the next stage.
  await addCard(page, 1, 0, 'Brand new');
  await cardWithText(page, 'Drop me').click();
  await page.keyboard.press('Delete');
  await expect(cardWithText(page, 'Drop me')).toHaveCount(0);
  await cardWithText(page, 'Edit me').dblclick();
  await page.locator('textarea.inline-text').fill('Edited after review');
  await page.locator('textarea.inline-text').press('Enter');
  await cardWithText(page, 'Shift me').click();
  await page.keyboard.press('Alt+ArrowRight');
  // And the last stage renamed.
  await stageHeader(page, 5).locator('.stage-name').dblclick();
  const rename = page.getByRole('textbox', { name: 'Rename' });
  await rename.fill('Loyalty');
  await rename.press('Enter');
  await expect(stageHeader(page, 5).locator('.stage-name')).toHaveText('Loyalty');
  // The server has every change before the compare asks it.
  await expect
    .poll(async () => {
      const map = (await (await request.get(`/api/maps/${mapId}/export.json`)).json()) as { cards: Record<string, { text: string }> };
      return Object.values(map.cards)
        .map((c) => c.text)
        .sort();
    })
    .toEqual(['Brand new', 'Edited after review', 'Keep me', 'Shift me']);

  await compareWithNow(page, 'Before review');
  const banner = page.getByTestId('compare-banner');
  await expect(banner).toContainText('Comparing “Before review”');
  await expect(banner).toContainText('“Now”');
  await expect(page.getByTestId('compare-summary')).toHaveText('1 added · 1 removed · 2 changed · 1 moved');
  // The map's own Export is not offered on a comparison (its ghosts would print as cards); the banner's PDF is.
  await expect(page.getByTestId('export-button')).toHaveCount(0);

  // On the canvas: added green, removed a red ghost in its old cell, changed outlined, moved outlined dashed.
  await expect(cardWithText(page, 'Brand new')).toHaveAttribute('data-compare', 'added');
  await expect(cardWithText(page, 'Brand new')).toHaveCSS('border-top-color', 'rgb(31, 157, 85)');
  const ghost = cardWithText(page, 'Drop me');
  await expect(ghost).toHaveAttribute('data-compare', 'removed');
  await expect(ghost).toHaveCSS('border-top-style', 'dashed');
  await expect(ghost).toHaveCSS('border-top-color', 'rgb(214, 69, 69)');
  const edited = cardWithText(page, 'Edited after review');
  await expect(edited).toHaveAttribute('data-compare', 'changed');
  await expect(edited).toHaveCSS('outline-style', 'solid');
  await expect(cardWithText(page, 'Shift me')).toHaveAttribute('data-compare', 'changed');
  await expect(cardWithText(page, 'Shift me')).toHaveClass(/compare-moved/);
  await expect(cardWithText(page, 'Keep me')).not.toHaveAttribute('data-compare');
  // The renamed stage carries a badge, its old name in it for screen readers.
  const badge = stageHeader(page, 5).getByTestId('compare-badge');
  await expect(badge).toHaveAttribute('data-compare', 'changed');
  await expect(badge).toContainText('Name: Advocacy → Loyalty');
  // Nothing a screen reader or a keyboard user would trip on.
  expect(await seriousViolations(page)).toEqual([]);
  // Read-only, like a preview.
  await expect(page.getByRole('button', { name: 'Add card' })).toHaveCount(0);

  // Old → new on hover.
  await edited.hover();
  await expect(page.getByTestId('compare-tip')).toContainText('Text: Edit me → Edited after review');
  await page.mouse.move(5, 5);
  await expect(page.getByTestId('compare-tip')).toHaveCount(0);

  // The changes list; an entry puts the keyboard on its card, and the tip shows for the keyboard too.
  const panel = page.getByTestId('compare-panel');
  await expect(panel.getByTestId('compare-entry')).toHaveCount(5);
  await expect(panel.getByTestId('compare-entry').first()).toContainText('Stage “Loyalty”');
  await expect(panel.getByTestId('compare-entry').first()).toContainText('Name: Advocacy → Loyalty');
  await expect(panel.locator('[data-compare="removed"]')).toContainText('Drop me');
  await expect(panel.locator('[data-compare="added"]')).toContainText('Brand new');
  const moved = panel.getByTestId('compare-entry').filter({ hasText: 'Shift me' });
  await expect(moved).toContainText(/Moved from .+ to .+/);
  await panel.getByTestId('compare-entry').filter({ hasText: 'Edited after review' }).getByRole('button').click();
  await expect(edited).toBeFocused();
  await expect(page.getByTestId('compare-tip')).toContainText('Edit me → Edited after review');
  await expect(edited).toHaveAccessibleDescription(/Changed\. Text: Edit me → Edited after review/);

  // Both emotion curves: the one before dashed.
  await expect(page.getByTestId('emotion-curve-before')).toHaveCount(1);
  await expect(page.getByTestId('emotion-curve-before')).toHaveCSS('stroke-dasharray', /6(px)?,? 5(px)?/);

  // Back to the live map: no ghosts, no marks.
  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('compare-banner')).toHaveCount(0);
  await expect(page.getByTestId('export-button')).toBeVisible();
  await expect(cardWithText(page, 'Drop me')).toHaveCount(0);
  await expect(cardWithText(page, 'Brand new')).not.toHaveAttribute('data-compare');

  // In Chinese.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await compareWithNow(page, 'Before review');
  await expect(page.getByTestId('compare-banner')).toContainText('正在对比“Before review”');
  await expect(page.getByTestId('compare-summary')).toHaveText('新增 1 · 删除 1 · 修改 2 · 移动 1');
  await expect(page.getByTestId('compare-panel').getByRole('heading')).toHaveText('变更');
  await cardWithText(page, 'Edited after review').hover();
  await expect(page.getByTestId('compare-tip')).toContainText('内容：Edit me → Edited after review');

  // The PDF page, in Chinese: "What changed since the last review", the counts, the changes.
  const download = page.waitForEvent('download');
  await page.getByTestId('compare-export-pdf').click();
  const file = testInfo.outputPath('changes.pdf');
  await (await download).saveAs(file);
  const pdf = await readPdf(file);
  const text = pdf.text.join(' ').replace(/\s+/g, '');
  expect(pdf.title).toBe('自上次评审以来的变化');
  expect(text).toContain('自上次评审以来的变化');
  expect(text).toContain('新增1·删除1·修改2·移动1');
  for (const card of ['Brandnew', 'Dropme', 'Editedafterreview', 'Shiftme']) expect(text).toContain(card);
});
