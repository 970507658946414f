/** Which part of the map an image export covers: the whole map, the selected cards' block, or what is on screen. */
import type { Viewport } from '@xyflow/react';
import type { GridLayout } from '../canvas/layout';
import type { MapSnapshot } from '../model/live';
import { fullSpan, selectionSpan, type GridSpan, type Rect } from './plan';

export type Scope = 'map' | 'selection' | 'view';

/** The flow rectangle a React Flow pane of `size` shows at `viewport`. */
export function visibleFlowRect(viewport: Viewport, size: { width: number; height: number }): Rect {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: size.width / viewport.zoom,
    height: size.height / viewport.zoom,
  };
}

/** The grid block of a scope; for the view, every stage and lane at least partly on screen. */
export function spanOfScope(
  scope: Scope,
  layout: GridLayout,
  snapshot: MapSnapshot,
  selectedIds: ReadonlySet<string>,
  view: Rect,
): GridSpan | null {
  const hasPersona = snapshot.personas.length > 0;
  if (scope === 'map') return fullSpan(layout, hasPersona);
  if (scope === 'selection') {
    const cards = [...selectedIds].map((id) => snapshot.cardById.get(id)).filter((c) => c !== undefined);
    return selectionSpan(layout, cards);
  }
  const stages = layout.columns.flatMap((c, i) => (c.x < view.x + view.width && view.x < c.x + c.width ? [i] : []));
  const lanes = layout.rows.flatMap((r, i) => (r.y < view.y + view.height && view.y < r.y + r.height ? [i] : []));
  if (!stages.length || !lanes.length) return null;
  return { firstStage: stages[0]!, lastStage: stages.at(-1)!, firstLane: lanes[0]!, lastLane: lanes.at(-1)!, persona: false };
}
