/**
 * The whole map in flow coordinates, as the canvas lays it out: one node per
 * thing the canvas draws (cell, header, curve, card, persona, line of
 * visibility), each with the rectangle it covers and its items, made only
 * when a window shows it. A window (a placement of plan.ts: a part of the map
 * drawn somewhere on a page) takes the nodes it overlaps, cuts those that
 * cross its edge, and moves them to its place, as MapWindow did with the
 * canvas's components.
 */
import { GRID, cellKey, isCurveLane } from '../../canvas/layout';
import { intersects, PERSONA_FLOW, type Placement, type Rect } from '../plan';
import { cardItems } from './cardItems';
import { cellItems } from './cellItems';
import { clipItems } from './clip';
import type { DrawContext } from './context';
import { curveItems } from './curveItems';
import { laneHeaderItems, stageHeaderItems } from './headerItems';
import { CARD } from './palette';
import { personaItems } from './personaItems';
import { between, compose, contains, IDENTITY, placeItems, type Transform } from './placement';
import type { DrawingItem } from './types';
import { VISIBILITY_BAND, visibilityItems } from './visibilityItems';

export interface SceneNode {
  /** what the node covers, flow coordinates (a card's moment-of-truth halo included) */
  bounds: Rect;
  items(): DrawingItem[];
}

export type MapScene = readonly SceneNode[];

const lazy = (bounds: Rect, draw: () => DrawingItem[]): SceneNode => {
  let items: DrawingItem[] | null = null;
  return { bounds, items: () => (items ??= draw()) };
};

/** Every node of the map in painting order: the grid under the headers, the curve and the cards, the line of visibility on top. */
export function mapScene(ctx: DrawContext): MapScene {
  const { snapshot, layout } = ctx;
  const nodes: SceneNode[] = [];
  const lanes = snapshot.lanes;
  lanes.forEach((lane, i) => {
    const row = layout.rows[i]!;
    for (const col of layout.columns) {
      const cell = { x: col.x, y: row.y, width: col.width, height: row.height };
      nodes.push(lazy(cell, () => cellItems(cell, lane.kind)));
    }
  });
  if (ctx.persona) {
    const persona = ctx.persona;
    nodes.push(lazy(PERSONA_FLOW, () => personaItems(ctx, persona)));
  }
  snapshot.stages.forEach((stage, i) => {
    const col = layout.columns[i]!;
    nodes.push(lazy({ x: col.x, y: 0, width: col.width, height: GRID.stageHeaderHeight }, () => stageHeaderItems(ctx, stage, col.x)));
  });
  lanes.forEach((lane, i) => {
    const row = layout.rows[i]!;
    nodes.push(
      lazy({ x: 0, y: row.y, width: GRID.laneHeaderWidth, height: row.height }, () => laneHeaderItems(ctx, lane, row.y, row.height)),
    );
  });
  lanes.forEach((lane, i) => {
    if (!isCurveLane(lane) || layout.columns.length === 0) return;
    const row = layout.rows[i]!;
    const x = layout.columns[0]!.x;
    nodes.push(lazy({ x, y: row.y, width: layout.columns.length * GRID.columnWidth, height: row.height }, () => curveItems(ctx, row)));
  });
  // A chip for the card's persona only when the map has several: with one, every card would carry the same.
  const avatars = snapshot.personas.length > 1 ? new Map(snapshot.personas.map((p) => [p.id, p.avatar])) : null;
  lanes.forEach((lane) => {
    if (isCurveLane(lane)) return;
    for (const col of layout.columns) {
      for (const card of layout.cells.get(cellKey(lane.id, col.stageId)) ?? []) {
        const at = layout.cardPositions.get(card.id);
        if (!at) continue;
        const halo = CARD.motHalo;
        const bounds = { x: at.x - halo, y: at.y - halo, width: GRID.cardWidth + 2 * halo, height: GRID.cardHeight + 2 * halo };
        const avatar = card.personaId ? avatars?.get(card.personaId) : undefined;
        nodes.push(lazy(bounds, () => cardItems(ctx, card, lane.kind, at, avatar)));
      }
    }
  });
  if (layout.visibilityLineY !== null) {
    const y = layout.visibilityLineY;
    nodes.push(
      lazy({ x: 0, y: y - VISIBILITY_BAND / 2, width: layout.width, height: VISIBILITY_BAND }, () => visibilityItems(ctx, y, layout.width)),
    );
  }
  return nodes;
}

/**
 * The part of the map a placement shows, in the placement's (sheet)
 * coordinates, then through `outer` (sheet to page): one move per item.
 */
export function windowItems(
  ctx: Pick<DrawContext, 'measure'>,
  scene: MapScene,
  placement: Placement,
  outer: Transform = IDENTITY,
): DrawingItem[] {
  const { flow } = placement;
  const items: DrawingItem[] = [];
  for (const node of scene) {
    if (!intersects(node.bounds, flow)) continue;
    if (contains(flow, node.bounds)) items.push(...node.items());
    else items.push(...clipItems(node.items(), flow, ctx.measure));
  }
  return placeItems(items, compose(outer, between(flow, placement.sheet)));
}
