/**
 * What a picture export covers, from the dialog's choices: a PNG of the
 * whole map, the selected cards' block or the view on screen; a PDF of the
 * whole map, on one page ('fit') or printed on A4 / A3. Null when that part
 * of the map has nothing to draw.
 */
import type { GridLayout } from '../canvas/layout';
import type { MapSnapshot } from '../model/live';
import type { PdfLayout, PngLayout } from './drawing/mapDrawing';
import type { Rect } from './plan';
import { spanOfScope, type Scope } from './scope';

export type Background = PngLayout['background'];
export type Paper = PdfLayout['paper'];

export interface PictureChoices {
  format: 'png' | 'pdf';
  /** the PNG's part of the map; a PDF always covers all of it */
  scope: Scope;
  background: Background;
  paper: Paper;
  summary: boolean;
  comments: boolean;
}

export interface Surroundings {
  snapshot: MapSnapshot;
  layout: GridLayout;
  selectedIds: ReadonlySet<string>;
  /** the canvas's visible flow rectangle */
  view: Rect;
}

export function pictureLayout(choices: PictureChoices, where: Surroundings): PdfLayout | PngLayout | null {
  const { snapshot, layout, selectedIds, view } = where;
  const { comments } = choices;
  if (choices.format === 'pdf') {
    const span = spanOfScope('map', layout, snapshot, selectedIds, view);
    return span && { kind: 'pdf', paper: choices.paper, span, summary: choices.summary, comments };
  }
  if (choices.scope === 'view') return { kind: 'png', region: view, background: choices.background, comments };
  const span = spanOfScope(choices.scope, layout, snapshot, selectedIds, view);
  return span && { kind: 'png', region: span, background: choices.background, comments };
}
