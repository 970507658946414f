/**
 * One card as the canvas draws it (CardNode): its coloured body by lane kind,
 * the moment-of-truth frame and badge, a severe pain point's red edge, the
 * text wrapped to the card and clamped with "…" (three lines, fewer when the
 * badge or the facets take room), a KPI's value against its target, and the
 * facets, wrapped onto as many lines as they need.
 */
import { GRID } from '../../canvas/layout';
import { formatKpiValue, kpiStatus } from '../../model/journey';
import type { Card, LaneKind } from '../../model/schema';
import { MomentOfTruthIcon } from '../../icons';
import { facetItems, facetLayout, facetRow } from './cardFacets';
import type { DrawContext } from './context';
import { linkedMapItems, linkedMapLineHeight } from './linkedMapItems';
import { runItems, type Piece } from './inlineRun';
import { CARD, CARD_COLORS, DANGER, GOLD, INK, MUTED, OK } from './palette';
import { baselineIn, lineHeightOf, oneLine, textBlock, textItem } from './textBlock';
import type { DrawingItem } from './types';

export const cardShowsMot = (card: Card, laneKind: LaneKind) => card.momentOfTruth === true && laneKind === 'touchpoints';

export function cardItems(
  ctx: DrawContext,
  card: Card,
  laneKind: LaneKind,
  at: { x: number; y: number },
  personaAvatar: string | undefined,
): DrawingItem[] {
  const { t, measure } = ctx;
  const { x, y } = at;
  const w = GRID.cardWidth;
  const h = GRID.cardHeight;
  const mot = cardShowsMot(card, laneKind);
  const severe = laneKind === 'painPoints' && (card.severity ?? 0) >= 4;
  const colors = CARD_COLORS[laneKind];
  const border = mot ? CARD.motBorder : 1;
  const items: DrawingItem[] = [];

  if (mot) {
    const halo = CARD.motHalo;
    items.push({
      kind: 'rect',
      x: x - halo,
      y: y - halo,
      width: w + 2 * halo,
      height: h + 2 * halo,
      radius: CARD.radius + halo,
      fill: CARD.motHaloColor,
    });
  }
  items.push({
    kind: 'rect',
    x: x + border / 2,
    y: y + border / 2,
    width: w - border,
    height: h - border,
    radius: CARD.radius,
    fill: colors.fill,
    stroke: mot ? GOLD : colors.stroke,
    lineWidth: border,
  });
  const left = severe ? CARD.severeEdge : border;
  if (severe) {
    const r = CARD.radius;
    items.push({
      kind: 'path',
      d: `M${x + left} ${y}L${x + left} ${y + h}L${x + r} ${y + h}Q${x} ${y + h} ${x} ${y + h - r}L${x} ${y + r}Q${x} ${y} ${x + r} ${y}Z`,
      fill: DANGER,
    });
  }

  const contentLeft = x + left + CARD.paddingX;
  const contentRight = x + w - border - CARD.paddingX;
  const contentWidth = contentRight - contentLeft;
  let top = y + border + CARD.paddingY;
  const bottom = y + h - border - CARD.paddingY;
  const row = facetRow(ctx, card, laneKind, personaAvatar);
  // The card keeps its size: the facets take the lines they need at its foot and the text gives up lines, as on the canvas.
  const facets = row && facetLayout(measure, row, contentWidth);
  // A linked card's marker sits above its facets (CardNode's LinkedMapMarker); the text gives up the line.
  const linkBottom = facets ? bottom - facets.height - CARD.gap : bottom;
  const linkTop = linkBottom - linkedMapLineHeight();
  const textBottom = card.linkedMapId !== undefined ? linkTop - CARD.gap : linkBottom;

  if (laneKind === 'kpis') items.push(...kpiItems(ctx, card, contentLeft, contentWidth, top, textBottom));
  else {
    if (mot) {
      const size = CARD.motBadgeSize;
      const lh = lineHeightOf({ size, color: INK });
      const badge: Piece[] = [
        { kind: 'icon', icon: MomentOfTruthIcon, size, color: CARD.motBadgeColor },
        { kind: 'text', text: ` ${t('fields.momentOfTruth')}`, size, weight: 700, color: CARD.motBadgeColor },
      ];
      items.push(...runItems(measure, badge, contentLeft, baselineIn(measure, size, top, lh), 0, contentRight).items);
      top += lh + CARD.gap;
    }
    const spec = { size: CARD.textSize, color: card.text ? INK : MUTED, lineHeight: CARD.textLineHeight };
    // A line that would show less than about 85% of itself is cut off in the canvas: not drawn. The first line
    // is kept while three quarters of it show (a moment-of-truth badge above two lines of facets leaves 14 of its
    // 17 px): what is lost is its leading and the descent, which the facets' own top padding takes. With less
    // room the facets win, as on the canvas.
    const room = textBottom - top;
    const fitting = Math.floor(room / CARD.textLineHeight + 0.15);
    const maxLines = Math.min(CARD.maxTextLines, fitting > 0 ? fitting : room >= 0.75 * CARD.textLineHeight ? 1 : 0);
    if (maxLines > 0) {
      items.push(
        ...textBlock(measure, card.text || t('canvas.emptyCard'), spec, { x: contentLeft, top, width: contentWidth, maxLines }).items,
      );
    }
  }
  if (card.linkedMapId !== undefined) items.push(...linkedMapItems(ctx, card.linkedMapId, contentLeft, contentRight, linkTop));
  if (facets) items.push(...facetItems(ctx, facets, { left: contentLeft, right: contentRight, bottom }));
  if (card.state) items.push(...stateMarkItems(ctx, card.state, { x, y }));
  return items;
}

/**
 * A card of one state only, marked as on the canvas (CardStateMarks): a
 * dashed outline and a "Future" badge on a planned card, a dotted outline
 * and "Today only" on a card the future removes; at the top right.
 */
function stateMarkItems(ctx: DrawContext, state: NonNullable<Card['state']>, at: { x: number; y: number }): DrawingItem[] {
  const { t, measure } = ctx;
  const future = state === 'future';
  const mark = future ? CARD.futureMark : CARD.todayOnlyMark;
  const label = t(future ? 'states.badgeFuture' : 'states.badgeCurrent');
  const size = CARD.stateBadgeSize;
  const width = measure.width(label, { size, weight: 700 }) + 12;
  const height = size * 1.6;
  const x = at.x + GRID.cardWidth - width - 3;
  const y = at.y + 3;
  return [
    {
      kind: 'rect',
      x: at.x + 1,
      y: at.y + 1,
      width: GRID.cardWidth - 2,
      height: GRID.cardHeight - 2,
      radius: CARD.radius,
      stroke: mark.line,
      lineWidth: 2,
      dash: [...mark.dash],
    },
    { kind: 'rect', x, y, width, height, radius: height / 2, fill: mark.badge },
    textItem(label, x + width / 2, baselineIn(measure, size, y, height), { size, weight: 700, color: mark.text }, 'middle'),
  ];
}

const STATUS_COLOR = { 'on-target': OK, 'off-target': DANGER, 'no-target': INK } as const;

/** KpiBody: the metric and the value (the target and the off-target flag are facets). */
function kpiItems(ctx: DrawContext, card: Card, left: number, width: number, top: number, bottom: number): DrawingItem[] {
  const { t, measure } = ctx;
  const status = kpiStatus(card);
  const rows = { metric: 12 * 1.45, value: 20 * 1.45 };
  const natural = rows.metric + rows.value;
  // The canvas cuts a KPI's figures where its facets begin; here they close up to fit the card instead.
  const fit = Math.min(1, (bottom - top) / natural);
  const items: DrawingItem[] = [];

  const metricSpec = { size: 12, color: MUTED };
  const metric = oneLine(measure, card.metric || card.text || t('kpi.unnamed'), metricSpec, width);
  items.push(textItem(metric, left, baselineIn(measure, 12, top, rows.metric * fit), metricSpec));
  const y = top + rows.metric * fit;

  const valueBaseline = baselineIn(measure, 20, y, rows.value * fit);
  const value: Piece[] = [
    { kind: 'text', text: formatKpiValue(card.value, card.unit), size: 20, weight: 700, color: STATUS_COLOR[status] },
  ];
  items.push(...runItems(measure, value, left, valueBaseline, 0, left + width).items);
  return items;
}
