/** What every image export starts from: the map as it is now, laid out and projected like the canvas. */
import { layoutGrid, type GridLayout } from '../canvas/layout';
import { projectNodes, type JourneyNode } from '../canvas/projection';
import type { MapSnapshot } from '../model/live';

export interface MapPicture {
  snapshot: MapSnapshot;
  layout: GridLayout;
  nodes: JourneyNode[];
}

export function pictureOf(snapshot: MapSnapshot): MapPicture {
  const layout = layoutGrid(snapshot.stages, snapshot.lanes, snapshot.cards);
  return { snapshot, layout, nodes: projectNodes(snapshot, layout) };
}

/** Where the export runs: cancelled through `signal`, reporting `done` of `total` steps. */
export interface ExportJob {
  signal: AbortSignal;
  onProgress(done: number, total: number): void;
}

export const formatDate = (locale: string, now = new Date()): string => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(now);
