/**
 * Metrics from a spreadsheet (an analytics or CRM export: stage, touchpoint,
 * metric, value) into the map's KPI cards. Planning is pure, so the dialog can
 * preview exactly what Apply will do and report every row it cannot place;
 * applying is one command, one transaction, one undo step.
 *
 * Matching, per row:
 * - the stage by name (trimmed, case-folded, full-width folded to half-width);
 * - a KPI card in that stage whose metric (its text when the metric is empty,
 *   as the card shows it) is the row's metric gets the value, and the target
 *   and unit when the row has them;
 * - several such cards: the touchpoint column decides (the card whose text
 *   names the touchpoint); a card created by an earlier import for another
 *   touchpoint ("<touchpoint> · <metric>") is not this touchpoint's;
 * - none, but a touchpoint card in that stage has the row's touchpoint as its
 *   text and the map has a KPI lane: a new KPI card "<touchpoint> · <metric>"
 *   is planned, so importing the same file again updates it;
 * - anything else is reported with its reason, and nothing is guessed.
 * When two rows set the same KPI, the later one wins (as if applied in turn)
 * and the earlier is reported as a duplicate.
 */
import type * as Y from 'yjs';
import { addCard } from '../commands/cards';
import { change, collection, updateEntity } from '../doc';
import type { MapSnapshot } from '../live';
import type { Card } from '../schema';
import { unneutralise, type CsvTable } from './csv';

export const METRICS_COLUMNS = ['stage', 'touchpoint', 'metric', 'value', 'target', 'unit'] as const;
export type MetricsColumn = (typeof METRICS_COLUMNS)[number];
export const REQUIRED_METRICS_COLUMNS: readonly MetricsColumn[] = ['stage', 'metric', 'value'];

/** Header names understood for each column, already normalised (see headerKey). */
export const METRICS_HEADER_ALIASES: Record<MetricsColumn, readonly string[]> = {
  stage: ['stage', 'journey stage', 'stage name', 'phase', '阶段', '旅程阶段', '阶段名称'],
  touchpoint: ['touchpoint', 'touch point', 'touchpoints', 'channel touchpoint', '触点', '接触点', '触点名称'],
  metric: ['metric', 'metric name', 'kpi', 'measure', 'indicator', '指标', '指标名称', '关键指标', 'kpi指标'],
  value: ['value', 'current value', 'actual', 'actual value', '值', '数值', '当前值', '实际值', '指标值'],
  target: ['target', 'target value', 'goal', '目标', '目标值'],
  unit: ['unit', 'units', '单位'],
};

/** Text compared as people mean it: trim, fold case and full-width forms, collapse spaces. */
export function normalizeName(text: string): string {
  return unneutralise(text.trim())
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A header cell as an alias key: "Value (%)", "数值（%）", "metric_name" -> "value", "数值", "metric name". */
function headerKey(cell: string): string {
  return normalizeName(cell)
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/[_-]+/g, ' ')
    .replace(/[:：]$/, '')
    .trim();
}

export interface ParsedNumber {
  value: number;
  /** written with a % sign ("3.1%" is 3.1 in per cent, as KPI cards store it) */
  percent: boolean;
}

/**
 * A number as spreadsheets and exports write it: " 12 ", "1,234", "3.1%",
 * "¥1,299", "1 234", full-width digits, a typographic minus.
 *
 * The comma: in "1,234" and "1,234,567.5" it groups thousands; in "3,5" (or
 * any comma not followed by exactly three digits) it cannot, so it is a
 * decimal comma, as the inspector's number fields read it. With
 * `decimalComma` (the file was saved with `;` between cells, which Excel and
 * WPS do where the comma is the decimal separator) the roles swap:
 * "1.234,5" is 1234.5 and "1,234" is 1.234. The preview shows old -> new, so
 * a misreading is seen before anything changes.
 */
export function parseMetricNumber(raw: string, decimalComma = false): ParsedNumber | null {
  let s = unneutralise(raw.normalize('NFKC').trim())
    .replace(/[\u00A0\u202F\u2009]/g, ' ')
    .replace(/\u2212/g, '-')
    .trim();
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/^([-+]?)\s*[$€£¥]\s*/, '$1');
  s = s.replace(/(\d)[ '](?=\d{3}(?!\d))/g, '$1');
  if (decimalComma) {
    if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
    if (/^[-+]?\d*,\d+$/.test(s)) s = s.replace(',', '.');
  } else if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    s = s.replace(/,/g, '');
  } else if (/^[-+]?\d*,\d+$/.test(s)) {
    s = s.replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const value = Number(s) + 0; // + 0: "-0" is 0
  return Number.isFinite(value) ? { value, percent } : null;
}

/** One data row as read: the cells of the known columns, trimmed ('' when absent). */
export interface MetricsRow {
  rowNumber: number;
  stage: string;
  touchpoint: string;
  metric: string;
  value: string;
  target: string;
  unit: string;
}

export type KpiValues = Pick<Card, 'value' | 'target' | 'unit'>;

export interface MetricsUpdate {
  rowNumber: number;
  row: MetricsRow;
  cardId: string;
  stageId: string;
  /** the card's metric as it shows it */
  metric: string;
  before: KpiValues;
  after: KpiValues;
  /** only the fields the row sets */
  changes: Partial<KpiValues>;
  /** the card already has these values */
  unchanged: boolean;
}

export interface MetricsCreate {
  rowNumber: number;
  row: MetricsRow;
  stageId: string;
  /** the KPI lane the card goes into (the first one) */
  laneId: string;
  /** the touchpoint card the new KPI is about */
  touchpointCardId: string;
  text: string;
  fields: { metric: string; value: number; target?: number; unit?: string; direction: 'higher' };
}

export type UnmatchedReason =
  /** a required cell (stage, metric, value) is empty */
  | 'missingColumn'
  /** value or target is not a number */
  | 'notANumber'
  | 'unknownStage'
  /** no KPI card in the stage measures this metric, and the row names no touchpoint to create one for */
  | 'unknownMetric'
  /** no KPI card measures this metric, and the stage has no touchpoint of that name */
  | 'unknownTouchpoint'
  /** a KPI card would be created, but the map has no KPI lane */
  | 'noKpiLane'
  /** several stages or several KPI cards fit, and nothing tells them apart */
  | 'ambiguous'
  /** a later row sets the same KPI (`supersededBy`) */
  | 'duplicate';

export interface MetricsUnmatched {
  rowNumber: number;
  row: MetricsRow;
  reason: UnmatchedReason;
  /** the cell the reason is about */
  column?: MetricsColumn;
  /** for 'ambiguous': how many fit */
  candidates?: number;
  /** for 'duplicate': the row that wins */
  supersededBy?: number;
}

export interface MetricsPlan {
  /** column -> index in the header row */
  columns: Partial<Record<MetricsColumn, number>>;
  /** required columns the header lacks: then no row is read */
  missingColumns: MetricsColumn[];
  updates: MetricsUpdate[];
  creates: MetricsCreate[];
  unmatched: MetricsUnmatched[];
}

export interface PlanOptions {
  /** default: true when the table was saved with `;` between cells */
  decimalComma?: boolean;
}

type MapContent = Pick<MapSnapshot, 'stages' | 'lanes' | 'cards'>;

/** Which column each header cell is; the first of two same columns wins. */
export function metricsColumns(header: readonly string[]): Partial<Record<MetricsColumn, number>> {
  const columns: Partial<Record<MetricsColumn, number>> = {};
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    const column = METRICS_COLUMNS.find((c) => METRICS_HEADER_ALIASES[c].includes(key));
    if (column && columns[column] === undefined) columns[column] = index;
  });
  return columns;
}

const kpiName = (card: Card) => (card.metric?.trim() ? card.metric : card.text);
/** The text of a KPI card created by an import for a touchpoint (see module comment). */
const SEPARATOR = ' · ';

/** Plan an import of `table` (header row first) into the map. Changes nothing. */
export function planMetricsImport(table: CsvTable | readonly (readonly string[])[], map: MapContent, opts: PlanOptions = {}): MetricsPlan {
  const rows = Array.isArray(table) ? (table as readonly (readonly string[])[]) : (table as CsvTable).rows;
  const rowNumbers = Array.isArray(table) ? rows.map((_, i) => i + 1) : (table as CsvTable).rowNumbers;
  const decimalComma = opts.decimalComma ?? (!Array.isArray(table) && (table as CsvTable).delimiter === ';');

  const columns = metricsColumns(rows[0] ?? []);
  const missingColumns = REQUIRED_METRICS_COLUMNS.filter((c) => columns[c] === undefined);
  const plan: MetricsPlan = { columns, missingColumns, updates: [], creates: [], unmatched: [] };
  if (missingColumns.length > 0) return plan;

  const laneKind = new Map(map.lanes.map((l) => [l.id, l.kind]));
  const kpiLane = map.lanes.find((l) => l.kind === 'kpis');
  const stagesByName = new Map<string, string[]>();
  for (const s of map.stages) stagesByName.set(normalizeName(s.name), [...(stagesByName.get(normalizeName(s.name)) ?? []), s.id]);
  // Cards by stage and kind, once: a large file re-planned on every edit of the map must stay cheap.
  const cardsByCell = new Map<string, Card[]>();
  for (const c of map.cards) {
    const key = `${c.stageId}\u0000${laneKind.get(c.laneId)}`;
    const list = cardsByCell.get(key);
    if (list) list.push(c);
    else cardsByCell.set(key, [c]);
  }
  const inStage = (stageId: string, kind: 'touchpoints' | 'kpis') => cardsByCell.get(`${stageId}\u0000${kind}`) ?? [];

  // Later rows replace earlier ones for the same KPI; keyed by card id or by the card to be created.
  const byTarget = new Map<string, MetricsUpdate | MetricsCreate>();
  const place = (key: string, entry: MetricsUpdate | MetricsCreate) => {
    const earlier = byTarget.get(key);
    if (earlier) {
      plan.unmatched.push({ rowNumber: earlier.rowNumber, row: earlier.row, reason: 'duplicate', supersededBy: entry.rowNumber });
    }
    byTarget.set(key, entry);
  };

  rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // a spreadsheet's empty row (",,,")
    const cell = (c: MetricsColumn) => {
      const index = columns[c];
      return index === undefined ? '' : unneutralise((cells[index] ?? '').trim()).trim();
    };
    const row: MetricsRow = {
      rowNumber: rowNumbers[i + 1] ?? i + 2,
      stage: cell('stage'),
      touchpoint: cell('touchpoint'),
      metric: cell('metric'),
      value: cell('value'),
      target: cell('target'),
      unit: cell('unit'),
    };
    const miss = (reason: UnmatchedReason, extra: Partial<MetricsUnmatched> = {}) =>
      plan.unmatched.push({ rowNumber: row.rowNumber, row, reason, ...extra });

    const empty = REQUIRED_METRICS_COLUMNS.find((c) => row[c] === '');
    if (empty) return miss('missingColumn', { column: empty });
    const value = parseMetricNumber(row.value, decimalComma);
    if (!value) return miss('notANumber', { column: 'value' });
    const target = row.target === '' ? null : parseMetricNumber(row.target, decimalComma);
    if (row.target !== '' && !target) return miss('notANumber', { column: 'target' });

    const stageIds = stagesByName.get(normalizeName(row.stage)) ?? [];
    if (stageIds.length === 0) return miss('unknownStage', { column: 'stage' });
    if (stageIds.length > 1) return miss('ambiguous', { column: 'stage', candidates: stageIds.length });
    const stageId = stageIds[0]!;

    const metric = normalizeName(row.metric);
    const touchpoint = normalizeName(row.touchpoint);
    const percent = value.percent || !!target?.percent;
    const unit = row.unit ? row.unit.slice(0, 40) : undefined;
    const touchpoints = inStage(stageId, 'touchpoints');
    const candidates = inStage(stageId, 'kpis').filter((c) => normalizeName(kpiName(c)) === metric);

    let card: Card | undefined;
    if (touchpoint === '') {
      if (candidates.length > 1) return miss('ambiguous', { column: 'metric', candidates: candidates.length });
      card = candidates[0];
      if (!card) return miss('unknownMetric', { column: 'metric' });
    } else {
      const named = candidates.filter((c) => normalizeName(c.text).includes(touchpoint));
      const exact = named.filter((c) => normalizeName(c.text).startsWith(touchpoint + SEPARATOR));
      const otherTouchpoints = touchpoints.map((t) => normalizeName(t.text)).filter((t) => t && t !== touchpoint);
      const unclaimed = candidates.filter((c) => !otherTouchpoints.some((t) => normalizeName(c.text).startsWith(t + SEPARATOR)));
      const pick = named.length > 0 ? (exact.length === 1 ? exact : named) : unclaimed;
      if (pick.length > 1) return miss('ambiguous', { column: 'touchpoint', candidates: pick.length });
      card = pick[0];
    }

    if (card) {
      const before: KpiValues = { value: card.value, target: card.target, unit: card.unit };
      const changes: Partial<KpiValues> = { value: value.value };
      if (target) changes.target = target.value;
      if (unit) changes.unit = unit;
      else if (percent && !card.unit) changes.unit = '%';
      const after = { ...before, ...changes };
      const unchanged = after.value === before.value && after.target === before.target && after.unit === before.unit;
      return place(`card:${card.id}`, {
        rowNumber: row.rowNumber,
        row,
        cardId: card.id,
        stageId,
        metric: kpiName(card),
        before,
        after,
        changes,
        unchanged,
      });
    }

    const touchpointCard = touchpoints.find((t) => normalizeName(t.text) === touchpoint);
    if (!touchpointCard) return miss('unknownTouchpoint', { column: 'touchpoint' });
    if (!kpiLane) return miss('noKpiLane');
    const fields: MetricsCreate['fields'] = { metric: row.metric.slice(0, 200), value: value.value, direction: 'higher' };
    if (target) fields.target = target.value;
    if (unit || percent) fields.unit = unit ?? '%';
    place(`new:${stageId}\u0000${touchpoint}\u0000${metric}`, {
      rowNumber: row.rowNumber,
      row,
      stageId,
      laneId: kpiLane.id,
      touchpointCardId: touchpointCard.id,
      text: `${touchpointCard.text}${SEPARATOR}${row.metric}`.slice(0, 5000),
      fields,
    });
  });

  for (const entry of byTarget.values()) {
    if ('cardId' in entry) plan.updates.push(entry);
    else plan.creates.push(entry);
  }
  const byRow = (a: { rowNumber: number }, b: { rowNumber: number }) => a.rowNumber - b.rowNumber;
  plan.updates.sort(byRow);
  plan.creates.sort(byRow);
  plan.unmatched.sort(byRow);
  return plan;
}

/** Whether Apply would change anything. */
export const planChangesSomething = (plan: MetricsPlan): boolean => plan.creates.length > 0 || plan.updates.some((u) => !u.unchanged);

export interface MetricsImportResult {
  updated: number;
  created: number;
  /** rows whose KPI already had these values */
  unchanged: number;
  /** cards or stages deleted by someone else since the plan was made */
  skipped: number;
  /** the updated and created cards */
  cardIds: string[];
}

/**
 * Apply a plan as ONE local transaction, so it is one undo step and reaches
 * everyone as one change. New cards come from addCard, so they get their
 * votes map and an order key after the cell's cards.
 */
export function applyMetricsImport(doc: Y.Doc, plan: MetricsPlan): MetricsImportResult {
  return change(doc, () => {
    const result: MetricsImportResult = { updated: 0, created: 0, unchanged: 0, skipped: 0, cardIds: [] };
    for (const u of plan.updates) {
      if (u.unchanged) result.unchanged++;
      else if (updateEntity(doc, 'cards', u.cardId, u.changes)) {
        result.updated++;
        result.cardIds.push(u.cardId);
      } else result.skipped++;
    }
    for (const c of plan.creates) {
      if (!collection(doc, 'stages').has(c.stageId) || !collection(doc, 'lanes').has(c.laneId)) {
        result.skipped++;
        continue;
      }
      result.cardIds.push(addCard(doc, { laneId: c.laneId, stageId: c.stageId, text: c.text, fields: c.fields }));
      result.created++;
    }
    return result;
  });
}
