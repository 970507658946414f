/**
 * A window onto part of the map, drawn with the canvas's own node components
 * but without React Flow: nodes are placed from the pure layout, and only the
 * ones inside the window (and inside the tile being captured) are mounted,
 * so a large map is never in the DOM all at once.
 */
import { memo, type ComponentType } from 'react';
import type { NodeProps } from '@xyflow/react';
import { nodeTypes } from '../../canvas/nodeTypes';
import type { JourneyNode } from '../../canvas/projection';
import { intersection, intersects, type Placement, type Rect } from '../plan';

const nodeRect = (n: JourneyNode): Rect => ({ x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 });

const StaticNode = memo(function StaticNode({ node }: { node: JourneyNode }) {
  const Component = nodeTypes[node.type] as ComponentType<NodeProps>;
  const { x, y } = node.position;
  const props = {
    id: node.id,
    type: node.type,
    data: node.data,
    selected: false,
    dragging: false,
    draggable: false,
    selectable: false,
    deletable: false,
    isConnectable: false,
    zIndex: node.zIndex ?? 0,
    positionAbsoluteX: x,
    positionAbsoluteY: y,
    width: node.width,
    height: node.height,
  } as NodeProps;
  return (
    // The class names React Flow gives its node wrappers, so the canvas's styles apply unchanged.
    <div
      className={`react-flow__node react-flow__node-${node.type}`}
      style={{
        position: 'absolute',
        transform: `translate(${x}px, ${y}px)`,
        width: node.width,
        height: node.height,
        zIndex: node.zIndex ?? 0,
      }}
    >
      <Component {...props} />
    </div>
  );
});

export function MapWindow({ nodes, placement, visible }: { nodes: readonly JourneyNode[]; placement: Placement; visible: Rect | null }) {
  const { sheet, flow } = placement;
  const shown = visible ? intersection(sheet, visible) : sheet;
  if (!shown) return null;
  const flowShown: Rect = { x: flow.x + shown.x - sheet.x, y: flow.y + shown.y - sheet.y, width: shown.width, height: shown.height };
  return (
    <div className="export-window" style={{ left: sheet.x, top: sheet.y, width: sheet.width, height: sheet.height }}>
      <div style={{ position: 'absolute', left: -flow.x, top: -flow.y }}>
        {nodes
          .filter((n) => n.type !== 'add' && intersects(nodeRect(n), flowShown))
          .map((n) => (
            <StaticNode key={n.id} node={n} />
          ))}
      </div>
    </div>
  );
}
