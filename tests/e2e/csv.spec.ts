import { readFile, writeFile } from 'node:fs/promises';
import { type Download, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { buildTemplate } from '../../src/model';
import { parseCsv } from '../../src/model/exchange/csv';
import { createMap, openMap } from './helpers';

// The UI in Chinese (navigator.language), so the files and the report are too.
test.use({ locale: 'zh-CN' });

/** Open the Export dialog unless it is open, pick a format and run it. */
async function exportFile(page: Page, format: 'csv-touchpoints' | 'csv-insights'): Promise<Download> {
  const option = page.getByTestId(`export-format-${format}`);
  if (!(await option.isVisible())) await page.getByTestId('export-button').click();
  await option.click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
  return download;
}

async function csvRows(download: Download): Promise<{ bytes: Buffer; rows: string[][] }> {
  const bytes = await readFile(await download.path());
  const parsed = parseCsv(bytes.toString('utf8'));
  if (!parsed.ok) throw new Error(`CSV did not parse: ${parsed.error.code}`);
  return { bytes, rows: parsed.rows };
}

test('CSV opens with the right columns and Chinese text; a metrics CSV updates and adds KPI cards', async ({ page, request }, testInfo) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'zh-CN' });
  await openMap(page, mapId);
  const template = buildTemplate('backpack', { locale: 'zh-CN' });
  const kindOf = (laneId: string) => template.lanes[laneId]!.kind;
  const touchpoints = Object.values(template.cards).filter((c) => kindOf(c.laneId) === 'touchpoints').length;
  const insights = Object.values(template.cards).filter((c) => ['painPoints', 'opportunities'].includes(kindOf(c.laneId))).length;

  // Touchpoints: UTF-8 with BOM (what Excel and WPS need for Chinese), headers in the UI's language.
  const tp = await exportFile(page, 'csv-touchpoints');
  expect(tp.suggestedFilename()).toBe(`${template.meta.title}-touchpoints.csv`);
  const touchpointCsv = await csvRows(tp);
  expect([...touchpointCsv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(touchpointCsv.bytes.includes('\r\n')).toBe(true);
  const header = touchpointCsv.rows[0]!;
  expect(header.slice(0, 12)).toEqual([
    '阶段',
    '泳道',
    '内容',
    '渠道',
    '媒体类型',
    '情绪',
    '重要性',
    '关键时刻',
    '票数',
    '用户画像',
    '标签',
    '状态',
  ]);
  // The comments column is there when the export includes comments.
  expect(header.slice(12)).toEqual(header.length > 12 ? ['评论'] : []);
  expect(touchpointCsv.rows).toHaveLength(1 + touchpoints);
  expect(touchpointCsv.rows[1]!.slice(0, 5)).toEqual(['种草', '触点', '小红书测评笔记', '线上', '口碑媒体']);

  // Pain points and opportunities in one sheet.
  const ins = await exportFile(page, 'csv-insights');
  expect(ins.suggestedFilename()).toBe(`${template.meta.title}-pain-points-opportunities.csv`);
  const insightCsv = await csvRows(ins);
  expect([...insightCsv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(insightCsv.rows[0]!.slice(0, 4)).toEqual(['类型', '阶段', '泳道', '内容']);
  expect(insightCsv.rows).toHaveLength(1 + insights);
  expect(new Set(insightCsv.rows.slice(1).map((r) => r[0]))).toEqual(new Set(['痛点', '机会点']));

  // Metrics from an analytics export: one KPI to update, one new KPI card, one unknown stage.
  const metricsFile = testInfo.outputPath('metrics.csv');
  await writeFile(
    metricsFile,
    '\uFEFF阶段,触点,指标,数值\r\n种草,,测评笔记进站率,3.6%\r\n种草,官网商品详情页,跳出率,42%\r\n火星,,转化率,1\r\n',
    'utf8',
  );
  await page.getByTestId('export-close').click();
  await page.getByTestId('import-metrics-button').click();
  await page.getByTestId('metrics-import-input').setInputFiles(metricsFile);

  const preview = page.getByTestId('metrics-preview');
  await expect(preview.locator('tbody tr')).toHaveCount(2);
  await expect(preview.locator('tr[data-action="update"]')).toContainText('测评笔记进站率');
  await expect(preview.locator('tr[data-action="update"]')).toContainText('3.1% → 3.6%');
  await expect(preview.locator('tr[data-action="create"]')).toContainText('跳出率');
  await expect(preview.locator('tr[data-action="create"]')).toContainText('新建指标卡片');
  const unmatched = page.getByTestId('metrics-unmatched').locator('li');
  await expect(unmatched).toHaveCount(1);
  await expect(unmatched.first()).toContainText('第 4 行');
  await expect(unmatched.first()).toContainText('火星');

  // Nothing changed before Apply.
  await expect(page.getByTestId('card').filter({ hasText: '测评笔记进站率' })).toContainText('3.1%');
  await expect(page.getByTestId('card').filter({ hasText: '跳出率' })).toHaveCount(0);

  await page.getByTestId('metrics-apply').click();
  await expect(page.getByTestId('metrics-import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('metrics-summary')).toContainText('更新 1');
  await expect(page.getByTestId('card').filter({ hasText: '测评笔记进站率' })).toContainText('3.6%');
  await expect(page.getByTestId('card').filter({ hasText: '跳出率' })).toContainText('42%');
});
