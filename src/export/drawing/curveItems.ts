/**
 * The emotion curve (CurveNode): a smooth line through every emotion score in
 * journey order over a dashed zero line, green above it and red below, each
 * point a circle with the score's face (gold-rimmed for a moment of truth)
 * and, for points placed in the emotion lane itself, their label.
 */
import { GRID, type GridLayout, type Row } from '../../canvas/layout';
import { smoothSegments } from '../../canvas/smoothCurve';
import { EMOTION_ICONS } from '../../icons';
import { emotionLevel, emotionPoints, type EmotionPoint } from '../../model/journey';
import type { MapSnapshot } from '../../model/live';
import { EMOTION_MAX, EMOTION_MIN } from '../../model/schema';
import { clipPolygon } from './clip';
import type { DrawContext } from './context';
import { ellipse, iconPaths } from './iconPaths';
import { flattenPath, pathData, polylineData, type PathCommand, type Point } from './pathData';
import { CURVE, GOLD, INK, MUTED, WHITE } from './palette';
import { textItem } from './textBlock';
import type { DrawingItem } from './types';

export interface CurvePoint extends EmotionPoint {
  /** flow coordinates of the point's centre */
  x: number;
  y: number;
}

/** Where the canvas puts each point: spread evenly across its stage's column, at its score's height in the lane `row`. */
export function curvePoints(snapshot: Pick<MapSnapshot, 'stages' | 'lanes' | 'cards'>, layout: GridLayout, row: Row): CurvePoint[] {
  const origin = layout.columns[0]?.x ?? GRID.laneHeaderWidth;
  const zeroY = row.y + row.height / 2;
  const unit = (row.height / 2 - CURVE.pad) / EMOTION_MAX;
  const byStage = new Map<string, EmotionPoint[]>();
  for (const p of emotionPoints(snapshot.stages, snapshot.lanes, snapshot.cards)) {
    const list = byStage.get(p.stageId);
    if (list) list.push(p);
    else byStage.set(p.stageId, [p]);
  }
  return snapshot.stages.flatMap((stage, i) => {
    const inStage = byStage.get(stage.id) ?? [];
    return inStage.map((p, k) => ({
      ...p,
      x: origin + Math.round(i * GRID.columnWidth + ((k + 1) / (inStage.length + 1)) * GRID.columnWidth),
      y: zeroY - p.emotion * unit,
    }));
  });
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
  const points = curvePoints(ctx.snapshot, layout, row);
  const scale = { size: CURVE.scaleSize, color: MUTED };
  const items: DrawingItem[] = [
    { kind: 'path', d: `M${left} ${zeroY}L${left + width} ${zeroY}`, stroke: CURVE.zero, lineWidth: 1, dash: [4, 4] },
    textItem(`+${EMOTION_MAX}`, left + 6, row.y + CURVE.pad - 8, scale),
    textItem(String(EMOTION_MIN), left + 6, row.y + row.height - CURVE.pad + 16, scale),
  ];
  const curve = smoothCurve(points);
  if (points.length > 1) {
    // The area between the curve and the zero line, split at zero: green above, red below.
    const area = flattenPath([
      ...curve,
      { op: 'L', to: { x: points.at(-1)!.x, y: zeroY } },
      { op: 'L', to: { x: points[0]!.x, y: zeroY } },
      { op: 'Z' },
    ]);
    const outline = area[0]?.points ?? [];
    const above = clipPolygon(outline, { x: left, y: row.y, width, height: zeroY - row.y });
    const below = clipPolygon(outline, { x: left, y: zeroY, width, height: row.y + row.height - zeroY });
    if (above.length > 2) items.push({ kind: 'path', d: polylineData([{ points: above, closed: true }]), fill: CURVE.positive });
    if (below.length > 2) items.push({ kind: 'path', d: polylineData([{ points: below, closed: true }]), fill: CURVE.negative });
    items.push({ kind: 'path', d: pathData(curve), stroke: CURVE.line, lineWidth: CURVE.lineWidth });
  }
  for (const p of points) {
    const r = CURVE.pointRadius;
    items.push({
      kind: 'path',
      d: pathData(ellipse(p.x, p.y, r, r)),
      fill: WHITE,
      stroke: p.momentOfTruth ? GOLD : CURVE.line,
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
  return items;
}
