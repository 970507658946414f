/**
 * What the zoom control does, as plain functions over React Flow's instance,
 * so the keyboard's actions table (Shift+1 fit, Shift+0 100%, + and −) and
 * the control do the same thing.
 */
import { useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
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
  return useMemo(() => {
    const zoomTo = (zoom: number) => void flow.zoomTo(clampZoom(zoom), { duration: DURATION });
    return {
      fit: () =>
        void flow.fitView({
          // The open mini map docks under the canvas (ViewBar.tsx): nothing to keep clear of but the edges.
          padding: `${FIT_MARGIN}px`,
          minZoom: MIN_ZOOM,
          maxZoom: Math.min(1, MAX_ZOOM),
          duration: DURATION,
        }),
      zoomTo,
      zoomIn: () => zoomTo(steppedZoom(flow.getZoom(), 1)),
      zoomOut: () => zoomTo(steppedZoom(flow.getZoom(), -1)),
    };
  }, [flow]);
}
