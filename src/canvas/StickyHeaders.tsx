/**
 * Frozen panes, as in a spreadsheet: the stage row stays at the top and the
 * lane column at the left while the map is panned. The headers are drawn in
 * layers outside React Flow's viewport: the stage row follows the viewport's
 * x (and its y only until it reaches the top), the lane column its y (and x
 * until it reaches the left). React Flow keeps empty header nodes in the grid
 * (nodeTypes.ts) for the geometry; culling (onlyRenderVisibleElements) would
 * otherwise unmount a header as soon as its place scrolls off screen.
 *
 * The layers move by writing their transform on each viewport change, with
 * no React render, so panning costs the same as without sticky headers.
 *
 * Where the two meet, as in a spreadsheet's frozen panes, the corner cell
 * covers both: stage headers slide under it to the left, lane headers up.
 * A lane is taller than a spreadsheet's row, though, so its title does not
 * go under with it: it stays just below the stage row while the rest of its
 * lane is on screen (one custom property per frame, --pinned-top, read by
 * each lane header's CSS), and leaves with the lane's last LANE_TITLE_ROOM px.
 */
import { memo, useEffect, useMemo, useRef, type CSSProperties, type WheelEvent } from 'react';
import { useStoreApi, type NodeProps } from '@xyflow/react';
import { GRID, type GridLayout } from './layout';
import { LaneNode } from './nodes/LaneNode';
import { StageNode } from './nodes/StageNode';
import type { LaneNode as LaneNodeType, StageNode as StageNodeType } from './projection';
import { stickyOffsets } from './viewport';

const StageHeader = memo(function StageHeader({ stageId, index, count, x }: { stageId: string; index: number; count: number; x: number }) {
  const data = useMemo(() => ({ stageId, index, count }), [stageId, index, count]);
  return (
    <div className="sticky-header" style={{ left: x, top: 0, width: GRID.columnWidth, height: GRID.stageHeaderHeight }}>
      <StageNode {...({ id: `stage:${stageId}`, data } as NodeProps<StageNodeType>)} />
    </div>
  );
});

/** A lane title's line and the header's padding: the last of its lane a pinned title rides down to. */
const LANE_TITLE_ROOM = 40;

const LaneHeader = memo(function LaneHeader({
  laneId,
  index,
  count,
  y,
  height,
}: {
  laneId: string;
  index: number;
  count: number;
  y: number;
  height: number;
}) {
  const data = useMemo(() => ({ laneId, index, count }), [laneId, index, count]);
  return (
    <div
      className="sticky-header"
      style={
        {
          left: 0,
          top: y,
          width: GRID.laneHeaderWidth,
          height,
          '--lane-top': `${y}px`,
          '--lane-slide-max': `${Math.max(0, height - LANE_TITLE_ROOM)}px`,
        } as CSSProperties
      }
    >
      <LaneNode {...({ id: `lane:${laneId}`, data } as NodeProps<LaneNodeType>)} />
    </div>
  );
});

function StickyHeadersView({ layout }: { layout: GridLayout }) {
  const store = useStoreApi();
  const stageRow = useRef<HTMLDivElement>(null);
  const laneColumn = useRef<HTMLDivElement>(null);
  const corner = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const place = ([x, y, zoom]: [number, number, number]) => {
      const { stageRowY, laneColumnX } = stickyOffsets({ x, y, zoom });
      if (stageRow.current) stageRow.current.style.transform = `translate(${x}px,${stageRowY}px) scale(${zoom})`;
      if (laneColumn.current) {
        laneColumn.current.style.transform = `translate(${laneColumnX}px,${y}px) scale(${zoom})`;
        // The stage row's lower edge in the lane layer's own (flow) units: where a pinned lane title sits.
        laneColumn.current.style.setProperty('--pinned-top', `${(stageRowY - y) / zoom + GRID.stageHeaderHeight}px`);
      }
      if (corner.current) {
        corner.current.style.transform = `translate(${laneColumnX}px,${stageRowY}px) scale(${zoom})`;
        // Only a frozen pane needs the corner that hides what slides under both.
        corner.current.classList.toggle('is-stuck', x < 0 || y < 0);
      }
    };
    place(store.getState().transform);
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform) place(s.transform);
    });
  }, [store]);

  // The layers sit above React Flow's pane: hand the wheel on to it, so panning and zooming work over a header too.
  const forwardWheel = (e: WheelEvent) => {
    const pane = stageRow.current?.closest('.react-flow')?.querySelector('.react-flow__renderer');
    if (!pane || (e.target as HTMLElement).closest('select, input, textarea')) return;
    pane.dispatchEvent(new globalThis.WheelEvent('wheel', e.nativeEvent));
  };

  return (
    <div className="sticky-headers" onWheel={forwardWheel}>
      <div ref={laneColumn} className="sticky-layer sticky-lanes">
        {layout.rows.map((row, index) => (
          <LaneHeader key={row.laneId} laneId={row.laneId} index={index} count={layout.rows.length} y={row.y} height={row.height} />
        ))}
      </div>
      <div ref={stageRow} className="sticky-layer sticky-stages">
        {layout.columns.map((col, index) => (
          <StageHeader key={col.stageId} stageId={col.stageId} index={index} count={layout.columns.length} x={col.x} />
        ))}
      </div>
      <div ref={corner} className="sticky-layer sticky-corner" style={{ width: GRID.laneHeaderWidth, height: GRID.stageHeaderHeight }} />
    </div>
  );
}

export const StickyHeaders = memo(StickyHeadersView);
