/**
 * The link marker of a linked stage or card (linked journeys) as the canvas
 * draws it (ui/LinkedMapMarker.tsx): the link icon and the linked map's
 * title, "Linked map not found" when it is gone, or "Linked map" when the
 * exporter does not know it (the server's exports, a share link's page).
 */
import { LinkedMapIcon } from '../../icons';
import type { DrawContext } from './context';
import { runItems, type Piece } from './inlineRun';
import { ACCENT, MUTED } from './palette';
import { baselineIn, lineHeightOf, oneLine } from './textBlock';
import type { DrawingItem } from './types';

export const LINKED_MAP_TEXT = { size: 11 } as const;
export const linkedMapLineHeight = (): number => lineHeightOf({ ...LINKED_MAP_TEXT, color: MUTED });

export function linkedMapLabel(ctx: DrawContext, mapId: string): { text: string; missing: boolean } {
  const title = ctx.linkedTitles.get(mapId);
  if (title === null) return { text: ctx.t('journeys.notFound'), missing: true };
  return { text: title === undefined ? ctx.t('journeys.hidden') : title || ctx.t('journeys.untitled'), missing: false };
}

/** The marker on one line from `left` to `right`, its line starting at `top`; cut with "…" when too long. */
export function linkedMapItems(ctx: DrawContext, mapId: string, left: number, right: number, top: number): DrawingItem[] {
  const { text, missing } = linkedMapLabel(ctx, mapId);
  const color = missing ? MUTED : ACCENT;
  const size = LINKED_MAP_TEXT.size;
  // The icon is as wide as the text is high; the title is cut to what is left, as the canvas's ellipsis does.
  const shown = oneLine(ctx.measure, ` ${text}`, { size, color }, right - left - size);
  const pieces: Piece[] = [
    { kind: 'icon', icon: LinkedMapIcon, size, color },
    { kind: 'text', text: shown, size, color },
  ];
  const baseline = baselineIn(ctx.measure, LINKED_MAP_TEXT.size, top, linkedMapLineHeight());
  return runItems(ctx.measure, pieces, left, baseline, 0, right).items;
}
