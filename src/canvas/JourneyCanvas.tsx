/**
 * The journey grid on a React Flow canvas. Nodes come from the projection of
 * the live map; React Flow's own state (selection, drag position, measured
 * size) is kept locally and reconciled with each new projection. A card drop
 * becomes one moveCard command: the document is written once, on drop.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ReactFlow,
  applyNodeChanges,
  type Node,
  type NodeChange,
  type OnNodeDrag,
  useReactFlow,
  useStoreApi,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { deleteCard, duplicateCard, moveCards } from '../model/commands/cards';
import { useCanEdit, useSession } from '../state/session';
import { tryCommand } from '../state/tryCommand';
import { cellAt, cellKey, dropIndex, isCurveLane, layoutGrid, GRID } from './layout';
import { neighbourCard, type Direction } from './navigation';
import { RemoteCursors } from './RemoteCursors';
import { usePresenceSync } from './usePresenceSync';
import { usePresence } from '../sync/presence';
import { useOpenMap, useSnapshot } from '../state/mapContext';
import { createNodeCache, projectNodes, type JourneyNode } from './projection';
import { nodeTypes } from './nodeTypes';
import { LevelOfDetailWatcher } from './levelOfDetail';
import { StickyHeaders } from './StickyHeaders';
import { ViewBar } from './ViewBar';
import { MAX_ZOOM, MIN_ZOOM, initialViewport } from './viewport';

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/**
 * Keep React Flow's local fields (selected, dragging, measured) across
 * projections. A node the projection did not change keeps its local object
 * as it is: handing React Flow a new object for every node on every edit
 * would make it re-measure and re-render all of them (hundreds of ms on a
 * 600-card map).
 */
function reconcile(
  local: JourneyNode[],
  projected: JourneyNode[],
  previous: ReadonlyMap<string, JourneyNode>,
  remoteDrags: ReadonlyMap<string, { x: number; y: number }>,
): JourneyNode[] {
  const byId = new Map(local.map((n) => [n.id, n]));
  return projected.map((p) => {
    const l = byId.get(p.id);
    if (!l) return p;
    if (l.dragging) return { ...p, position: l.position, selected: l.selected, measured: l.measured, dragging: true } as JourneyNode;
    // Someone else is dragging it: follow their pointer until they drop it.
    const remote = remoteDrags.get(p.id);
    if (remote)
      return { ...p, position: remote, selected: l.selected, measured: l.measured, className: 'is-remote-dragging' } as JourneyNode;
    const unchanged = previous.get(p.id) === p && l.position.x === p.position.x && l.position.y === p.position.y;
    if (unchanged) return l;
    return { ...p, selected: l.selected, measured: l.measured } as JourneyNode;
  });
}

const cardCenterTop = (node: Node) => ({ x: node.position.x + GRID.cardWidth / 2, y: node.position.y + GRID.cardHeight / 2 });

export function JourneyCanvas() {
  const { doc, presence } = useOpenMap();
  const snapshot = useSnapshot();
  const layout = useMemo(
    () => layoutGrid(snapshot.stages, snapshot.lanes, snapshot.cards),
    [snapshot.stages, snapshot.lanes, snapshot.cards],
  );
  const nodeCache = useRef(createNodeCache());
  const remoteDrags = usePresence((s) => s.remoteDrags);
  usePresenceSync();
  const projected = useMemo(() => nodeCache.current(projectNodes(snapshot, layout)), [snapshot, layout]);
  const [nodes, setNodes] = useState<JourneyNode[]>(projected);
  const setSelection = useSession((s) => s.setSelection);
  const setDropTarget = useSession((s) => s.setDropTarget);
  const startEditing = useSession((s) => s.startEditing);
  const requestSelection = useSession((s) => s.requestSelection);
  const canEdit = useCanEdit();
  const selectionRequest = useSession((s) => s.selectionRequest);
  const flow = useReactFlow<JourneyNode>();
  const store = useStoreApi<JourneyNode>();
  /** card ids a selection request put into React Flow, so its echo does not override the request */
  const appliedRequest = useRef<string | null>(null);

  // Bumped on every drop so a drop that changes nothing in the document (a
  // card let go outside the grid) still snaps back to its projected place.
  const [dropCount, setDropCount] = useState(0);
  const previousProjection = useRef<ReadonlyMap<string, JourneyNode>>(new Map());
  useEffect(() => {
    const previous = previousProjection.current;
    previousProjection.current = new Map(projected.map((n) => [n.id, n]));
    setNodes((local) => reconcile(local, projected, previous, remoteDrags));
  }, [projected, dropCount, remoteDrags]);

  const onNodesChange = useCallback((changes: NodeChange<JourneyNode>[]) => {
    // Removal goes through the document (onNodesDelete), never local state.
    const local = changes.filter((c) => c.type !== 'remove');
    if (local.length) setNodes((nds) => applyNodeChanges(local, nds));
  }, []);

  const onSelectionChange = useCallback(
    ({ nodes: selected }: { nodes: Node[] }) => {
      const ids = selected.filter((n) => n.type === 'card').map((n) => n.id);
      // The echo of a requested selection: the session already holds it, with
      // any emotion points (which are not nodes) included.
      if (appliedRequest.current !== null && appliedRequest.current === [...ids].sort().join(' ')) {
        appliedRequest.current = null;
        return;
      }
      appliedRequest.current = null;
      setSelection(ids);
    },
    [setSelection],
  );

  /** Pan (keeping the zoom) so a card or an emotion point is on screen. */
  const reveal = useCallback(
    (id: string) => {
      const card = snapshot.cardById.get(id);
      const col = layout.columns.find((c) => c.stageId === card?.stageId);
      const row = layout.rows.find((r) => r.laneId === card?.laneId);
      if (!card || !col || !row) return;
      const pos = layout.cardPositions.get(id);
      const target = pos
        ? { x: pos.x + GRID.cardWidth / 2, y: pos.y + GRID.cardHeight / 2 }
        : { x: col.x + col.width / 2, y: row.y + row.height / 2 };
      const { width, height } = store.getState();
      const { x, y, zoom } = flow.getViewport();
      const sx = target.x * zoom + x;
      const sy = target.y * zoom + y;
      const margin = 80;
      if (sx < margin || sy < margin || sx > width - margin || sy > height - margin) {
        void flow.setCenter(target.x, target.y, { zoom: Math.max(zoom, 0.6) });
      }
    },
    [snapshot.cardById, layout, flow, store],
  );

  // Selections asked for from outside React Flow (matrix, lists, arrow keys).
  useEffect(() => {
    if (!selectionRequest) return;
    const wanted = new Set(selectionRequest.ids);
    appliedRequest.current = [...selectionRequest.ids.filter((id) => layout.cardPositions.has(id))].sort().join(' ');
    setNodes((local) =>
      local.map((n) =>
        n.type === 'card' && !!n.selected !== wanted.has(n.id) ? ({ ...n, selected: wanted.has(n.id) } as JourneyNode) : n,
      ),
    );
    if (selectionRequest.reveal && selectionRequest.ids[0]) reveal(selectionRequest.ids[0]);
    // Only a new request re-applies; layout changes must not re-select.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectionRequest]);

  const onNodeDrag: OnNodeDrag = useCallback(
    (_e, node, dragged) => {
      const cell = cellAt(layout, cardCenterTop(node));
      setDropTarget(cell ? cellKey(cell.laneId, cell.stageId) : null);
      // Others see the cards move while they are dragged (awareness, not the document).
      presence.setDrag(Object.fromEntries(dragged.filter((n) => n.type === 'card').map((n) => [n.id, n.position])));
    },
    [layout, setDropTarget, presence],
  );

  const onNodeDragStop: OnNodeDrag = useCallback(
    (_e, node, dragged) => {
      setDropTarget(null);
      presence.setDrag(null);
      // Multi-selection drags move every card into the target cell, in order.
      const cards = dragged.filter((n) => n.type === 'card').sort((a, b) => a.position.y - b.position.y);
      const anchor = cards.find((n) => n.id === node.id) ?? node;
      const cell = cellAt(layout, cardCenterTop(anchor));
      if (cell && canEdit) {
        const ids = cards.map((n) => n.id);
        tryCommand(() => moveCards(doc, ids, { ...cell, index: dropIndex(layout, cell, anchor.position.y, ids) }));
      }
      // Snap into place on the next projection, which already includes the
      // move: reconciling with this closure's projection would flash the old place.
      setNodes((local) => local.map((n) => (n.dragging ? { ...n, dragging: false } : n)));
      setDropCount((c) => c + 1);
    },
    [doc, layout, setDropTarget, presence, canEdit],
  );

  const onNodesDelete = useCallback(
    (deleted: Node[]) => {
      // deleteKeyCode is off when editing is not allowed; this is the rule itself, not only its key binding.
      if (!canEdit) return;
      for (const n of deleted) if (n.type === 'card') deleteCard(doc, n.id);
    },
    [doc, canEdit],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select, [role="slider"]')) return;
      const { selectedIds, editingCardId } = useSession.getState();
      if (editingCardId || selectedIds.size === 0) return;
      const [first] = selectedIds;
      const direction = ARROWS[e.key];
      if (e.key === 'Escape') {
        e.preventDefault();
        requestSelection([]);
      } else if (direction && first && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        const curveLanes = new Set(snapshot.lanes.filter(isCurveLane).map((l) => l.id));
        const next = neighbourCard(layout, curveLanes, first, direction);
        if (next) requestSelection([next], true);
      } else if (!canEdit) {
        // The buttons' rule (a viewer, a commenter, a saved version on preview): moving around is all the keyboard does.
        return;
      } else if (e.key === 'Enter' && selectedIds.size === 1 && first && layout.cardPositions.has(first)) {
        e.preventDefault();
        startEditing(first);
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd') {
        e.preventDefault();
        tryCommand(() => {
          for (const id of selectedIds) duplicateCard(doc, id);
        });
      }
    },
    [doc, startEditing, requestSelection, layout, snapshot.lanes, canEdit],
  );

  return (
    <div
      className="canvas"
      onKeyDown={onKeyDown}
      data-testid="canvas"
      onPointerMove={(e) => presence.setCursor(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }))}
      onPointerLeave={() => presence.setCursor(null)}
    >
      <ReactFlow<JourneyNode>
        nodes={nodes}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onSelectionChange={onSelectionChange}
        onNodeDrag={onNodeDrag}
        onMoveStart={(event) => {
          // Panning or zooming yourself ends following someone.
          if (event && usePresence.getState().following !== null) usePresence.getState().setFollowing(null);
        }}
        onNodeDragStop={onNodeDragStop}
        onNodesDelete={onNodesDelete}
        deleteKeyCode={canEdit ? ['Delete', 'Backspace'] : null}
        nodesDraggable={canEdit}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionOnDrag={false}
        panOnScroll
        zoomOnDoubleClick={false}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        defaultViewport={initialViewport()}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
        <RemoteCursors />
        <StickyHeaders layout={layout} />
        <LevelOfDetailWatcher />
      </ReactFlow>
      <ViewBar layout={layout} />
    </div>
  );
}
