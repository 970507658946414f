/** The node components by type: the live canvas and the exports draw with the same ones. */
import type { NodeTypes } from '@xyflow/react';
import { AddNode } from './nodes/AddNode';
import { CardNode } from './nodes/CardNode';
import { CellNode } from './nodes/CellNode';
import { CurveNode } from './nodes/CurveNode';
import { LaneNode } from './nodes/LaneNode';
import { PersonaNode } from './nodes/PersonaNode';
import { StageNode } from './nodes/StageNode';
import { VisibilityNode } from './nodes/VisibilityNode';

export const nodeTypes = {
  card: CardNode,
  stage: StageNode,
  lane: LaneNode,
  cell: CellNode,
  add: AddNode,
  curve: CurveNode,
  persona: PersonaNode,
  visibility: VisibilityNode,
} satisfies NodeTypes;
