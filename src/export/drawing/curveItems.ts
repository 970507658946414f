/**
 * The emotion curve (CurveNode): a smooth line through every emotion score in
 * journey order over a dashed zero line, green above it and red below, each
 * point a circle with the score's face (gold-rimmed for a moment of truth)
 * and, for points placed in the emotion lane itself, their label. As on the
 * canvas, one line per persona and state shown (model/emotionLines.ts): the
 * future dashed, other personas in their palette colour with small marks
 * for points, and a legend at the lane's top left once lines need telling
 * apart.
 */
import { GRID, type Row } from '../../canvas/layout';
import { smoothSegments } from '../../canvas/smoothCurve';
import { EMOTION_ICONS } from '../../icons';
import { emotionLevel, type EmotionPoint } from '../../model/journey';
import { curvePersonas, curveSlots, emotionLines, slotXs, type CurvePersona, type EmotionLine } from '../../model/emotionLines';
import { personaColor } from '../../model/personaColors';
import { EMOTION_MAX, EMOTION_MIN } from '../../model/schema';
import { clipPolygon } from './clip';
import type { DrawContext } from './context';
import { ellipse, iconPaths } from './iconPaths';
import { flattenPath, pathData, polylineData, type PathCommand, type Point } from './pathData';
import { CURVE, GOLD, INK, MUTED, WHITE } from './palette';
import { textItem } from './textBlock';
import type { DrawingItem } from './types';
import type { TFunction } from '../../i18n/translate';

export interface CurvePoint extends EmotionPoint {
  /** flow coordinates of the point's centre */
  x: number;
  y: number;
}

/** The lines the drawing's view shows (its states, its hidden personas), as the canvas draws them. */
export function curveLines(ctx: Pick<DrawContext, 'snapshot' | 'stateView' | 'hiddenCurveLines'>): EmotionLine[] {
  const { snapshot } = ctx;
  return emotionLines({
    stages: snapshot.stages,
    lanes: snapshot.lanes,
    cards: snapshot.cards,
    personas: snapshot.personas,
    followedPersonaId: snapshot.meta?.personaId,
    view: ctx.stateView,
    hidden: ctx.hiddenCurveLines,
  });
}

/** Each line's points where the canvas puts them: spread across their stage's column, at the score's height in the lane `row`. */
export function placedLines(
  ctx: Pick<DrawContext, 'snapshot' | 'layout' | 'stateView' | 'hiddenCurveLines'>,
  row: Row,
): { line: EmotionLine; points: CurvePoint[] }[] {
  const { snapshot, layout } = ctx;
  const origin = layout.columns[0]?.x ?? GRID.laneHeaderWidth;
  const zeroY = row.y + row.height / 2;
  const unit = (row.height / 2 - CURVE.pad) / EMOTION_MAX;
  const lines = curveLines(ctx);
  const xs = slotXs(snapshot.stages, curveSlots(snapshot, lines), GRID.columnWidth, origin);
  return lines.map((line) => ({
    line,
    points: line.points.map((p) => ({ ...p, x: xs.get(p.cardId) ?? origin, y: zeroY - p.emotion * unit })),
  }));
}

/** The points of the map's own line (the cards' scores) on every state drawn, each card once, left to right. */
export function curvePoints(ctx: Pick<DrawContext, 'snapshot' | 'layout' | 'stateView' | 'hiddenCurveLines'>, row: Row): CurvePoint[] {
  const seen = new Set<string>();
  return placedLines(ctx, row)
    .filter(({ line }) => line.persona.isDefault)
    .flatMap(({ points }) => points)
    .filter((p) => !seen.has(p.cardId) && !!seen.add(p.cardId))
    .sort((a, b) => a.x - b.x);
}

/** The canvas's curve through the points (canvas/smoothCurve.ts) as path commands. */
function smoothCurve(points: readonly Point[]): PathCommand[] {
  if (points.length === 0) return [];
  return [{ op: 'M', to: points[0]! }, ...smoothSegments(points).map((s): PathCommand => ({ op: 'C', ...s }))];
}

const LABEL_CHARS = 24;

export function curveItems(ctx: DrawContext, row: Row): DrawingItem[] {
  const { layout, measure } = ctx;
  const left = layout.columns[0]?.x ?? GRID.laneHeaderWidth;
  const width = layout.columns.length * GRID.columnWidth;
  const zeroY = row.y + row.height / 2;
  const lines = placedLines(ctx, row);
  const points = curvePoints(ctx, row);
  const personas = curvePersonas({
    cards: ctx.snapshot.cards,
    personas: ctx.snapshot.personas,
    followedPersonaId: ctx.snapshot.meta?.personaId,
  });
  const manyPersonas = personas.length > 1;
  const states = new Set(lines.map((l) => l.line.state));
  const scale = { size: CURVE.scaleSize, color: MUTED };
  const items: DrawingItem[] = [
    { kind: 'path', d: `M${left} ${zeroY}L${left + width} ${zeroY}`, stroke: CURVE.zero, lineWidth: 1, dash: [4, 4] },
    textItem(`+${EMOTION_MAX}`, left + 6, row.y + CURVE.pad - 8, scale),
    textItem(String(EMOTION_MIN), left + 6, row.y + row.height - CURVE.pad + 16, scale),
  ];
  // The shaded area follows the first line (the map's own, today's when both are drawn), as the one curve did.
  const first = lines[0]?.points ?? [];
  const curve = smoothCurve(first);
  if (first.length > 1) {
    // The area between the curve and the zero line, split at zero: green above, red below.
    const area = flattenPath([
      ...curve,
      { op: 'L', to: { x: first.at(-1)!.x, y: zeroY } },
      { op: 'L', to: { x: first[0]!.x, y: zeroY } },
      { op: 'Z' },
    ]);
    const outline = area[0]?.points ?? [];
    const above = clipPolygon(outline, { x: left, y: row.y, width, height: zeroY - row.y });
    const below = clipPolygon(outline, { x: left, y: zeroY, width, height: row.y + row.height - zeroY });
    if (above.length > 2) items.push({ kind: 'path', d: polylineData([{ points: above, closed: true }]), fill: CURVE.positive });
    if (below.length > 2) items.push({ kind: 'path', d: polylineData([{ points: below, closed: true }]), fill: CURVE.negative });
  }
  for (const { line, points: on } of lines) {
    if (on.length < 2) continue;
    items.push({
      kind: 'path',
      d: pathData(smoothCurve(on)),
      stroke: lineColor(line.persona, manyPersonas),
      lineWidth: line.persona.isDefault ? CURVE.lineWidth : CURVE.personaLineWidth,
      ...(line.state === 'future' ? { dash: [...CURVE.futureDash] } : {}),
    });
  }
  // Other personas' scores: small rings in their colour (the map's own points are the faces below).
  for (const { line, points: on } of lines) {
    if (line.persona.isDefault) continue;
    for (const p of on) {
      items.push({
        kind: 'path',
        d: pathData(ellipse(p.x, p.y, CURVE.personaPointRadius, CURVE.personaPointRadius)),
        fill: WHITE,
        stroke: lineColor(line.persona, true),
        lineWidth: CURVE.pointStroke,
      });
    }
  }
  for (const p of points) {
    const r = CURVE.pointRadius;
    items.push({
      kind: 'path',
      d: pathData(ellipse(p.x, p.y, r, r)),
      fill: WHITE,
      stroke: p.momentOfTruth ? GOLD : CURVE.line,
      ...(ctx.snapshot.cardById.get(p.cardId)?.state === 'future' && !p.momentOfTruth ? { dash: [...CURVE.futurePointDash] } : {}),
      lineWidth: p.momentOfTruth ? CURVE.motStroke : CURVE.pointStroke,
    });
    const face = CURVE.faceSize;
    items.push(...iconPaths(EMOTION_ICONS[emotionLevel(p.emotion)], p.x - face / 2, p.y - face / 2, face, INK));
    if (!p.touchpoint && p.text) {
      const text = p.text.length > LABEL_CHARS ? `${p.text.slice(0, LABEL_CHARS - 1)}…` : p.text;
      const spec = { size: CURVE.labelSize, color: INK };
      const w = measure.width(text, { size: spec.size, weight: 400 });
      // The canvas rings the label with white (paint-order stroke) so the line behind does not cross it.
      items.push({
        kind: 'rect',
        x: p.x - w / 2 - 2,
        y: p.y + 28 - spec.size,
        width: w + 4,
        height: spec.size * 1.3,
        radius: 2,
        fill: '#ffffffcc',
      });
      items.push(textItem(text, p.x, p.y + 28, spec, 'middle'));
    }
  }
  if (manyPersonas || states.has('future')) items.push(...curveLegendItems(ctx, { x: left + 34, y: row.y + 4 }, personas, states));
  return items;
}

/** The map's own line keeps the curve's colour; other personas their palette colour. */
const lineColor = (persona: CurvePersona, manyPersonas: boolean): string => (manyPersonas ? personaColor(persona.colorIndex) : CURVE.line);

/** A line's name in the legend: its persona's, or "Emotion" for the map's own curve. */
export function lineName(t: TFunction, persona: CurvePersona): string {
  if (!persona.persona) return t('states.mapLine');
  return persona.persona.name || t('personas.unnamed');
}

/**
 * The curve's legend, as the canvas shows it (CurveLegend): each persona
 * line drawn (colour and name), and solid for current, dashed for future
 * when a future line is drawn. Hidden personas are not listed: the drawing
 * shows what it shows.
 */
function curveLegendItems(
  ctx: Pick<DrawContext, 't' | 'measure' | 'hiddenCurveLines'>,
  at: { x: number; y: number },
  personas: readonly CurvePersona[],
  states: ReadonlySet<string>,
): DrawingItem[] {
  const { t, measure } = ctx;
  const size = CURVE.labelSize;
  const entries: { label: string; color: string; dashed: boolean }[] = [];
  if (personas.length > 1) {
    for (const p of personas) {
      if (!p.isDefault && ctx.hiddenCurveLines.has(p.key)) continue;
      entries.push({ label: lineName(t, p), color: personaColor(p.colorIndex), dashed: false });
    }
  }
  if (states.has('future') && states.has('current')) entries.push({ label: t('states.lineCurrent'), color: MUTED, dashed: false });
  if (states.has('future')) entries.push({ label: t('states.lineFuture'), color: MUTED, dashed: true });
  const swatch = 20;
  const gap = 10;
  const widths = entries.map((e) => swatch + 4 + measure.width(e.label, { size, weight: 400 }));
  const width = widths.reduce((a, w) => a + w, 0) + gap * Math.max(0, entries.length - 1) + 12;
  const height = size * 1.6;
  const items: DrawingItem[] = [{ kind: 'rect', x: at.x, y: at.y, width, height, radius: 4, fill: '#ffffffe6' }];
  let x = at.x + 6;
  const mid = at.y + height / 2;
  entries.forEach((e, i) => {
    items.push({
      kind: 'path',
      d: `M${x} ${mid}L${x + swatch} ${mid}`,
      stroke: e.color,
      lineWidth: 3,
      ...(e.dashed ? { dash: [5, 3] } : {}),
    });
    items.push(textItem(e.label, x + swatch + 4, mid + size * 0.35, { size, color: INK }));
    x += widths[i]! + gap;
  });
  return items;
}
