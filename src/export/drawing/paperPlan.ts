/**
 * How a map is cut into pages of paper: by groups of stages only, never
 * between lanes, so every page holds whole columns of the journey from the
 * first lane to the last (and the persona above the first). The map's height
 * then sets the largest scale a page allows; the stages per page are as many
 * as fit at that scale, or at a readable one when the map is short enough
 * that a larger scale would need more pages. Groups are balanced (6 stages
 * that fit 4 a page are 3 + 3) and every page uses the same scale, so cards
 * look alike throughout.
 */
import { GRID, type GridLayout } from '../../canvas/layout';
import { spanExtent, type GridSpan } from '../plan';

/** Points per flow pixel below which card text (13 px) would print under 6.5 pt: more pages rather than smaller. */
export const READABLE_SCALE = 0.5;
/** True size (0.75 pt a CSS pixel): a small map is not blown up. */
const MAX_SCALE = 0.75;

export interface PaperPlan {
  /** points per flow unit, the same on every page */
  scale: number;
  /** inclusive stage index ranges, one per page */
  groups: [number, number][];
  /** whether the first page carries the persona above the grid */
  persona: boolean;
  /** flow units above the grid on the first page (the persona and its gap) */
  personaBlock: number;
}

/**
 * Plans `span` on a content box of `content` points; `persona` is whether the
 * map has a persona to show on the first page.
 */
export function planPaper(layout: GridLayout, span: GridSpan, content: { width: number; height: number }, persona: boolean): PaperPlan {
  const withPersona = span.persona && persona;
  const personaBlock = withPersona ? GRID.personaHeight + GRID.personaGap : 0;
  const { y0, y1 } = spanExtent(layout, span);
  const height = personaBlock + GRID.stageHeaderHeight + (y1 - y0);
  const byHeight = content.height / height;
  const widthOf = (stages: number) => Math.max(GRID.laneHeaderWidth + stages * GRID.columnWidth, withPersona ? GRID.personaWidth : 0);

  const count = span.lastStage - span.firstStage + 1;
  const target = Math.min(byHeight, READABLE_SCALE);
  const fitting = Math.floor((content.width / target - GRID.laneHeaderWidth) / GRID.columnWidth);
  const perPage = Math.max(1, Math.min(count, fitting));
  const pages = Math.ceil(count / perPage);
  const balanced = Math.ceil(count / pages);
  const scale = Math.min(byHeight, MAX_SCALE, content.width / widthOf(balanced));

  // The first `count % pages` groups take one stage more: 40 stages on 3 pages are 14 + 13 + 13.
  const groups: [number, number][] = [];
  let first = span.firstStage;
  for (let i = 0; i < pages; i++) {
    const size = Math.floor(count / pages) + (i < count % pages ? 1 : 0);
    groups.push([first, first + size - 1]);
    first += size;
  }
  return { scale, groups, persona: withPersona, personaBlock };
}
