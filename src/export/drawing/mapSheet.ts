/**
 * The map as one sheet, in CSS pixels (one flow unit a pixel): a title band,
 * the persona, a block of the grid with its stage and lane headers (or
 * whatever a view rectangle shows), and the legend under it. The PNG is this
 * sheet; the one-page PDF is this sheet scaled into points.
 */
import { GRID } from '../../canvas/layout';
import { gridWindows, PERSONA_FLOW, SHEET, spanExtent, type GridSpan, type Placement, type Rect } from '../plan';
import type { DrawContext } from './context';
import { legendItems } from './legendItems';
import { windowItems, type MapScene } from './mapScene';
import { sheetHeaderItems } from './sheetHeader';
import { placeItems } from './placement';
import type { Bookmark, DrawingItem } from './types';

export interface MapSheet {
  width: number;
  height: number;
  items: DrawingItem[];
  /** where each stage's header is on the sheet */
  bookmarks: Bookmark[];
}

/** The narrowest a sheet of a small view is, so its header and legend still read. */
const MIN_VIEW_WIDTH = 480;

const isSpan = (region: GridSpan | Rect): region is GridSpan => 'firstStage' in region;

/**
 * The sheet, at the scale `scaleFor` picks for its size in CSS pixels (the
 * PNG keeps 1; the one-page PDF turns pixels into points), each item moved
 * once as it is made.
 */
export function mapSheet(
  ctx: DrawContext,
  scene: MapScene,
  region: GridSpan | Rect,
  header: { title: string; details: string },
  scaleFor: (width: number, height: number) => number = () => 1,
): MapSheet {
  const m = SHEET.margin;
  let y = m + SHEET.headerHeight + SHEET.gap;
  const placements: Placement[] = [];
  const bookmarks: Bookmark[] = [];
  let contentWidth: number;
  if (isSpan(region)) {
    const persona = region.persona && ctx.persona !== null;
    if (persona) {
      placements.push({ sheet: { ...PERSONA_FLOW, x: m, y }, flow: PERSONA_FLOW });
      y += GRID.personaHeight + SHEET.gap;
    }
    const { y0, y1 } = spanExtent(ctx.layout, region);
    const grid = gridWindows(ctx.layout, [region.firstStage, region.lastStage], [y0, y1], { x: m, y });
    placements.push(grid.stageHeaders, grid.laneHeaders, grid.body);
    for (let i = region.firstStage; i <= region.lastStage; i++) bookmarks.push({ title: ctx.snapshot.stages[i]!.name, y });
    y += grid.height + SHEET.gap;
    contentWidth = Math.max(grid.width, persona ? GRID.personaWidth : 0);
  } else {
    placements.push({ sheet: { x: m, y, width: region.width, height: region.height }, flow: region });
    y += region.height + SHEET.gap;
    contentWidth = Math.max(region.width, MIN_VIEW_WIDTH);
  }
  const width = contentWidth + 2 * m;
  const legend = legendItems(ctx, { x: m, top: y, width: contentWidth });
  const height = y + legend.height + m;
  const toPage = { scale: scaleFor(width, height), dx: 0, dy: 0 };
  const items = [
    ...placeItems(
      sheetHeaderItems(ctx, { x: m, y: m, width: contentWidth, height: SHEET.headerHeight }, { ...header, titleSize: 26 }),
      toPage,
    ),
    ...placements.flatMap((p) => windowItems(ctx, scene, p, toPage)),
    ...placeItems(legend.items, toPage),
  ];
  return {
    width: width * toPage.scale,
    height: height * toPage.scale,
    items,
    bookmarks: bookmarks.map((b) => ({ ...b, y: toPage.dy + toPage.scale * b.y })),
  };
}
