/**
 * The canvas's view: where a map opens, the zoom levels offered, and how a
 * typed level is read. Pure, so the rules are unit-tested without a browser.
 */
import { GRID } from './layout';

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 2;
/** The levels the zoom control offers (and the steps of zoom in / out), as in Miro and FigJam. */
export const ZOOM_PRESETS = [0.5, 0.75, 1, 1.5, 2] as const;
const ZOOM_STEPS = [0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2] as const;
/** Below this zoom a card's text is under ~6 px: cards are drawn as light blocks (levelOfDetail.tsx). */
export const LOW_DETAIL_ZOOM = 0.5;
/** Below this, text would be 2–5 px of grey noise that costs most of a frame to paint: cards are plain blocks. */
export const FAR_ZOOM = 0.3;
/** Room kept free around the map when it is fitted to the screen, in screen pixels. */
export const VIEW_MARGIN = 24;
/** Fitted, the map keeps clear of the edges where dragging a card starts auto-panning (React Flow: 40 px). */
export const FIT_MARGIN = 48;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * A map opens at 100% on its head: the persona and the first stages at the
 * top left, as a document opens at its first page, rather than fitted to the
 * screen at a scale nobody can read (0.30 on the 63-card template).
 */
export function initialViewport(mapKey?: string): Viewport {
  return (mapKey && lastViewports.get(mapKey)) || { x: VIEW_MARGIN, y: GRID.personaHeight + GRID.personaGap + VIEW_MARGIN, zoom: 1 };
}

/**
 * Where each map was last viewed in this tab: previewing a saved version,
 * restoring it or coming back from the dashboard mounts a new canvas, which
 * opens where the person was rather than back at the map's head.
 */
const lastViewports = new Map<string, Viewport>();
export const rememberViewport = (mapKey: string, viewport: Viewport): void => void lastViewports.set(mapKey, viewport);

export const clampZoom = (zoom: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

/** The next step up (or down) from a zoom, so + and − land on round levels. */
export function steppedZoom(zoom: number, direction: 1 | -1): number {
  const eps = 0.001;
  const next = direction > 0 ? ZOOM_STEPS.find((z) => z > zoom + eps) : [...ZOOM_STEPS].reverse().find((z) => z < zoom - eps);
  return next ?? (direction > 0 ? MAX_ZOOM : MIN_ZOOM);
}

/** "150", "150%", "１５０％", "1.5x" or "0.5" → a zoom factor, clamped; null when it is not a level. */
export function parseZoomLevel(text: string): number | null {
  const normal = text.normalize('NFKC').trim().replace(/\s+/g, '').replace(/,/g, '.');
  const factor = /^(\d+(?:\.\d+)?)[x×]$/i.exec(normal);
  if (factor) return clampZoom(Number(factor[1]));
  const percent = /^(\d+(?:\.\d+)?)%?$/.exec(normal);
  if (!percent) return null;
  const value = Number(percent[1]);
  if (!Number.isFinite(value) || value <= 0) return null;
  // A bare number of 3 or less is read as a factor ("1.5"), anything else as a percentage.
  return clampZoom(!normal.endsWith('%') && value <= 3 ? value : value / 100);
}

export const formatZoom = (zoom: number): string => `${Math.round(zoom * 100)}%`;

/** Sticky headers: how far (screen px) the stage row and the lane column move to stay on screen. */
export function stickyOffsets(viewport: Viewport): { stageRowY: number; laneColumnX: number } {
  return { stageRowY: Math.max(0, viewport.y), laneColumnX: Math.max(0, viewport.x) };
}
