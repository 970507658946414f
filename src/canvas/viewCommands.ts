/**
 * What the zoom control does, as plain functions over React Flow's instance,
 * so the keyboard's actions table (Shift+1 fit, Shift+0 100%, + and −) and
 * the control do the same thing.
 */
import { useMemo } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import { MAX_ZOOM, MIN_ZOOM, FIT_MARGIN, clampZoom, steppedZoom } from './viewport';

export interface ViewCommands {
  fit(): void;
  zoomTo(zoom: number): void;
  zoomIn(): void;
  zoomOut(): void;
}

const DURATION = 160;

export function useViewCommands(): ViewCommands {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useMemo(() => {
    const zoomTo = (zoom: number) => void flow.zoomTo(clampZoom(zoom), { duration: DURATION });
    return {
      // The viewport for every node's declared size, set at once. React Flow's own fitView waits
      // until every node is measured, and only the nodes on screen are ever mounted (projection.ts).
      fit: () => {
        const { width, height } = store.getState();
        const bounds = flow.getNodesBounds(flow.getNodes());
        // The open mini map docks under the canvas (ViewBar.tsx): nothing to keep clear of but the edges.
        const viewport = getViewportForBounds(bounds, width, height, MIN_ZOOM, Math.min(1, MAX_ZOOM), `${FIT_MARGIN}px`);
        void flow.setViewport(viewport, { duration: DURATION });
      },
      zoomTo,
      zoomIn: () => zoomTo(steppedZoom(flow.getZoom(), 1)),
      zoomOut: () => zoomTo(steppedZoom(flow.getZoom(), -1)),
    };
  }, [flow, store]);
}
