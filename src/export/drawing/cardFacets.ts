/**
 * The facets row at a card's foot, as CardFacets shows it: the facets of the
 * lane kind's fields (model/laneFields.ts: a touchpoint's channel, media,
 * emotion and importance, a pain point's severity, an opportunity's type and
 * impact/effort), a KPI's target and off-target flag; tags on every card; at the right
 * end the rank in the last secret vote, the persona chip, the open-comment
 * badge and the votes. The row wraps
 * onto more lines rather than leave a facet out.
 */
import type { LucideIcon } from 'lucide-react';
import { voteTotal } from '../../model/commands/votes';
import { laneFields, type LaneField, type LaneFieldName } from '../../model/laneFields';
import type { Card, LaneKind } from '../../model/schema';
import { CHANNEL_ICONS, CommentsIcon, EMOTION_ICONS, MEDIA_ICONS, OffTargetIcon, PersonaIcon, TAG_ICONS } from '../../icons';
import { emotionLevel, kpiStatus, kpiTargetLabel } from '../../model/journey';
import { avatarChip } from './avatarItems';
import type { DrawContext } from './context';
import { runItems, runWidth, type Piece } from './inlineRun';
import { ACCENT, CARD, DANGER, FAINT_ACCENT, INK, MUTED, PILLS, WHITE } from './palette';
import { baselineIn } from './textBlock';
import type { DrawingItem, TextMeasure } from './types';

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
  // A KPI's target and off-target flag sit with the facets, as on the canvas, so they wrap with them.
  if (laneKind === 'kpis' && card.target !== undefined) {
    facets.push([{ kind: 'text', text: kpiTargetLabel(card, ctx.t('kpi.target')), size: 11, color: MUTED }]);
  }
  if (laneKind === 'kpis' && kpiStatus(card) === 'off-target') {
    facets.push([
      { kind: 'icon', icon: OffTargetIcon, size: 11, color: DANGER },
      { kind: 'text', text: ` ${ctx.t('kpi.offTarget')}`, size: 11, weight: 700, color: DANGER },
    ]);
  }
  for (const tag of card.tags ?? []) facets.push([icon(TAG_ICONS[tag])]);
  return facets;
}

function rightFacets(ctx: DrawContext, card: Card, personaAvatar: string | undefined): Piece[][] {
  const facets: Piece[][] = [];
  const rank = ctx.ranks.get(card.id);
  if (rank !== undefined) facets.push([pill(ctx.t('rounds.rank', { rank }), PILLS.rank)]);
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

/** One facet where it goes: `x` from the row's left edge, on line `line` (0 the top one). */
export interface PlacedFacet {
  pieces: Piece[];
  x: number;
  width: number;
  line: number;
}

export interface FacetLines {
  placed: PlacedFacet[];
  lines: number;
  /** what the lines take, ROW each and ROW_GAP between them */
  height: number;
}

/** .card-facets' row-gap */
const ROW_GAP = CARD.facetRowGap;

/**
 * The row laid out in `width` as the canvas's flex-wrap lays it out, so no
 * facet is left out: facets in order, GAP apart, a facet that would pass
 * the right edge starting a new line; persona, comments and votes together
 * at the right end of the last line (.facets-end, margin-left: auto), on a
 * line of their own when they don't fit beside the rest. Only a group wider
 * than the whole card splits, each of its lines kept to the right.
 */
export function facetLayout(measure: TextMeasure, row: FacetRow, width: number): FacetLines {
  const placed: PlacedFacet[] = [];
  let line = 0;
  let x = 0;
  const put = (pieces: Piece[], w: number) => {
    if (x > 0 && x + GAP + w > width + 0.01) {
      line++;
      x = 0;
    }
    const at = x > 0 ? x + GAP : 0;
    placed.push({ pieces, x: at, width: w, line });
    x = at + w;
  };
  for (const facet of row.left) put(facet, runWidth(measure, facet));

  if (row.right.length) {
    const widths = row.right.map((f) => runWidth(measure, f));
    const total = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
    if (total <= width + 0.01) {
      if (x > 0 && x + GAP + total > width + 0.01) line++;
      let at = width - total;
      row.right.forEach((facet, i) => {
        placed.push({ pieces: facet, x: at, width: widths[i]!, line });
        at += widths[i]! + GAP;
      });
    } else {
      // Wider than the card: the group starts its own line and wraps, each line flush right.
      if (x > 0) line++;
      x = 0;
      const first = placed.length;
      row.right.forEach((facet, i) => put(facet, widths[i]!));
      const group = placed.slice(first);
      for (const l of new Set(group.map((p) => p.line))) {
        const onLine = group.filter((p) => p.line === l);
        const last = onLine[onLine.length - 1]!;
        const shift = Math.max(0, width - (last.x + last.width));
        for (const p of onLine) p.x += shift;
      }
    }
  }
  const lines = placed.length ? placed[placed.length - 1]!.line + 1 : 0;
  return { placed, lines, height: lines ? lines * ROW + (lines - 1) * ROW_GAP : 0 };
}

/**
 * The laid-out row in the box from `left` to `right` with its last line's
 * foot at `bottom` (the canvas keeps the facets at the card's foot and gives
 * the text what is left). A facet wider than the card, which only a very long
 * label could make, is cut at the card's edge.
 */
export function facetItems(ctx: DrawContext, laid: FacetLines, box: { left: number; right: number; bottom: number }): DrawingItem[] {
  const { measure } = ctx;
  const top = box.bottom - laid.height;
  const items: DrawingItem[] = [];
  for (const p of laid.placed) {
    const baseline = baselineIn(measure, SIZE, top + p.line * (ROW + ROW_GAP), ROW);
    items.push(...runItems(measure, p.pieces, box.left + p.x, baseline, 0, box.right).items);
  }
  return items;
}
