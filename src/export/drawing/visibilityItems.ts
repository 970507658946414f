/**
 * The line of visibility (VisibilityNode): a dashed line across the map
 * above the backstage lanes, its label on a pale ground near the left end,
 * drawn over everything so the label is never hidden.
 */
import type { DrawContext } from './context';
import { VISIBILITY } from './palette';
import { baselineIn, textItem } from './textBlock';
import type { DrawingItem } from './types';

/** The node's band around the line: what the canvas gives it. */
export const VISIBILITY_BAND = 24;

export function visibilityItems(ctx: DrawContext, lineY: number, width: number): DrawingItem[] {
  const { t, measure } = ctx;
  const label = t('canvas.lineOfVisibility');
  const spec = { size: VISIBILITY.size, weight: 700, color: VISIBILITY.text } as const;
  const height = VISIBILITY.size * 1.45;
  const labelWidth = measure.width(label, spec) + 12;
  const top = lineY - height / 2;
  return [
    { kind: 'path', d: `M0 ${lineY}L${width} ${lineY}`, stroke: VISIBILITY.line, lineWidth: 2, dash: [6, 4] },
    { kind: 'rect', x: 8, y: top, width: labelWidth, height, radius: 4, fill: VISIBILITY.fill },
    textItem(label, 14, baselineIn(measure, spec.size, top, height), spec),
  ];
}
