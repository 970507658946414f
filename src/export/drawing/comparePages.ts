/**
 * The PDF of a version compare (issue 16): "What changed since the last
 * review" on A4 portrait pages: what was compared with what, the counts,
 * the emotion curve of both sides (the old one dashed grey), then every
 * change in journey order (the map's fields, stages, lanes, cards) with a
 * coloured mark (added green, removed red, changed amber) and old → new.
 * Page units are PDF points.
 */
import { cardTitle, describeCardChange, describeField, describeHeaderChange, namesOf, summaryLine } from '../../model/compare/describe';
import type { CurvePoint } from '../../model/compare/diff';
import type { CompareResult } from '../../model/compare/wire';
import { sortOrdered } from '../../model/order';
import type { TFunction } from '../../i18n/translate';
import { smoothSegments } from '../../canvas/smoothCurve';
import { INK, LINE, MUTED, OK, DANGER, WHITE, ACCENT } from './palette';
import { columnOf, type TextColumn } from './textColumn';
import { lineHeightOf, type TextSpec } from './textBlock';
import type { Drawing, DrawingItem, DrawingPage, TextMeasure } from './types';

const PAGE = { width: 595.28, height: 841.89, margin: 42 };
const AMBER = '#d98a00';
const COLORS = { added: OK, removed: DANGER, changed: AMBER } as const;
const TITLE: TextSpec = { size: 20, weight: 700, color: INK };
const SUB: TextSpec = { size: 10.5, color: MUTED };
const SUMMARY: TextSpec = { size: 11.5, weight: 700, color: INK };
const ENTRY: TextSpec = { size: 10.5, weight: 700, color: INK };
const DETAIL: TextSpec = { size: 9.5, color: INK };
const KIND: TextSpec = { size: 8.5, weight: 700, color: MUTED };
const CURVE_HEIGHT = 120;

export interface ComparePdfInput {
  result: CompareResult;
  t: TFunction;
  locale: string;
  /** "“Before review” (3 Dec 2026)": a side's name and date as the reader reads them */
  sideLabel(side: CompareResult['from']): string;
  author: string;
  now: Date;
}

interface Entry {
  change: 'added' | 'removed' | 'changed';
  title: string;
  lines: string[];
}

function entriesOf(input: ComparePdfInput): Entry[] {
  const { result, t } = input;
  const names = namesOf(result.view);
  const { diff } = result;
  const out: Entry[] = [];
  if (diff.meta.length > 0)
    out.push({ change: 'changed', title: t('compare.map'), lines: diff.meta.map((f) => describeField(t, f, names)) });
  for (const s of diff.stages)
    out.push({
      change: s.change,
      title: t('compare.stage', { name: (s.after ?? s.before)!.name }),
      lines: describeHeaderChange(t, s, names),
    });
  for (const l of diff.lanes)
    out.push({
      change: l.change,
      title: t('compare.lane', { name: (l.after ?? l.before)!.name }),
      lines: describeHeaderChange(t, l, names),
    });
  for (const c of diff.cards) {
    const card = (c.after ?? c.before)!;
    const where = t('compare.cell', { stage: names.stages.get(card.stageId)?.name ?? '', lane: names.lanes.get(card.laneId)?.name ?? '' });
    out.push({ change: c.change, title: cardTitle(t, card), lines: [where, ...describeCardChange(t, c, names)] });
  }
  return out;
}

/** Every string the pages draw, for the fonts to load first. */
export function comparePdfTexts(input: ComparePdfInput): string[] {
  const { t, result } = input;
  return [
    t('compare.pdfTitle'),
    t('compare.pdfSubtitle', { from: input.sideLabel(result.from), to: input.sideLabel(result.to), fromDate: '', toDate: '' }),
    input.sideLabel(result.from),
    input.sideLabel(result.to),
    summaryLine(t, result.diff),
    t('compare.curveBefore'),
    t('compare.curveAfter'),
    t('compare.noChanges'),
    t('compare.added'),
    t('compare.removed'),
    t('compare.changed'),
    '0123456789+−-–→…/ ·',
    ...entriesOf(input).flatMap((e) => [e.title, ...e.lines]),
  ];
}

function pathOf(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const [first] = points;
  return `M${first!.x},${first!.y}${smoothSegments(points)
    .map(({ c1, c2, to }) => ` C${c1.x},${c1.y} ${c2.x},${c2.y} ${to.x},${to.y}`)
    .join('')}`;
}

/** Both emotion curves across the compare's stages, in a box. */
function curveItems(input: ComparePdfInput, x: number, top: number, width: number): DrawingItem[] {
  const { result, t } = input;
  const stages = sortOrdered(Object.values(result.view.stages));
  const items: DrawingItem[] = [{ kind: 'rect', x, y: top, width, height: CURVE_HEIGHT, stroke: LINE, lineWidth: 0.75, radius: 4 }];
  if (stages.length === 0) return items;
  const column = width / stages.length;
  const zero = top + CURVE_HEIGHT / 2;
  const unit = (CURVE_HEIGHT / 2 - 14) / 5;
  items.push({ kind: 'path', d: `M${x},${zero} L${x + width},${zero}`, stroke: LINE, lineWidth: 0.75 });
  stages.forEach((s, i) => {
    if (i > 0)
      items.push({ kind: 'path', d: `M${x + i * column},${top} L${x + i * column},${top + CURVE_HEIGHT}`, stroke: LINE, lineWidth: 0.5 });
  });
  const place = (points: readonly CurvePoint[]) => {
    const byStage = new Map<string, CurvePoint[]>();
    for (const p of points) byStage.set(p.stageId, [...(byStage.get(p.stageId) ?? []), p]);
    return stages.flatMap((s, i) => {
      const inStage = byStage.get(s.id) ?? [];
      return inStage.map((p, k) => ({ x: x + i * column + ((k + 1) / (inStage.length + 1)) * column, y: zero - p.emotion * unit }));
    });
  };
  const before = place(result.diff.curve.before);
  const after = place(result.diff.curve.after);
  if (before.length > 0) items.push({ kind: 'path', d: pathOf(before), stroke: '#8a90a3', lineWidth: 1.5, dash: [5, 4] });
  if (after.length > 0) items.push({ kind: 'path', d: pathOf(after), stroke: ACCENT, lineWidth: 2 });
  for (const p of after) items.push({ kind: 'rect', x: p.x - 2.5, y: p.y - 2.5, width: 5, height: 5, radius: 2.5, fill: ACCENT });
  // The legend, top right.
  const legendY = top + 12;
  const lx = x + width - 190;
  items.push({ kind: 'path', d: `M${lx},${legendY - 3} L${lx + 18},${legendY - 3}`, stroke: ACCENT, lineWidth: 2 });
  items.push({ kind: 'text', x: lx + 22, y: legendY, text: t('compare.curveAfter'), style: { size: 8.5, weight: 400, color: MUTED } });
  items.push({ kind: 'path', d: `M${lx + 80},${legendY - 3} L${lx + 98},${legendY - 3}`, stroke: '#8a90a3', lineWidth: 1.5, dash: [5, 4] });
  items.push({ kind: 'text', x: lx + 102, y: legendY, text: t('compare.curveBefore'), style: { size: 8.5, weight: 400, color: MUTED } });
  return items;
}

/** The height an entry takes in a column of `width`. */
function entryHeight(measure: TextMeasure, entry: Entry, width: number): number {
  const lines = (text: string, spec: TextSpec) =>
    measure.wrap(text, { size: spec.size, weight: spec.weight ?? 400 }, width - 14).length * lineHeightOf(spec);
  return lineHeightOf(KIND) + lines(entry.title, ENTRY) + entry.lines.reduce((h, l) => h + lines(l, DETAIL), 0) + 8;
}

function drawEntry(column: TextColumn, entry: Entry, t: TFunction): void {
  const top = column.y;
  column.text(t(`compare.${entry.change}`).toUpperCase(), { ...KIND, color: COLORS[entry.change] }, 14);
  column.text(entry.title, ENTRY, 14);
  for (const line of entry.lines) column.text(line, DETAIL, 14);
  column.push({ kind: 'rect', x: column.x, y: top + 1, width: 3.5, height: column.y - top - 2, fill: COLORS[entry.change] });
  column.space(8);
}

export function comparePages(input: ComparePdfInput, measure: TextMeasure): Drawing {
  const { result, t } = input;
  const { margin } = PAGE;
  const width = PAGE.width - 2 * margin;
  const bottom = PAGE.height - margin;
  const pages: DrawingPage[] = [];
  const newPage = () => {
    const page: DrawingPage = {
      width: PAGE.width,
      height: PAGE.height,
      items: [{ kind: 'rect', x: 0, y: 0, width: PAGE.width, height: PAGE.height, fill: WHITE }],
      bookmarks: [],
    };
    pages.push(page);
    return page;
  };
  let page = newPage();
  const head = columnOf({ measure }, margin, width, margin, bottom);
  head.text(t('compare.pdfTitle'), TITLE).space(2);
  head.text(
    t('compare.pdfSubtitle', {
      from: input.sideLabel(result.from),
      fromDate: new Date(result.from.createdAt).toLocaleString(input.locale),
      to: input.sideLabel(result.to),
      toDate: new Date(result.to.createdAt).toLocaleString(input.locale),
    }),
    SUB,
  );
  head.space(8).text(summaryLine(t, result.diff), SUMMARY).space(10);
  page.items.push(...head.items, ...curveItems(input, margin, head.y, width));
  let top = head.y + CURVE_HEIGHT + 18;

  const entries = entriesOf(input);
  // Two columns of entries, page after page.
  const gap = 18;
  const colWidth = (width - gap) / 2;
  let col = 0;
  let column = columnOf({ measure }, margin, colWidth, top, bottom);
  const flush = () => page.items.push(...column.items);
  if (entries.length === 0) column.text(t('compare.noChanges'), SUB);
  for (const entry of entries) {
    if (column.y + entryHeight(measure, entry, colWidth) > bottom && column.y > top) {
      flush();
      if (col === 0) {
        col = 1;
        column = columnOf({ measure }, margin + colWidth + gap, colWidth, top, bottom);
      } else {
        page = newPage();
        top = margin;
        col = 0;
        column = columnOf({ measure }, margin, colWidth, top, bottom);
      }
    }
    drawEntry(column, entry, t);
  }
  flush();
  return {
    meta: {
      title: t('compare.pdfTitle'),
      author: input.author,
      subject: summaryLine(t, result.diff),
      language: input.locale,
      created: input.now,
    },
    pages,
  };
}
