/**
 * Projection: map snapshot -> React Flow nodes. Nodes carry ids and geometry
 * only; node components read their entity by id from the live map, so a text
 * edit re-renders one card and no node object changes. A node object is
 * reused (same identity) while its geometry and data are unchanged.
 */
import type { Node } from '@xyflow/react';
import type { MapSnapshot } from '../model/live';
import type { LaneKind } from '../model/schema';
import { GRID, cellKey, isCurveLane, layoutGrid, type GridLayout } from './layout';

export type CardNode = Node<{ cardId: string; laneKind: LaneKind }, 'card'>;
export type StageNode = Node<{ stageId: string; index: number; count: number; label: string }, 'stage'>;
export type LaneNode = Node<{ laneId: string; index: number; count: number; label: string }, 'lane'>;
export type CellNode = Node<{ laneId: string; stageId: string; laneKind: LaneKind; cardCount: number }, 'cell'>;
export type AddNode = Node<{ what: 'stage' | 'lane' }, 'add'>;
/** The emotion curve across every stage of one emotion lane. */
export type CurveNode = Node<{ laneId: string }, 'curve'>;
export type PersonaNode = Node<Record<string, never>, 'persona'>;
export type VisibilityNode = Node<Record<string, never>, 'visibility'>;
export type JourneyNode = CardNode | StageNode | LaneNode | CellNode | AddNode | CurveNode | PersonaNode | VisibilityNode;

export const stageNodeId = (id: string) => `stage:${id}`;
export const laneNodeId = (id: string) => `lane:${id}`;
export const cellNodeId = (laneId: string, stageId: string) => `cell:${laneId}:${stageId}`;

/**
 * React Flow marks every node wrapper `aria-roledescription="node"`, which a
 * wrapper without a role may not carry (axe: aria-prohibited-attr); the
 * keyboard's places are our own elements (navigation.ts), so the wrappers
 * are not focusable and drop the attribute.
 */
const NO_ROLE_DESCRIPTION = { 'aria-roledescription': undefined } as const;
/**
 * No node has connection handles (the map has no edges). Saying so up front
 * matters: React Flow renders every node it has not yet measured handles for,
 * visible or not (xyflow's getNodesInside: forceInitialRender), so a 600-card
 * map would mount all 600 cards on opening only to unmount those off screen.
 * With the handles known and the size given, only what is on screen mounts.
 */
const NO_HANDLES: NonNullable<Node['handles']> = [];
const fixed = {
  handles: NO_HANDLES,
  draggable: false,
  selectable: false,
  deletable: false,
  connectable: false,
  focusable: false,
  domAttributes: NO_ROLE_DESCRIPTION,
} as const;

/**
 * A stage or lane header is a place of the keyboard's (navigation.ts): its
 * wrapper is focused (tabindex -1; the canvas makes one place the tab stop)
 * and named after the header.
 */
const header = (navId: string, label: string) =>
  ({
    ...fixed,
    ariaRole: 'group',
    ariaLabel: label,
    domAttributes: { tabIndex: -1, 'data-nav-id': navId } as Node['domAttributes'],
  }) as const;

/** How a header is named for screen readers ("Stage Research"), in the UI language. */
export interface HeaderLabels {
  stage(name: string): string;
  lane(name: string): string;
}
const PLAIN_LABELS: HeaderLabels = { stage: (name) => name, lane: (name) => name };

const EMPTY = {} as Record<string, never>;

export function projectNodes(snapshot: MapSnapshot, layout: GridLayout, labels: HeaderLabels = PLAIN_LABELS): JourneyNode[] {
  const nodes: JourneyNode[] = [];
  const { stages, lanes } = snapshot;
  nodes.push({
    id: 'persona',
    type: 'persona',
    position: { x: 0, y: -(GRID.personaHeight + GRID.personaGap) },
    width: GRID.personaWidth,
    height: GRID.personaHeight,
    data: EMPTY,
    ...fixed,
  });
  stages.forEach((stage, index) => {
    const col = layout.columns[index]!;
    nodes.push({
      id: stageNodeId(stage.id),
      type: 'stage',
      position: { x: col.x, y: 0 },
      width: col.width,
      height: GRID.stageHeaderHeight,
      data: { stageId: stage.id, index, count: stages.length, label: labels.stage(stage.name) },
      ...header(stageNodeId(stage.id), labels.stage(stage.name)),
    });
  });
  lanes.forEach((lane, index) => {
    const row = layout.rows[index]!;
    nodes.push({
      id: laneNodeId(lane.id),
      type: 'lane',
      position: { x: 0, y: row.y },
      width: GRID.laneHeaderWidth,
      height: row.height,
      data: { laneId: lane.id, index, count: lanes.length, label: labels.lane(lane.name) },
      ...header(laneNodeId(lane.id), labels.lane(lane.name)),
    });
    for (const col of layout.columns) {
      nodes.push({
        id: cellNodeId(lane.id, col.stageId),
        type: 'cell',
        position: { x: col.x, y: row.y },
        width: col.width,
        height: row.height,
        zIndex: -1,
        data: {
          laneId: lane.id,
          stageId: col.stageId,
          laneKind: lane.kind,
          cardCount: layout.cells.get(cellKey(lane.id, col.stageId))?.length ?? 0,
        },
        ...fixed,
      });
    }
    if (isCurveLane(lane) && layout.columns.length > 0) {
      nodes.push({
        id: `curve:${lane.id}`,
        type: 'curve',
        position: { x: layout.columns[0]!.x, y: row.y },
        width: layout.columns.length * GRID.columnWidth,
        height: row.height,
        data: { laneId: lane.id },
        ...fixed,
      });
    }
  });
  if (layout.visibilityLineY !== null) {
    nodes.push({
      id: 'visibility',
      type: 'visibility',
      position: { x: 0, y: layout.visibilityLineY - 12 },
      width: layout.width,
      height: 24,
      zIndex: 1,
      data: EMPTY,
      ...fixed,
    });
  }
  const laneKindById = new Map(lanes.map((l) => [l.id, l.kind]));
  for (const [cardId, position] of layout.cardPositions) {
    nodes.push({
      id: cardId,
      type: 'card',
      position,
      width: GRID.cardWidth,
      height: GRID.cardHeight,
      data: { cardId, laneKind: laneKindById.get(snapshot.cardById.get(cardId)!.laneId)! },
      handles: NO_HANDLES,
      deletable: true,
      connectable: false,
      focusable: false,
      domAttributes: NO_ROLE_DESCRIPTION,
    });
  }
  nodes.push({
    id: 'add:stage',
    type: 'add',
    position: { x: layout.width + 16, y: (GRID.stageHeaderHeight - GRID.addButtonSize) / 2 },
    width: GRID.addButtonSize,
    height: GRID.addButtonSize,
    data: { what: 'stage' },
    ...fixed,
  });
  nodes.push({
    id: 'add:lane',
    type: 'add',
    position: { x: (GRID.laneHeaderWidth - GRID.addButtonSize) / 2, y: layout.height + 16 },
    width: GRID.addButtonSize,
    height: GRID.addButtonSize,
    data: { what: 'lane' },
    ...fixed,
  });
  return nodes;
}

function sameNode(a: JourneyNode, b: JourneyNode): boolean {
  if (a.type !== b.type || a.position.x !== b.position.x || a.position.y !== b.position.y) return false;
  if (a.width !== b.width || a.height !== b.height) return false;
  const da = a.data as Record<string, unknown>;
  const db = b.data as Record<string, unknown>;
  const keys = Object.keys(da);
  return keys.length === Object.keys(db).length && keys.every((k) => da[k] === db[k]);
}

/** Keeps node identity stable across projections: an id-keyed cache. */
export function createNodeCache() {
  let cache = new Map<string, JourneyNode>();
  return (next: JourneyNode[]): JourneyNode[] => {
    const fresh = new Map<string, JourneyNode>();
    const out = next.map((node) => {
      const old = cache.get(node.id);
      const kept = old && sameNode(old, node) ? old : node;
      fresh.set(node.id, kept);
      return kept;
    });
    cache = fresh;
    return out;
  };
}

export { layoutGrid };
