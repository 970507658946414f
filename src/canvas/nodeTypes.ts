/** The node components by type, for the live canvas. */
import type { NodeTypes } from '@xyflow/react';
import { AddNode } from './nodes/AddNode';
import { CellNode } from './nodes/CellNode';
import { CurveNode } from './nodes/CurveNode';
import { PersonaNode } from './nodes/PersonaNode';
import { VisibilityNode } from './nodes/VisibilityNode';
import { CardWithLevelOfDetail } from './levelOfDetail';

/**
 * Stage and lane headers are drawn by StickyHeaders, outside the viewport, so
 * they stay on screen while panning; their nodes only keep their place in the grid.
 */
const HeaderPlace = () => null;

export const nodeTypes = {
  card: CardWithLevelOfDetail,
  stage: HeaderPlace,
  lane: HeaderPlace,
  cell: CellNode,
  add: AddNode,
  curve: CurveNode,
  persona: PersonaNode,
  visibility: VisibilityNode,
} satisfies NodeTypes;
