/**
 * The grid's headers as the canvas draws them: a stage's header (StageNode:
 * its name under a band of the stage's colour) and a lane's (LaneNode: its
 * name, its kind, a backstage lane's department), read-only as an export shows them.
 */
import { GRID } from '../../canvas/layout';
import { DEPARTMENTS, type Lane, type Stage } from '../../model/schema';
import type { DrawContext } from './context';
import { linkedMapItems } from './linkedMapItems';
import { pathData, type PathCommand } from './pathData';
import { BACKSTAGE_FILL, INK, LINE, MUTED, WHITE } from './palette';
import { baselineIn, lineHeightOf, oneLine, textBlock, textItem } from './textBlock';
import type { DrawingItem } from './types';

/** A rectangle with only its top corners rounded. */
function roundedTop(x: number, y: number, w: number, h: number, r: number): PathCommand[] {
  return [
    { op: 'M', to: { x, y: y + h } },
    { op: 'L', to: { x, y: y + r } },
    { op: 'Q', c: { x, y }, to: { x: x + r, y } },
    { op: 'L', to: { x: x + w - r, y } },
    { op: 'Q', c: { x: x + w, y }, to: { x: x + w, y: y + r } },
    { op: 'L', to: { x: x + w, y: y + h } },
    { op: 'Z' },
  ];
}

const STAGE_BAND = 5;
const STAGE_NAME = { size: 15, weight: 700, color: INK } as const;

export function stageHeaderItems(ctx: DrawContext, stage: Stage, x: number): DrawingItem[] {
  const w = GRID.columnWidth;
  const h = GRID.stageHeaderHeight;
  const r = 6;
  const top = STAGE_BAND + 10;
  const width = w - 2 - 24;
  const name = oneLine(ctx.measure, stage.name, STAGE_NAME, width);
  return [
    { kind: 'path', d: pathData(roundedTop(x + 0.5, 0.5, w - 1, h - 1, r)), fill: WHITE, stroke: LINE, lineWidth: 1 },
    { kind: 'path', d: pathData(roundedTop(x, 0, w, STAGE_BAND, r)), fill: stage.color },
    textItem(name, x + 13, baselineIn(ctx.measure, STAGE_NAME.size, top, lineHeightOf(STAGE_NAME)), STAGE_NAME),
    // A linked stage's sub-journey under its name (StageNode's LinkedMapMarker).
    ...(stage.linkedMapId !== undefined
      ? linkedMapItems(ctx, stage.linkedMapId, x + 13, x + 13 + width, top + lineHeightOf(STAGE_NAME) + 2)
      : []),
  ];
}

const LANE_NAME = { size: 14, weight: 700, color: INK } as const;
const LANE_NOTE = { size: 12, color: MUTED } as const;

export function laneHeaderItems(ctx: DrawContext, lane: Lane, y: number, height: number): DrawingItem[] {
  const { t, measure } = ctx;
  const w = GRID.laneHeaderWidth;
  const backstage = lane.kind === 'backstage';
  const items: DrawingItem[] = [
    { kind: 'rect', x: 0, y, width: w, height, fill: backstage ? BACKSTAGE_FILL : WHITE },
    // The header has no right border: the cells' grid lines take over.
    { kind: 'path', d: `M${w} ${y + 0.5}L0.5 ${y + 0.5}L0.5 ${y + height - 0.5}L${w} ${y + height - 0.5}`, stroke: LINE, lineWidth: 1 },
  ];
  const x = 13;
  const width = w - 1 - 24;
  const notes = [t(`laneKinds.${lane.kind}`)];
  // A known department key is shown in the reader's language; free text as typed.
  if (backstage && lane.department) {
    notes.push((DEPARTMENTS as readonly string[]).includes(lane.department) ? t(`departments.${lane.department}`) : lane.department);
  }
  const gap = 6;
  const notesHeight = notes.length * (lineHeightOf(LANE_NOTE) + gap);
  let top = y + 11;
  const nameLines = Math.max(1, Math.floor((y + height - 10 - notesHeight - top) / lineHeightOf(LANE_NAME)));
  const name = textBlock(measure, lane.name, LANE_NAME, { x, top, width, maxLines: nameLines });
  items.push(...name.items);
  top += name.height + gap;
  for (const note of notes) {
    items.push(
      textItem(oneLine(measure, note, LANE_NOTE, width), x, baselineIn(measure, LANE_NOTE.size, top, lineHeightOf(LANE_NOTE)), LANE_NOTE),
    );
    top += lineHeightOf(LANE_NOTE) + gap;
  }
  return items;
}
