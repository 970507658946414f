/**
 * The journey grid on a React Flow canvas. Nodes come from the projection of
 * the live map; React Flow's own state (drag position, measured size) is kept
 * locally and reconciled with each new projection. Selection is the
 * session's (state/session.ts): React Flow's `selected` flags are derived
 * from it, and its select changes are written back to it. A card drop
 * becomes one moveCard command: the document is written once, on drop.
 *
 * The keyboard: the canvas is one stop in the page's Tab order and hands
 * focus to its place (navigation.ts: a card, a header, an empty cell); the
 * actions table (src/actions) does the rest.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
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
import { useTranslation } from '../i18n/useTranslation';
import { moveCards } from '../model/commands/cards';
import { useCanEdit, useSession } from '../state/session';
import { tryCommand } from '../state/tryCommand';
import { useActionKeys, useRegisterCanvas } from '../actions/ActionsProvider';
import { ContextMenu, type ContextMenuState } from '../actions/ContextMenu';
import type { CanvasControls } from '../actions/types';
import '../actions/actions.css';
import { cellAt, cellKey, dropIndex, isCurveLane, layoutGrid, GRID } from './layout';
import { cardOfPlace, cellOf, locate, tabStop, type NavGrid } from './navigation';
import { emotionPoints } from '../model/journey';
import { RemoteCursors } from './RemoteCursors';
import { usePresenceSync } from './usePresenceSync';
import { usePresence } from '../sync/presence';
import { useOpenMap, useSnapshot } from '../state/mapContext';
import { useShownSnapshot } from '../state/useShownSnapshot';
import { indexAmongAll } from '../model/cardState';
import { rememberedStateView } from '../state/stateViewPreference';
import { createNodeCache, projectNodes, stageNodeId, laneNodeId, cellNodeId, type HeaderLabels, type JourneyNode } from './projection';
import { nodeTypes } from './nodeTypes';
import { LevelOfDetailWatcher } from './levelOfDetail';
import { StickyHeaders } from './StickyHeaders';
import { ViewBar } from './ViewBar';
import { MAX_ZOOM, MIN_ZOOM, initialViewport, rememberViewport } from './viewport';
import { userActedSince } from '../ui/userActedSince';

/**
 * Keep React Flow's local fields (dragging, measured) across projections,
 * and take `selected` from the session's selection. A node the projection
 * did not change keeps its local object as it is: handing React Flow a new
 * object for every node on every edit would make it re-measure and
 * re-render all of them (hundreds of ms on a 600-card map).
 */
function reconcile(
  local: JourneyNode[],
  projected: JourneyNode[],
  previous: ReadonlyMap<string, JourneyNode>,
  remoteDrags: ReadonlyMap<string, { x: number; y: number }>,
  selectedIds: ReadonlySet<string>,
): JourneyNode[] {
  const byId = new Map(local.map((n) => [n.id, n]));
  return projected.map((p) => {
    const selected = p.type === 'card' ? selectedIds.has(p.id) : undefined;
    const l = byId.get(p.id);
    if (!l) return selected ? ({ ...p, selected } as JourneyNode) : p;
    if (l.dragging) return { ...p, position: l.position, selected, measured: l.measured, dragging: true } as JourneyNode;
    // Someone else is dragging it: follow their pointer until they drop it.
    const remote = remoteDrags.get(p.id);
    if (remote) return { ...p, position: remote, selected, measured: l.measured, className: 'is-remote-dragging' } as JourneyNode;
    const unchanged = previous.get(p.id) === p && l.position.x === p.position.x && l.position.y === p.position.y;
    if (unchanged && !!l.selected === !!selected) return l;
    return { ...p, selected, measured: l.measured } as JourneyNode;
  });
}

/** The selection as React Flow's flags: only the cards whose flag differs get a new object. */
function withSelection(local: JourneyNode[], selectedIds: ReadonlySet<string>): JourneyNode[] {
  let changed = false;
  const next = local.map((n) => {
    if (n.type !== 'card' || !!n.selected === selectedIds.has(n.id)) return n;
    changed = true;
    return { ...n, selected: selectedIds.has(n.id) } as JourneyNode;
  });
  return changed ? next : local;
}

/** The tab stop, when it is a header or an add button (whose element is React Flow's wrapper or ours): tabindex 0. */
function withTabStop(nodes: JourneyNode[], tabStopId: string | null): JourneyNode[] {
  const at = tabStopId === null ? -1 : nodes.findIndex((n) => n.id === tabStopId && (n.type === 'stage' || n.type === 'lane'));
  if (at < 0) return nodes;
  const next = nodes.slice();
  const n = next[at]!;
  next[at] = { ...n, domAttributes: { ...n.domAttributes, tabIndex: 0 } } as JourneyNode;
  return next;
}

const cardCenterTop = (node: Node) => ({ x: node.position.x + GRID.cardWidth / 2, y: node.position.y + GRID.cardHeight / 2 });

const navSelector = (navId: string) => `[data-nav-id="${CSS.escape(navId)}"]`;

/**
 * Out of the Tab order for the one focus move the Tab key now being handled makes, and back in as soon as focus has
 * left `from`. Not back on a timer: a busy page runs its timers after the next keys, and the element would still be
 * out of the order then (Shift+Tab back into the map would skip its place).
 */
function stepAsideForThisKey(el: HTMLElement, from: HTMLElement) {
  const tabIndex = el.tabIndex;
  el.tabIndex = -1;
  let stepped = true;
  // Once only: by the time the late timer runs, the tab stop may have moved and React given `el` another tabindex.
  const restore = () => {
    if (!stepped) return;
    stepped = false;
    from.removeEventListener('blur', restore);
    el.tabIndex = tabIndex;
  };
  from.addEventListener('blur', restore);
  // The key moved nothing (another handler took it, or there was nowhere to go): back in once the key is done.
  setTimeout(restore);
}

/** `mapKey` names the map (its id) so the view outlives the canvas: a version's preview, a restore, a visit to the dashboard. */
export function JourneyCanvas({ mapKey }: { mapKey?: string }) {
  const { t } = useTranslation();
  const { doc, presence } = useOpenMap();
  // The cards of the states this user looks at (current, future or both): laid out, walked and dropped among.
  const snapshot = useShownSnapshot();
  const wholeMap = useSnapshot();
  const stateView = useSession((s) => s.stateView);
  useEffect(() => {
    if (mapKey) useSession.getState().setStateView(rememberedStateView(mapKey));
  }, [mapKey]);
  const layout = useMemo(
    () => layoutGrid(snapshot.stages, snapshot.lanes, snapshot.cards),
    [snapshot.stages, snapshot.lanes, snapshot.cards],
  );
  const nodeCache = useRef(createNodeCache());
  const remoteDrags = usePresence((s) => s.remoteDrags);
  usePresenceSync();
  const headerLabels = useMemo<HeaderLabels>(
    () => ({ stage: (name) => t('keyboard.stageHeader', { name }), lane: (name) => t('keyboard.laneHeader', { name }) }),
    [t],
  );
  const projected = useMemo(() => nodeCache.current(projectNodes(snapshot, layout, headerLabels)), [snapshot, layout, headerLabels]);
  const selectedIds = useSession((s) => s.selectedIds);
  const [nodes, setNodes] = useState<JourneyNode[]>(() => reconcile([], projected, new Map(), new Map(), selectedIds));
  const setSelection = useSession((s) => s.setSelection);
  const setNavItem = useSession((s) => s.setNavItem);
  const setTabStop = useSession((s) => s.setTabStop);
  const setDropTarget = useSession((s) => s.setDropTarget);
  const canEdit = useCanEdit();
  const flow = useReactFlow<JourneyNode>();
  const store = useStoreApi<JourneyNode>();
  const container = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<ContextMenuState | null>(null);

  const personaShown = canEdit || snapshot.personas.some((p) => p.id === snapshot.meta?.personaId);
  const grid = useMemo<NavGrid>(() => {
    const curveLaneIds = new Set(snapshot.lanes.filter(isCurveLane).map((l) => l.id));
    const curvePoints = curveLaneIds.size ? emotionPoints(snapshot.stages, snapshot.lanes, snapshot.cards) : [];
    return { layout, curveLaneIds, canAdd: canEdit, persona: personaShown, curvePoints };
  }, [layout, snapshot.stages, snapshot.lanes, snapshot.cards, canEdit, personaShown]);
  const gridRef = useRef(grid);
  useLayoutEffect(() => {
    gridRef.current = grid;
  }, [grid]);
  const navId = useSession((s) => s.navId);
  const tabStopId = useMemo(() => tabStop(grid, navId), [grid, navId]);
  useEffect(() => setTabStop(tabStopId), [tabStopId, setTabStop]);

  // Bumped on every drop so a drop that changes nothing in the document (a
  // card let go outside the grid) still snaps back to its projected place.
  const [dropCount, setDropCount] = useState(0);
  const previousProjection = useRef<ReadonlyMap<string, JourneyNode>>(new Map());
  useEffect(() => {
    const previous = previousProjection.current;
    previousProjection.current = new Map(projected.map((n) => [n.id, n]));
    setNodes((local) => reconcile(local, projected, previous, remoteDrags, useSession.getState().selectedIds));
  }, [projected, dropCount, remoteDrags]);
  useEffect(() => setNodes((local) => withSelection(local, selectedIds)), [selectedIds]);
  const shown = useMemo(() => withTabStop(nodes, tabStopId), [nodes, tabStopId]);

  const onNodesChange = useCallback(
    (changes: NodeChange<JourneyNode>[]) => {
      // React Flow's clicks and drags ask for a selection; the session holds it.
      const select = changes.filter((c) => c.type === 'select');
      if (select.length) {
        const next = new Set([...useSession.getState().selectedIds].filter((id) => layout.cardPositions.has(id)));
        for (const c of select) {
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        setSelection(next);
      }
      // Removal goes through the document (the delete action), never local state.
      const local = changes.filter((c) => c.type !== 'remove' && c.type !== 'select');
      if (local.length) setNodes((nds) => applyNodeChanges(local, nds));
    },
    [layout, setSelection],
  );

  /** Pan (keeping the zoom) so a place of the grid is on screen. */
  const reveal = useCallback(
    (id: string) => {
      const item = locate(gridRef.current, id);
      const card = snapshot.cardById.get(id);
      const col = layout.columns.find((c) => c.stageId === card?.stageId);
      const row = layout.rows.find((r) => r.laneId === card?.laneId);
      const pos = layout.cardPositions.get(id);
      let target: { x: number; y: number } | null = null;
      if (pos) target = { x: pos.x + GRID.cardWidth / 2, y: pos.y + GRID.cardHeight / 2 };
      else if (col && row) target = { x: col.x + col.width / 2, y: row.y + row.height / 2 };
      else if (item?.kind === 'point') {
        const c = layout.columns[item.stage]!;
        const r = layout.rows[item.lane]!;
        target = { x: c.x + c.width / 2, y: r.y + r.height / 2 };
      } else if (item?.kind === 'persona') target = { x: GRID.personaWidth / 2, y: -(GRID.personaGap + GRID.personaHeight / 2) };
      else if (item?.kind === 'stage') target = { x: layout.columns[item.stage]!.x + GRID.columnWidth / 2, y: GRID.stageHeaderHeight / 2 };
      else if (item?.kind === 'lane')
        target = { x: GRID.laneHeaderWidth / 2, y: layout.rows[item.lane]!.y + layout.rows[item.lane]!.height / 2 };
      else if (item?.kind === 'cell') {
        const c = layout.columns[item.stage]!;
        const r = layout.rows[item.lane]!;
        target = { x: c.x + c.width / 2, y: r.y + r.height / 2 };
      } else if (item?.kind === 'addStage') target = { x: layout.width + GRID.addButtonSize, y: GRID.stageHeaderHeight / 2 };
      else if (item?.kind === 'addLane') target = { x: GRID.laneHeaderWidth / 2, y: layout.height + GRID.addButtonSize };
      if (!target) return;
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

  // Cards selected from outside the canvas (matrix, lists) that asked to be shown.
  const revealRequest = useSession((s) => s.revealRequest);
  useEffect(() => {
    if (revealRequest) reveal(revealRequest.id);
    // Only a new request pans; layout changes must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealRequest]);

  /**
   * DOM focus onto a place once it is rendered (React Flow renders only what is in view, so after a pan it comes a frame
   * later), unless the user pressed a key or clicked while it waited.
   */
  const focusWhenRendered = useCallback((id: string, tries = 30, acted = userActedSince()) => {
    const el = container.current?.querySelector<HTMLElement>(navSelector(id));
    if (el) el.focus({ preventScroll: true });
    else if (tries > 0) requestAnimationFrame(() => !acted() && focusWhenRendered(id, tries - 1, acted));
  }, []);

  const focusItem = useCallback(
    (id: string) => {
      setNavItem(id, cardOfPlace(gridRef.current, id));
      reveal(id);
      focusWhenRendered(id);
    },
    [setNavItem, reveal, focusWhenRendered],
  );

  const controls = useMemo<CanvasControls>(
    () => ({
      grid: () => gridRef.current,
      focusItem,
      // Two frames: the command's change is rendered and the grid is the new one by then. A key or a press in
      // between (Esc right after Ctrl+D) is the user's newer wish: the keyboard is not pulled back from it.
      focusAfterChange: (pick) => {
        const acted = userActedSince();
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            if (acted()) return;
            const id = pick(gridRef.current);
            if (id) focusItem(id);
          }),
        );
      },
      focusCanvas: () => container.current?.focus({ preventScroll: true }),
      openContextMenu: (cardId) => {
        const el = container.current?.querySelector<HTMLElement>(navSelector(cardId));
        const box = container.current?.getBoundingClientRect();
        if (!el || !box) return;
        const r = el.getBoundingClientRect();
        setMenu({ cardId, x: r.left - box.left, y: r.bottom - box.top + 4 });
      },
    }),
    [focusItem],
  );
  useRegisterCanvas(controls);
  useActionKeys(container);

  // After an edit or a rename is saved or cancelled, focus goes back to what
  // was edited (it would drop to the page body), or to where it was when the
  // card is gone (an empty new card is dropped).
  const editedCell = useRef<{ laneId: string; stageId: string } | null>(null);
  useEffect(
    () =>
      useSession.subscribe((s, prev) => {
        if (s.editingCardId && s.editingCardId !== prev.editingCardId) editedCell.current = cellOf(gridRef.current, s.editingCardId);
        let ended: string | null = null;
        if (prev.editingCardId && !s.editingCardId) ended = prev.editingCardId;
        else if (prev.renamingId && !s.renamingId) {
          const id = prev.renamingId;
          ended = locate(gridRef.current, stageNodeId(id)) ? stageNodeId(id) : laneNodeId(id);
        }
        if (!ended) return;
        const cell = editedCell.current;
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const active = document.activeElement;
            // Focus went somewhere on purpose (a click elsewhere saved the edit): leave it there.
            if (active && active !== document.body && active !== container.current) return;
            const g = gridRef.current;
            if (locate(g, ended)) return focusItem(ended);
            if (!cell) return;
            const cards = g.layout.cells.get(cellKey(cell.laneId, cell.stageId)) ?? [];
            focusItem(cards.at(-1)?.id ?? cellNodeId(cell.laneId, cell.stageId));
          }),
        );
      }),
    [focusItem],
  );

  const onFocus = useCallback(
    (e: FocusEvent<HTMLDivElement>) => {
      const target = e.target as HTMLElement;
      if (target === e.currentTarget) {
        // Tabbing in hands focus to the canvas's place; coming back from inside (Esc, Shift+Tab) stays on the canvas.
        if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
        const stop = useSession.getState().tabStopId;
        if (stop) focusItem(stop);
        return;
      }
      // A place focused by keyboard is the selection (a click selects through React Flow).
      const id = target.getAttribute('data-nav-id');
      if (id && target.matches(':focus-visible')) setNavItem(id, cardOfPlace(gridRef.current, id));
    },
    [focusItem, setNavItem],
  );

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab') return;
    const canvas = e.currentTarget;
    const from = e.target as HTMLElement;
    // Shift+Tab from a place inside leaves the canvas: the canvas itself (a stop only on the way in) steps aside.
    if (e.shiftKey && from !== canvas) stepAsideForThisKey(canvas, from);
    // Tab from the canvas itself (after Esc) leaves it too: the place inside that is the tab stop steps aside.
    const stop = !e.shiftKey && from === canvas ? canvas.querySelector<HTMLElement>('[data-nav-id][tabindex="0"]') : null;
    if (stop) stepAsideForThisKey(stop, from);
  }, []);

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
        const shownIndex = dropIndex(layout, cell, anchor.position.y, ids);
        const inCell = wholeMap.cards.filter((c) => c.laneId === cell.laneId && c.stageId === cell.stageId && !ids.includes(c.id));
        tryCommand(() => moveCards(doc, ids, { ...cell, index: indexAmongAll(inCell, stateView, shownIndex) }));
      }
      // Snap into place on the next projection, which already includes the
      // move: reconciling with this closure's projection would flash the old place.
      setNodes((local) => local.map((n) => (n.dragging ? { ...n, dragging: false } : n)));
      setDropCount((c) => c + 1);
    },
    [doc, layout, setDropTarget, presence, canEdit, wholeMap.cards, stateView],
  );

  const onNodeContextMenu = useCallback(
    (e: MouseEvent, node: Node) => {
      if (node.type !== 'card' || !container.current) return;
      e.preventDefault();
      if (!useSession.getState().selectedIds.has(node.id)) setNavItem(node.id, node.id);
      const box = container.current.getBoundingClientRect();
      setMenu({ cardId: node.id, x: e.clientX - box.left, y: e.clientY - box.top });
    },
    [setNavItem],
  );

  const menuCard = menu?.cardId;
  const closeMenu = useCallback(
    (returnFocus: boolean) => {
      setMenu(null);
      if (menuCard && returnFocus) focusWhenRendered(menuCard);
    },
    [focusWhenRendered, menuCard],
  );

  return (
    <div
      className="canvas"
      ref={container}
      id="map-canvas"
      tabIndex={0}
      role="region"
      aria-label={t('keyboard.map')}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      data-testid="canvas"
      onPointerMove={(e) => presence.setCursor(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }))}
      onPointerLeave={() => presence.setCursor(null)}
    >
      <ReactFlow<JourneyNode>
        nodes={shown}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDrag={onNodeDrag}
        onMoveStart={(event) => {
          // Panning or zooming yourself ends following someone.
          if (event && usePresence.getState().following !== null) usePresence.getState().setFollowing(null);
        }}
        onNodeDragStop={onNodeDragStop}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={() => setSelection([])}
        // Deleting, like every key, goes through the actions table (src/actions).
        deleteKeyCode={null}
        disableKeyboardA11y
        nodesDraggable={canEdit}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionOnDrag={false}
        panOnScroll
        zoomOnDoubleClick={false}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        defaultViewport={initialViewport(mapKey)}
        onMoveEnd={(_event, viewport) => mapKey && rememberViewport(mapKey, viewport)}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
        <RemoteCursors />
        <StickyHeaders layout={layout} />
        <LevelOfDetailWatcher />
      </ReactFlow>
      {menu && <ContextMenu menu={menu} onClose={closeMenu} />}
      <ViewBar layout={layout} mapKey={mapKey} />
    </div>
  );
}
