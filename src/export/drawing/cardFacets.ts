/**
 * The facets row at a card's foot, as CardFacets shows it: the facets of the
 * lane kind's fields (model/laneFields.ts: a touchpoint's channel, media,
 * emotion and importance, a pain point's severity, an opportunity's type and
 * impact/effort); tags on every card; at
 * the right end the persona chip, the open-comment badge and the votes.
 */
import type { LucideIcon } from 'lucide-react';
import { voteTotal } from '../../model/commands/votes';
import { laneFields, type LaneField, type LaneFieldName } from '../../model/laneFields';
import type { Card, LaneKind } from '../../model/schema';
import { CHANNEL_ICONS, CommentsIcon, EMOTION_ICONS, MEDIA_ICONS, PersonaIcon, TAG_ICONS } from '../../icons';
import { emotionLevel } from '../../model/journey';
import { avatarChip } from './avatarItems';
import type { DrawContext } from './context';
import { runItems, runWidth, type Piece } from './inlineRun';
import { ACCENT, CARD, FAINT_ACCENT, INK, PILLS, WHITE } from './palette';
import { baselineIn } from './textBlock';
import type { DrawingItem } from './types';

const GAP = 4;
const SIZE = CARD.facetSize;
const ROW = CARD.facetRow;

const icon = (glyph: LucideIcon): Piece => ({ kind: 'icon', icon: glyph, size: SIZE, color: INK });

const pill = (text: string, colors: { fill: string; color: string }, glyph?: LucideIcon): Piece => ({
  kind: 'pill',
  text,
  size: 11,
  color: colors.color,
  fill: colors.fill,
  height: ROW,
  padX: 5,
  ...(glyph ? { icon: glyph } : {}),
});

const OPTION_ICONS: Partial<Record<LaneFieldName, Readonly<Record<string, LucideIcon>>>> = { channel: CHANNEL_ICONS, media: MEDIA_ICONS };

/** The pieces of one lane field's facet (laneFields.ts says which fields have one), or null while it is unset. */
function fieldFacet(ctx: DrawContext, card: Card, field: LaneField): Piece[] | null {
  const { t } = ctx;
  const value = card[field.name];
  if (value === undefined) return null;
  switch (field.facet) {
    case 'optionIcon': {
      const glyph = OPTION_ICONS[field.name]?.[String(value)];
      return glyph ? [icon(glyph)] : null;
    }
    case 'dots':
      return [{ kind: 'dots', filled: Number(value), total: 5, diameter: 5, advance: 5.5, color: ACCENT, faint: FAINT_ACCENT }];
    case 'face':
      return [icon(EMOTION_ICONS[emotionLevel(Number(value))])];
    case 'severity':
      return [pill(t('fields.severityShort', { n: Number(value) }), Number(value) >= 4 ? PILLS.severe : PILLS.severity)];
    case 'typePill':
      return card.type ? [pill(t(`opportunityTypes.${card.type}`), PILLS[card.type])] : null;
    case 'impactEffort':
      return card.impact !== undefined && card.effort !== undefined
        ? [{ kind: 'text', text: t('fields.impactEffortShort', { impact: card.impact, effort: card.effort }), size: SIZE, color: INK }]
        : null;
    default:
      return null;
  }
}

/** Each facet is a group of pieces; facets are GAP apart. The lane's fields first, in the table's order, then the tags. */
function leftFacets(ctx: DrawContext, card: Card, laneKind: LaneKind): Piece[][] {
  const facets: Piece[][] = [];
  for (const field of laneFields(laneKind)) {
    const facet = fieldFacet(ctx, card, field);
    if (facet) facets.push(facet);
  }
  for (const tag of card.tags ?? []) facets.push([icon(TAG_ICONS[tag])]);
  return facets;
}

function rightFacets(ctx: DrawContext, card: Card, personaAvatar: string | undefined): Piece[][] {
  const facets: Piece[][] = [];
  if (personaAvatar !== undefined) {
    const chip = avatarChip(ctx, personaAvatar);
    facets.push([chip ? { kind: 'image', svg: chip.svg, size: 16 } : icon(PersonaIcon)]);
  }
  const comments = ctx.comments ? (ctx.commentCounts.get(card.id) ?? 0) : 0;
  if (comments > 0) facets.push([pill(String(comments), PILLS.comments, CommentsIcon)]);
  const votes = voteTotal(card);
  if (votes > 0) {
    const shown = Math.min(votes, 5);
    facets.push([
      { kind: 'dots', filled: shown, total: shown, diameter: 4, advance: 5.5, color: ACCENT },
      ...(votes > 5 ? [{ kind: 'text', text: `+${votes - 5}`, size: SIZE, weight: 700, color: ACCENT } as const] : []),
      { kind: 'space', width: 4 },
      { kind: 'pill', text: String(votes), size: 11, color: WHITE, fill: ACCENT, height: ROW, padX: 4, minWidth: 18 },
    ]);
  }
  return facets;
}

export interface FacetRow {
  left: Piece[][];
  right: Piece[][];
}

/** The card's facets, or null when it has none (an empty row takes no room). */
export function facetRow(ctx: DrawContext, card: Card, laneKind: LaneKind, personaAvatar: string | undefined): FacetRow | null {
  const left = leftFacets(ctx, card, laneKind);
  const right = rightFacets(ctx, card, personaAvatar);
  return left.length + right.length > 0 ? { left, right } : null;
}

/**
 * The row in the box from `left` to `right` with its top at `top`; left
 * facets that would run into the right ones are left out, as the canvas's
 * overflow hides them.
 */
export function facetItems(ctx: DrawContext, row: FacetRow, box: { left: number; right: number; top: number }): DrawingItem[] {
  const { measure } = ctx;
  const baseline = baselineIn(measure, SIZE, box.top, ROW);
  const items: DrawingItem[] = [];
  let rightStart = box.right;
  if (row.right.length) {
    const widths = row.right.map((f) => runWidth(measure, f));
    rightStart = box.right - widths.reduce((a, b) => a + b, 0) - GAP * (row.right.length - 1);
    let x = Math.max(box.left, rightStart);
    row.right.forEach((facet, i) => {
      items.push(...runItems(measure, facet, x, baseline, 0, box.right).items);
      x += widths[i]! + GAP;
    });
  }
  let x = box.left;
  for (const facet of row.left) {
    const width = runWidth(measure, facet);
    if (x + width > rightStart - (row.right.length ? GAP : 0) + 0.01) break;
    items.push(...runItems(measure, facet, x, baseline).items);
    x += width + GAP;
  }
  return items;
}
