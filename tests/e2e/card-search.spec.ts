import { type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { smallMapFile } from '../fixtures/mapFile';

/**
 * "Search cards in all maps" in Chinese: 配送 finds cards in two maps, grouped
 * by map with lane and stage, narrowed to pain points by the lane filter;
 * a result opens its map with the card selected and focused.
 */

/** Imports the small map (stages 认知, 购买) plus a pain-point lane 痛点 with `pains` in stage 认知, and `touch` as a touchpoint. */
async function importMap(request: APIRequestContext, title: string, pains: string[], touch?: string): Promise<string> {
  const file = smallMapFile();
  const cards: Record<string, unknown> = { ...file.cards };
  pains.forEach((text, i) => (cards[`p${i}`] = { id: `p${i}`, order: `a${i}`, laneId: 'l3', stageId: 's1', text, votes: {} }));
  if (touch) cards.t0 = { id: 't0', order: 'a5', laneId: 'l1', stageId: 's2', text: touch, votes: {} };
  const res = await request.post('/api/maps/import', {
    data: {
      ...file,
      meta: { ...file.meta, title },
      lanes: { ...file.lanes, l3: { id: 'l3', order: 'a2', kind: 'painPoints', name: '痛点', department: '' } },
      cards,
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test('cross-map card search in Chinese: 配送 in two maps, pain points only, a result opens its card', async ({ page, request }) => {
  // Unique titles and a unique word: other specs' maps (templates in Chinese included) may mention 配送 too.
  const tag = `${Date.now() % 100000}`;
  const word = `配送${tag}`;
  const first = `会员复购 ${tag}`;
  const second = `新客首单 ${tag}`;
  const firstId = await importMap(request, first, [`${word}太慢`, '客服没回复']);
  await importMap(request, second, [`快递${word}员没打电话`], `${word}进度页面`);

  await page.goto('/');
  await page.getByTestId('language-switch').selectOption('zh-CN');
  const box = page.getByRole('searchbox', { name: '在所有地图中搜索卡片' });
  await box.fill(word);

  // Announced to screen readers: 3 cards in 2 maps.
  const status = page.getByTestId('card-search-status');
  await expect(status).toHaveText('在 2 张地图中找到 3 张卡片');
  await expect(status).toHaveAttribute('role', 'status');
  const results = page.getByRole('list', { name: '找到的卡片（按地图分组）' });
  const group = (title: string) => results.getByTestId('card-result-map').filter({ has: page.getByRole('heading', { name: title }) });
  // The map edited last comes first; each card with its lane kind, text (the match highlighted), stage and lane.
  await expect(results.getByTestId('card-result-map').getByRole('heading')).toHaveText([`${second} 2 张卡片`, `${first} 1 张卡片`]);
  await expect(group(second).getByTestId('card-result')).toHaveText([
    `痛点快递${word}员没打电话阶段：认知 · 泳道：痛点`,
    `触点${word}进度页面阶段：购买 · 泳道：触点`,
  ]);
  await expect(group(first).locator('mark')).toHaveText([word]);

  // Pain points only: the touchpoint card goes.
  const kind = page.getByTestId('card-search-kind');
  await expect(kind).toHaveAccessibleName(/^泳道/);
  await kind.selectOption({ label: '痛点' });
  await expect(status).toHaveText('在 2 张地图中找到 2 张卡片');
  await expect(results.getByTestId('card-result')).toHaveCount(2);

  // Nothing found says so.
  await box.fill(`${word}不存在`);
  await expect(status).toHaveText(`痛点泳道中没有卡片包含“${word}不存在”。`);
  await box.fill(word);
  await expect(status).toHaveText('在 2 张地图中找到 2 张卡片');

  // By keyboard: Tab from the filter reaches the first result; Enter opens its map with that card selected and focused.
  const firstCard = group(first).getByRole('link', { name: `${word}太慢` });
  await kind.focus();
  await page.keyboard.press('Tab');
  await expect(group(second).getByRole('link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(firstCard).toBeFocused();
  await expect(firstCard).toHaveAccessibleDescription('阶段：认知 · 泳道：痛点');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/m/${firstId}#card=p0$`));
  const card = page.locator('[data-testid="card"][data-card-id="p0"]');
  await expect(card).toHaveClass(/is-selected/);
  await expect(card).toBeFocused();
  await expect(page.getByTestId('inspector-text')).toHaveValue(`${word}太慢`);
});
