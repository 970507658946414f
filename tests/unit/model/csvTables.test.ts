import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildTemplate, castVote, createLiveMap, docFromMapDocument, loadMapDocument, type MapDocument } from '../../../src/model';
import { parseCsv, unneutralise, UTF8_BOM } from '../../../src/model/exchange/csv';
import { insightsCsv, openCommentTexts, touchpointsCsv, touchpointsTable } from '../../../src/model/exchange/csvTables';
import { buildSnapshot } from '../../../src/model/comments/read';
import { csvLabels } from '../../../src/export/csvLabels';
import { touchpointsCsvFile } from '../../../src/export/csvDownload';
import { fileNameFrom } from '../../../src/export/download';
import { translatorFor } from '../../../src/i18n/language';

const NOW = 1_700_000_000_000;

function liveSnapshot(map: MapDocument) {
  const live = createLiveMap(docFromMapDocument(map));
  return live.getSnapshot();
}

const touchpointCount = (map: MapDocument) => Object.values(map.cards).filter((c) => map.lanes[c.laneId]?.kind === 'touchpoints').length;

function parse(text: string) {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error.code);
  return parsed.rows;
}

describe('touchpoints CSV', () => {
  it('opens with the right columns and Chinese text (zh-CN backpack template)', () => {
    const map = buildTemplate('backpack', { locale: 'zh-CN', now: NOW });
    const snapshot = liveSnapshot(map);
    const text = touchpointsCsv(snapshot, csvLabels(translatorFor('zh-CN')));

    expect(text.charAt(0)).toBe(UTF8_BOM);
    expect(text).toContain('\r\n');
    const rows = parse(text);
    expect(rows[0]).toEqual(['阶段', '泳道', '内容', '渠道', '媒体类型', '情绪', '重要性', '关键时刻', '票数', '用户画像', '标签', '状态']);
    expect(rows.length - 1).toBe(touchpointCount(map));
    expect(rows.length - 1).toBeGreaterThan(5);
    expect(rows[1]).toEqual(['种草', '触点', '小红书测评笔记', '线上', '口碑媒体', '3', '4', '否', '0', '林晓雨', '玫瑰', '现状和未来']);
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(12);
      expect(row[0]).toMatch(/[\u4e00-\u9fff]/);
      expect(row[2]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('lists rows in map order: stage, then lane, then card order', () => {
    const map = buildTemplate('backpack', { locale: 'en', now: NOW });
    const snapshot = liveSnapshot(map);
    const rows = parse(touchpointsCsv(snapshot, csvLabels(translatorFor('en'))));
    const stageNames = snapshot.stages.map((s) => s.name);
    const stageOfRow = rows.slice(1).map((r) => stageNames.indexOf(r[0]!));
    expect(stageOfRow).toEqual([...stageOfRow].sort((a, b) => a - b));
    expect(rows[0]).toEqual([
      'Stage',
      'Lane',
      'Text',
      'Channel',
      'Media',
      'Emotion',
      'Importance',
      'Moment of truth',
      'Votes',
      'Persona',
      'Tags',
      'State',
    ]);
    // Within the first stage, the cell's own order.
    const research = snapshot.cards.filter(
      (c) => c.stageId === snapshot.stages[0]!.id && snapshot.lanes.find((l) => l.id === c.laneId)?.kind === 'touchpoints',
    );
    expect(rows.slice(1, 1 + research.length).map((r) => r[2])).toEqual(research.map((c) => c.text));
  });

  it('writes numbers as numbers, names an unnamed lane by its kind, totals votes, neutralises formulas', () => {
    const map = buildTemplate('backpack', { locale: 'en', now: NOW });
    const lane = Object.values(map.lanes).find((l) => l.kind === 'touchpoints')!;
    lane.name = '';
    const card = Object.values(map.cards).find((c) => c.laneId === lane.id)!;
    card.text = '=cmd|"/c calc"!A1';
    card.emotion = -3;
    card.momentOfTruth = true;
    card.tags = ['rose', 'thorn'];
    const doc = new Y.Doc();
    loadMapDocument(doc, map);
    castVote(doc, card.id, 'alice');
    castVote(doc, card.id, 'bob');
    const snapshot = createLiveMap(doc).getSnapshot();
    const labels = csvLabels(translatorFor('en'));
    const table = touchpointsTable(snapshot, labels);
    const row = table.find((r) => r[2] === card.text)!;
    expect(row[1]).toBe('Touchpoints');
    expect(row[5]).toBe(-3);
    expect(row[7]).toBe('yes');
    expect(row[8]).toBe(2);
    expect(row[10]).toBe('Rose, Thorn');
    const text = touchpointsCsv(snapshot, labels);
    expect(text).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(text).toContain(',-3,');
  });

  it('adds a comments column with the open comments, one per line', () => {
    const map = buildTemplate('backpack', { locale: 'zh-CN', now: NOW });
    const snapshot = liveSnapshot(map);
    const card = snapshot.cards.find((c) => c.text === '小红书测评笔记')!;
    const comments = buildSnapshot(
      [
        { id: 't1', target: `card:${card.id}`, createdAt: 1, createdBy: 'u1', resolved: false },
        { id: 't2', target: `card:${card.id}`, createdAt: 2, createdBy: 'u1', resolved: true },
      ],
      [
        {
          id: 'c1',
          threadId: 't1',
          authorId: 'u1',
          authorName: '王芳',
          authorColor: '#112233',
          text: '转化数据呢？',
          createdAt: 1,
          mentions: [],
        },
        {
          id: 'c2',
          threadId: 't1',
          authorId: 'u2',
          authorName: 'Li',
          authorColor: '#112233',
          text: '下周补上',
          createdAt: 3,
          mentions: [],
        },
        { id: 'c3', threadId: 't2', authorId: 'u2', authorName: 'Li', authorColor: '#112233', text: '已解决', createdAt: 2, mentions: [] },
      ],
    );
    const rows = parse(
      touchpointsCsv(snapshot, csvLabels(translatorFor('zh-CN')), { includeComments: true, commentsByCard: openCommentTexts(comments) }),
    );
    expect(rows[0]!.at(-1)).toBe('评论');
    const row = rows.find((r) => r[2] === '小红书测评笔记')!;
    expect(row.at(-1)).toBe('王芳: 转化数据呢？\nLi: 下周补上');
    expect(rows.find((r) => r[2] === '官网商品详情页')!.at(-1)).toBe('');
  });
});

describe('formulas hidden in map text', () => {
  it('are neutralised in every text column of both sheets and read back as written', () => {
    const map = buildTemplate('backpack', { locale: 'en', now: NOW });
    const stage = Object.values(map.stages)[0]!;
    stage.name = '\u00A0=HYPERLINK("http://evil","open")';
    const touchpointLane = Object.values(map.lanes).find((l) => l.kind === 'touchpoints')!;
    touchpointLane.name = '\u202E=1+1';
    const touchpoint = Object.values(map.cards).find((c) => c.laneId === touchpointLane.id && c.stageId === stage.id)!;
    touchpoint.text = '\n\uFF1D1+1';
    const painLane = Object.values(map.lanes).find((l) => l.kind === 'painPoints')!;
    const pain = Object.values(map.cards).find((c) => c.laneId === painLane.id)!;
    pain.text = '\u200B@SUM(A1)';
    const labels = csvLabels(translatorFor('en'));
    const snapshot = liveSnapshot(map);

    const touchpoints = parse(touchpointsCsv(snapshot, labels));
    const row = touchpoints.find((r) => r[2] === `'${touchpoint.text}`)!;
    expect(row.slice(0, 3)).toEqual([`'${stage.name}`, `'${touchpointLane.name}`, `'${touchpoint.text}`]);
    expect(row.slice(0, 3).map(unneutralise)).toEqual([stage.name, touchpointLane.name, touchpoint.text]);

    const insights = parse(insightsCsv(snapshot, labels));
    expect(insights.some((r) => r[3] === `'${pain.text}`)).toBe(true);
    // Nothing else gained an apostrophe: the template's own text is harmless.
    const prefixed = new Set(touchpoints.flat().filter((c) => c.startsWith("'")));
    expect(prefixed).toEqual(new Set([`'${stage.name}`, `'${touchpointLane.name}`, `'${touchpoint.text}`]));
  });
});

describe('pain points and opportunities CSV', () => {
  it('puts both in one sheet with a type column and the fields of each', () => {
    const map = buildTemplate('backpack', { locale: 'zh-CN', now: NOW });
    const snapshot = liveSnapshot(map);
    const text = insightsCsv(snapshot, csvLabels(translatorFor('zh-CN')));
    expect(text.charAt(0)).toBe(UTF8_BOM);
    const rows = parse(text);
    expect(rows[0]).toEqual(['类型', '阶段', '泳道', '内容', '严重程度', '机会类型', '影响', '投入', '票数', '用户画像', '标签', '状态']);
    const count = Object.values(map.cards).filter((c) => ['painPoints', 'opportunities'].includes(map.lanes[c.laneId]!.kind)).length;
    expect(rows.length - 1).toBe(count);
    const pain = rows.find((r) => r[3] === '详情页看不到库存和预计到货时间')!;
    expect(pain.slice(0, 8)).toEqual(['痛点', '种草', '痛点', '详情页看不到库存和预计到货时间', '3', '', '', '']);
    const opp = rows.find((r) => r[0] === '机会点')!;
    expect(opp[4]).toBe('');
    expect(opp[5]).toMatch(/速赢|战略|创新/);
    expect(opp[6]).toMatch(/^[1-5]$/);
  });
});

describe('CSV files', () => {
  it('are named after the map, safe for Chinese names', async () => {
    expect(fileNameFrom('回头客购买背包之旅', '-touchpoints.csv')).toBe('回头客购买背包之旅-touchpoints.csv');
    expect(fileNameFrom('Q3: "A/B" test?', '-touchpoints.csv')).toBe('Q3 A B test-touchpoints.csv');
    expect(fileNameFrom('  ... ', '-touchpoints.csv')).toBe('journey-map-touchpoints.csv');
    const map = buildTemplate('backpack', { locale: 'zh-CN', now: NOW });
    const file = touchpointsCsvFile(liveSnapshot(map), translatorFor('zh-CN'));
    expect(file.name).toBe('回头客购买背包之旅-touchpoints.csv');
    expect(file.blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await file.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('the state column', () => {
  it('says whether a card is in the current state, the future one or both', () => {
    const map = buildTemplate('backpack', { locale: 'en', now: NOW });
    const [today, planned] = Object.values(map.cards).filter((c) => map.lanes[c.laneId]!.kind === 'touchpoints');
    today!.state = 'current';
    planned!.state = 'future';
    const rows = touchpointsTable(liveSnapshot(map), csvLabels(translatorFor('en')));
    const state = (text: string) => rows.find((r) => r[2] === text)!.at(-1);
    expect(state(today!.text)).toBe('Current only');
    expect(state(planned!.text)).toBe('Future only');
    expect(rows.slice(1).filter((r) => r.at(-1) === 'Current and future').length).toBe(rows.length - 3);
  });
});
