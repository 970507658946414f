import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard, createLiveMap, createUndo, deleteLane, listEntities, readEntity, type Card } from '../../../src/model';
import { parseCsv } from '../../../src/model/exchange/csv';
import {
  applyMetricsImport,
  metricsColumns,
  parseMetricNumber,
  planChangesSomething,
  planMetricsImport,
} from '../../../src/model/exchange/metricsImport';
import { mapDoc, sync, twoReplicas } from '../../fixtures/model';

const snapshotOf = (doc: Y.Doc) => createLiveMap(doc).getSnapshot();
const kpiByMetric = (doc: Y.Doc, metric: string): Card => listEntities(doc, 'cards').find((c) => c.metric === metric)!;
const stageId = (doc: Y.Doc, name: string) => listEntities(doc, 'stages').find((s) => s.name === name)!.id;
const laneOf = (doc: Y.Doc, kind: string) => listEntities(doc, 'lanes').find((l) => l.kind === kind)!.id;

describe('reading numbers', () => {
  it.each([
    ['12', 12, false],
    [' 12 ', 12, false],
    ['3.1%', 3.1, true],
    ['3.1 %', 3.1, true],
    ['1,234', 1234, false],
    ['1,234,567.5', 1234567.5, false],
    ['3,5', 3.5, false],
    ['-0,25', -0.25, false],
    ['1 234', 1234, false],
    ['¥1,299', 1299, false],
    ['-$12.50', -12.5, false],
    ['−4', -4, false],
    ['１２．５％', 12.5, true],
    ['1e3', 1000, false],
    ['.5', 0.5, false],
    ['-0', 0, false],
  ])('%s', (raw, value, percent) => {
    expect(parseMetricNumber(raw)).toEqual({ value, percent });
  });

  it.each(['', 'n/a', '—', '12 min', '1,23,4', '3..5', 'abc%', '1,234.5.6'])('refuses %s', (raw) => {
    expect(parseMetricNumber(raw)).toBeNull();
  });

  it('reads the comma as decimal separator in files from decimal-comma locales', () => {
    expect(parseMetricNumber('1.234,5', true)).toEqual({ value: 1234.5, percent: false });
    expect(parseMetricNumber('1,234', true)).toEqual({ value: 1.234, percent: false });
    expect(parseMetricNumber('3,5', true)).toEqual({ value: 3.5, percent: false });
    expect(parseMetricNumber('3.5', true)).toEqual({ value: 3.5, percent: false });
  });
});

describe('header aliases', () => {
  it('understands English and Chinese names, in any case and spacing', () => {
    expect(metricsColumns(['Stage', ' TOUCHPOINT ', 'Metric', 'Value'])).toEqual({ stage: 0, touchpoint: 1, metric: 2, value: 3 });
    expect(metricsColumns(['阶段', '触点', '指标', '数值', '目标', '单位'])).toEqual({
      stage: 0,
      touchpoint: 1,
      metric: 2,
      value: 3,
      target: 4,
      unit: 5,
    });
    expect(metricsColumns(['\u3000阶段\u3000', '指标名称', '值', 'Target value', 'Unit'])).toEqual({
      stage: 0,
      metric: 1,
      value: 2,
      target: 3,
      unit: 4,
    });
    expect(metricsColumns(['journey_stage', 'Touch-point', 'KPI', 'Value (%)', 'date'])).toEqual({
      stage: 0,
      touchpoint: 1,
      metric: 2,
      value: 3,
    });
    expect(metricsColumns(['数值（%）'])).toEqual({ value: 0 });
  });

  it('reports missing required columns and reads no rows then', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const plan = planMetricsImport(
      [
        ['阶段', '指标'],
        ['种草', '测评笔记进站率'],
      ],
      snapshotOf(doc),
    );
    expect(plan.missingColumns).toEqual(['value']);
    expect(plan.updates).toEqual([]);
    expect(plan.unmatched).toEqual([]);
  });
});

describe('planning a metrics import (zh-CN backpack)', () => {
  it('updates a KPI by stage and metric, with Chinese headers and full-width text', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const card = kpiByMetric(doc, '测评笔记进站率');
    const plan = planMetricsImport(
      [
        ['阶段', '指标', '数值', '目标'],
        ['\u3000种草\u3000', '测评笔记进站率', '3.6%', '4.5'],
      ],
      snapshotOf(doc),
    );
    expect(plan.unmatched).toEqual([]);
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0]).toMatchObject({
      rowNumber: 2,
      cardId: card.id,
      before: { value: 3.1, target: 4, unit: '%' },
      after: { value: 3.6, target: 4.5, unit: '%' },
      changes: { value: 3.6, target: 4.5 },
      unchanged: false,
    });
    expect(planChangesSomething(plan)).toBe(true);
  });

  it('matches case- and width-insensitively, and sets the unit from the row', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const plan = planMetricsImport(
      [
        ['Stage', 'Metric', 'Value', 'Unit'],
        ['到店', '到店后ｎｐｓ', '70', '分'],
      ],
      snapshotOf(doc),
    );
    expect(plan.updates[0]).toMatchObject({ cardId: kpiByMetric(doc, '到店后NPS').id, changes: { value: 70, unit: '分' } });
  });

  it('reports rows it cannot place, each with its reason and spreadsheet row number', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const parsed = parseCsv(
      [
        '阶段,触点,指标,数值',
        '种草,,测评笔记进站率,3.6%',
        '',
        '不存在的阶段,,转化率,1',
        '下单,,下单转化率,很高',
        '下单,,,2',
        '下单,,客单价,399',
        '下单,不存在的触点,客单价,399',
        ',,,',
      ].join('\r\n'),
    );
    if (!parsed.ok) throw new Error('parse');
    const plan = planMetricsImport(parsed, snapshotOf(doc));
    expect(plan.updates.map((u) => u.rowNumber)).toEqual([2]);
    expect(plan.unmatched.map((u) => [u.rowNumber, u.reason, u.column])).toEqual([
      [4, 'unknownStage', 'stage'],
      [5, 'notANumber', 'value'],
      [6, 'missingColumn', 'metric'],
      [7, 'unknownMetric', 'metric'],
      [8, 'unknownTouchpoint', 'touchpoint'],
    ]);
    expect(plan.unmatched[0]!.row).toMatchObject({ stage: '不存在的阶段', metric: '转化率', value: '1' });
  });

  it('plans a new KPI card when the stage has the touchpoint but no KPI for the metric', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const touchpoint = listEntities(doc, 'cards').find((c) => c.text === '官网商品详情页')!;
    const plan = planMetricsImport(
      [
        ['阶段', '触点', '指标', '数值', '目标'],
        ['种草', '官网商品详情页', '跳出率', '42%', '35%'],
      ],
      snapshotOf(doc),
    );
    expect(plan.unmatched).toEqual([]);
    expect(plan.creates).toEqual([
      expect.objectContaining({
        rowNumber: 2,
        stageId: stageId(doc, '种草'),
        laneId: laneOf(doc, 'kpis'),
        touchpointCardId: touchpoint.id,
        text: '官网商品详情页 · 跳出率',
        fields: { metric: '跳出率', value: 42, target: 35, unit: '%', direction: 'higher' },
      }),
    ]);
  });

  it('updates the single KPI with that metric even when the row names a touchpoint', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const plan = planMetricsImport(
      [
        ['阶段', '触点', '指标', '数值'],
        ['种草', '小红书测评笔记', '测评笔记进站率', '3.3'],
      ],
      snapshotOf(doc),
    );
    expect(plan.updates.map((u) => u.cardId)).toEqual([kpiByMetric(doc, '测评笔记进站率').id]);
    expect(plan.creates).toEqual([]);
  });

  it('uses the touchpoint to tell KPI cards with the same metric apart, and reports what stays ambiguous', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const cell = { stageId: stageId(doc, '收货'), laneId: laneOf(doc, 'kpis') };
    const sms = addCard(doc, { ...cell, text: '发货短信和物流跟踪 · 满意度', fields: { metric: '满意度', value: 4.1 } });
    const door = addCard(doc, { ...cell, text: '顺丰送货上门的满意度', fields: { metric: '满意度', value: 4.5 } });
    const plan = planMetricsImport(
      [
        ['阶段', '触点', '指标', '数值'],
        ['收货', '发货短信和物流跟踪', '满意度', '4.3'],
        ['收货', '顺丰送货上门', '满意度', '4.6'],
        ['收货', '', '满意度', '4.0'],
      ],
      snapshotOf(doc),
    );
    expect(plan.updates.map((u) => [u.rowNumber, u.cardId])).toEqual([
      [2, sms],
      [3, door],
    ]);
    expect(plan.unmatched).toEqual([expect.objectContaining({ rowNumber: 4, reason: 'ambiguous', column: 'metric', candidates: 2 })]);
  });

  it("does not give one touchpoint's imported KPI to another: it plans that touchpoint's own card", () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const cell = { stageId: stageId(doc, '收货'), laneId: laneOf(doc, 'kpis') };
    addCard(doc, { ...cell, text: '发货短信和物流跟踪 · 满意度', fields: { metric: '满意度', value: 4.1 } });
    const plan = planMetricsImport(
      [
        ['阶段', '触点', '指标', '数值'],
        ['收货', '顺丰送货上门', '满意度', '4.6'],
      ],
      snapshotOf(doc),
    );
    expect(plan.updates).toEqual([]);
    expect(plan.creates.map((c) => c.text)).toEqual(['顺丰送货上门 · 满意度']);
  });

  it('reports two stages of the same name as ambiguous', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const snapshot = snapshotOf(doc);
    const twin = { ...snapshot, stages: [...snapshot.stages, { ...snapshot.stages[0]!, id: 'twin', order: 'zz' }] };
    const plan = planMetricsImport(
      [
        ['阶段', '指标', '数值'],
        ['种草', '测评笔记进站率', '3'],
      ],
      twin,
    );
    expect(plan.unmatched).toEqual([expect.objectContaining({ reason: 'ambiguous', column: 'stage', candidates: 2 })]);
  });

  it('cannot create a KPI card on a map without a KPI lane', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    deleteLane(doc, laneOf(doc, 'kpis'));
    const plan = planMetricsImport(
      [
        ['阶段', '触点', '指标', '数值'],
        ['种草', '官网商品详情页', '跳出率', '42%'],
      ],
      snapshotOf(doc),
    );
    expect(plan.unmatched).toEqual([expect.objectContaining({ reason: 'noKpiLane' })]);
  });

  it('lets the later of two rows for one KPI win and reports the earlier', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const plan = planMetricsImport(
      [
        ['阶段', '触点', '指标', '数值'],
        ['种草', '', '测评笔记进站率', '3.2'],
        ['种草', '官网商品详情页', '跳出率', '40'],
        ['种草', '', '测评笔记进站率', '3.4'],
        ['种草', '官网商品详情页', '跳出率', '41'],
      ],
      snapshotOf(doc),
    );
    expect(plan.updates.map((u) => [u.rowNumber, u.after.value])).toEqual([[4, 3.4]]);
    expect(plan.creates.map((c) => [c.rowNumber, c.fields.value])).toEqual([[5, 41]]);
    expect(plan.unmatched.map((u) => [u.rowNumber, u.reason, u.supersededBy])).toEqual([
      [2, 'duplicate', 4],
      [3, 'duplicate', 5],
    ]);
  });

  it('reads a semicolon file from a decimal-comma locale', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const parsed = parseCsv('阶段;指标;数值\r\n种草;测评笔记进站率;3,7\r\n下单;下单转化率;1.234,5\r\n');
    if (!parsed.ok) throw new Error('parse');
    const plan = planMetricsImport(parsed, snapshotOf(doc));
    expect(plan.updates.map((u) => u.after.value)).toEqual([3.7, 1234.5]);
  });

  it('marks rows that change nothing', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const plan = planMetricsImport(
      [
        ['阶段', '指标', '数值'],
        ['种草', '测评笔记进站率', '3.1%'],
      ],
      snapshotOf(doc),
    );
    expect(plan.updates[0]!.unchanged).toBe(true);
    expect(planChangesSomething(plan)).toBe(false);
  });
});

describe('applying a metrics import', () => {
  const table = [
    ['stage', 'touchpoint', 'metric', 'value', 'target', 'unit'],
    ['Research', '', 'Review-to-site click-through', '3.6%', '', ''],
    ['Coming back', '', 'Coupon ad CTR', '2.0', '1.5', ''],
    ['Research', 'Product page on our website', 'Bounce rate', '42%', '35', ''],
    ['Nowhere', '', 'NPS', '1', '', ''],
  ];

  it('is one undo step, and a second replica sees the result', () => {
    const [a, b] = twoReplicas('backpack');
    const undo = createUndo(a);
    const plan = planMetricsImport(table, snapshotOf(a));
    expect(plan.unmatched.map((u) => u.reason)).toEqual(['unknownStage']);

    const result = applyMetricsImport(a, plan);
    expect(result).toMatchObject({ updated: 2, created: 1, unchanged: 0, skipped: 0 });
    expect(result.cardIds).toHaveLength(3);
    const created = readEntity(a, 'cards', result.cardIds[2]!)!;
    expect(created).toMatchObject({
      text: 'Product page on our website · Bounce rate',
      metric: 'Bounce rate',
      value: 42,
      target: 35,
      unit: '%',
      direction: 'higher',
      votes: {},
      laneId: laneOf(a, 'kpis'),
      stageId: stageId(a, 'Research'),
    });

    sync(a, b);
    expect(kpiByMetric(b, 'Review-to-site click-through').value).toBe(3.6);
    expect(kpiByMetric(b, 'Coupon ad CTR')).toMatchObject({ value: 2, target: 1.5, unit: '%' });
    expect(readEntity(b, 'cards', created.id)).toMatchObject({ metric: 'Bounce rate', value: 42 });

    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(kpiByMetric(a, 'Review-to-site click-through').value).toBe(3.1);
    expect(kpiByMetric(a, 'Coupon ad CTR')).toMatchObject({ value: 1.8, target: 1.2 });
    expect(readEntity(a, 'cards', created.id)).toBeNull();
    sync(a, b);
    expect(kpiByMetric(b, 'Review-to-site click-through').value).toBe(3.1);
    expect(readEntity(b, 'cards', created.id)).toBeNull();
  });

  it('importing the same file again updates the card it created instead of adding another', () => {
    const doc = mapDoc('backpack');
    applyMetricsImport(doc, planMetricsImport(table, snapshotOf(doc)));
    const again = planMetricsImport(
      table.map((r, i) => (i === 3 ? [...r.slice(0, 3), '40%', ...r.slice(4)] : r)),
      snapshotOf(doc),
    );
    expect(again.creates).toEqual([]);
    const result = applyMetricsImport(doc, again);
    expect(result).toMatchObject({ updated: 1, created: 0, unchanged: 2 });
    expect(
      listEntities(doc, 'cards')
        .filter((c) => c.metric === 'Bounce rate')
        .map((c) => c.value),
    ).toEqual([40]);
  });

  it('skips what a colleague deleted since the preview', () => {
    const [a, b] = twoReplicas('backpack');
    const plan = planMetricsImport(table, snapshotOf(a));
    const kpi = kpiByMetric(b, 'Coupon ad CTR');
    b.transact(() => b.getMap('cards').delete(kpi.id));
    sync(a, b);
    const result = applyMetricsImport(a, plan);
    expect(result).toMatchObject({ updated: 1, created: 1, skipped: 1 });
    expect(readEntity(a, 'cards', kpi.id)).toBeNull();
  });
});
