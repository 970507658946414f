/**
 * The map on paper: one page per group of stages (paperPlan.ts), each with
 * the stage headers of its stages, every lane's header and the full height of
 * the grid, the persona above the first, and the legend at the foot; each
 * stage is a bookmark where its column starts.
 */
import { GRID } from '../../canvas/layout';
import { gridWindows, PERSONA_FLOW, spanExtent, type GridSpan, type Placement } from '../plan';
import type { DrawContext } from './context';
import { legendItems } from './legendItems';
import { windowItems, type MapScene } from './mapScene';
import type { PageDraft } from './pageDraft';
import { paperFrame, PT_PER_PX, type Orientation, type PaperSize } from './paperFrame';
import { planPaper, type PaperPlan } from './paperPlan';
import { applyToRect, placeItems } from './placement';
import { WHITE } from './palette';

const LEGEND_SIZE = 11;
const LEGEND_GAP = 12;

/**
 * The map's frame, legend and plan on `paper`: landscape, unless upright
 * prints the map larger (most maps are taller than wide once every lane is
 * on the page).
 */
export function paperMapLayout(ctx: DrawContext, span: GridSpan, paper: PaperSize) {
  const [landscape, portrait] = (['landscape', 'portrait'] as const).map((orientation) => layoutOn(ctx, span, paper, orientation));
  return portrait!.plan.scale > landscape!.plan.scale * 1.05 ? portrait! : landscape!;
}

function layoutOn(ctx: DrawContext, span: GridSpan, paper: PaperSize, orientation: Orientation) {
  const frame = paperFrame(paper, orientation);
  const legend = legendItems(ctx, { x: frame.content.x, top: 0, width: frame.content.width }, LEGEND_SIZE);
  const legendTop = frame.heightPx - frame.margin - legend.height;
  const mapBoxPx = { ...frame.content, height: legendTop - LEGEND_GAP - frame.content.y };
  const mapBox = applyToRect({ scale: PT_PER_PX, dx: 0, dy: 0 }, mapBoxPx);
  const plan = planPaper(ctx.layout, span, mapBox, ctx.persona !== null);
  return { frame, legendTop, mapBox, plan };
}

export function paperMapPages(
  ctx: DrawContext,
  scene: MapScene,
  span: GridSpan,
  paper: PaperSize,
): { drafts: PageDraft[]; plan: PaperPlan } {
  const { t, layout, snapshot } = ctx;
  const { frame, legendTop, mapBox, plan } = paperMapLayout(ctx, span, paper);
  const legend = placeItems(legendItems(ctx, { x: frame.content.x, top: legendTop, width: frame.content.width }, LEGEND_SIZE).items, {
    scale: PT_PER_PX,
    dx: 0,
    dy: 0,
  });
  const { y0, y1 } = spanExtent(layout, span);

  const drafts = plan.groups.map((group, i): PageDraft => {
    const persona = plan.persona && i === 0;
    const top = persona ? plan.personaBlock : 0;
    const placements: Placement[] = [];
    if (persona) placements.push({ sheet: { ...PERSONA_FLOW, x: 0, y: 0 }, flow: PERSONA_FLOW });
    const grid = gridWindows(layout, group, [y0, y1], { x: 0, y: top });
    // A map narrower than the page sits in its middle, under the full-width header.
    const width = Math.max(grid.width, persona ? GRID.personaWidth : 0) * plan.scale;
    const toPage = { scale: plan.scale, dx: mapBox.x + (mapBox.width - width) / 2, dy: mapBox.y };
    placements.push(grid.stageHeaders, grid.laneHeaders, grid.body);
    const map = placements.flatMap((p) => windowItems(ctx, scene, p, toPage));
    const stages = snapshot.stages.slice(group[0], group[1] + 1);
    const first = stages[0]?.name ?? '';
    const last = stages.at(-1)?.name ?? '';
    return {
      frame,
      width: frame.width,
      height: frame.height,
      items: [{ kind: 'rect', x: 0, y: 0, width: frame.width, height: frame.height, fill: WHITE }, ...map, ...legend],
      bookmarks: stages.map((stage) => ({ title: stage.name, y: toPage.dy + toPage.scale * top })),
      details: group[0] === group[1] ? t('export.stage', { name: first }) : t('export.stages', { first, last }),
    };
  });
  return { drafts, plan };
}
