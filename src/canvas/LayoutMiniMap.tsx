/**
 * The mini map, drawn from the grid layout (layout.ts) rather than React
 * Flow's <MiniMap>, which subscribes to every node and redraws on each
 * change of any of them (≈15 % of the main thread on the 600-card map).
 * Here all cards are one SVG path, redrawn only when the layout changes; the
 * view rectangle follows the viewport by writing one attribute per frame,
 * without React. Pressing or dragging on it moves the view there.
 */
import { memo, useEffect, useMemo, useRef, type PointerEvent } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { GRID, type GridLayout } from './layout';

export const MINI_MAP_SIZE = { width: 240, height: 140 } as const;

/** The drawn area in flow coordinates: the persona above the grid, the grid, its "add" buttons. */
export function mapBounds(layout: GridLayout) {
  const top = -(GRID.personaHeight + GRID.personaGap);
  const width = Math.max(layout.width + 16 + GRID.addButtonSize, GRID.personaWidth);
  return { x: 0, y: top, width, height: layout.height + 16 + GRID.addButtonSize - top };
}

/** Every card as one path: one DOM node for 600 cards. */
function cardsPath(layout: GridLayout): string {
  let d = '';
  for (const { x, y } of layout.cardPositions.values()) d += `M${x} ${y}h${GRID.cardWidth}v${GRID.cardHeight}h${-GRID.cardWidth}z`;
  return d;
}

function LayoutMiniMapView({ layout, id, label }: { layout: GridLayout; id: string; label: string }) {
  const store = useStoreApi();
  const flow = useReactFlow();
  const svg = useRef<SVGSVGElement>(null);
  const view = useRef<SVGRectElement>(null);
  const bounds = useMemo(() => mapBounds(layout), [layout]);
  const cards = useMemo(() => cardsPath(layout), [layout]);
  // Stroke widths are in flow units: keep them about one screen pixel at any map size.
  const px = Math.max(bounds.width / MINI_MAP_SIZE.width, bounds.height / MINI_MAP_SIZE.height);

  useEffect(() => {
    const draw = () => {
      const { transform, width, height } = store.getState();
      const [x, y, zoom] = transform;
      const rect = view.current;
      if (!rect) return;
      rect.setAttribute('x', String(-x / zoom));
      rect.setAttribute('y', String(-y / zoom));
      rect.setAttribute('width', String(width / zoom));
      rect.setAttribute('height', String(height / zoom));
    };
    draw();
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) draw();
    });
  }, [store]);

  const moveTo = (e: PointerEvent<SVGSVGElement>) => {
    const matrix = svg.current?.getScreenCTM();
    if (!matrix) return;
    const point = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse());
    void flow.setCenter(point.x, point.y, { zoom: flow.getZoom() });
  };

  return (
    <div className="mini-map" id={id} data-testid="mini-map">
      <svg
        ref={svg}
        role="img"
        aria-label={label}
        width={MINI_MAP_SIZE.width}
        height={MINI_MAP_SIZE.height}
        viewBox={`${bounds.x} ${bounds.y} ${bounds.width} ${bounds.height}`}
        preserveAspectRatio="xMidYMid meet"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
        }}
      >
        <rect className="mini-map-persona" x={0} y={bounds.y} width={GRID.personaWidth} height={GRID.personaHeight} />
        {layout.columns.map((c) => (
          <rect key={c.stageId} className="mini-map-stage" x={c.x} y={0} width={c.width - px * 2} height={GRID.stageHeaderHeight} />
        ))}
        {layout.rows.map((r) => (
          <rect key={r.laneId} className="mini-map-lane" x={0} y={r.y} width={layout.width} height={r.height - px} />
        ))}
        <path className="mini-map-cards" d={cards} />
        <rect ref={view} className="mini-map-view" strokeWidth={px * 2} />
      </svg>
    </div>
  );
}

export const LayoutMiniMap = memo(LayoutMiniMapView);
