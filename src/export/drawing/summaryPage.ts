/**
 * The PDF's first page when asked for (SummaryPage): the persona the map
 * follows, the worst pain points, the most voted opportunities and the KPIs
 * off target (model/summary.ts), as text in three columns.
 */
import { voteTotal } from '../../model/commands/votes';
import { reviewSummary } from '../../model/summary';
import type { Card, Persona } from '../../model/schema';
import { avatarItems } from './avatarItems';
import type { DrawContext } from './context';
import { formatKpiValue, kpiTargetLabel } from '../../model/journey';
import type { PageDraft } from './pageDraft';
import { paperFrame, PT_PER_PX, type PaperSize } from './paperFrame';
import { ACCENT, INK, LINE, MUTED, WHITE } from './palette';
import { placeItems } from './placement';
import { baselineIn, lineHeightOf, oneLine, textItem, type TextSpec } from './textBlock';
import { columnOf, type TextColumn } from './textColumn';
import type { DrawingItem } from './types';

const BODY: TextSpec = { size: 14, color: INK };
const META: TextSpec = { size: 12, color: MUTED };
const H2: TextSpec = { size: 17, weight: 700, color: ACCENT };
const H3: TextSpec = { size: 14, weight: 700, color: INK };
const COLUMN_GAP = 24;
const ROW_GAP = 16;

const heading = (column: TextColumn, text: string) => column.space(8).text(text, H2).space(8);

function personaColumn(ctx: DrawContext, column: TextColumn, persona: Persona | null) {
  const { t, measure } = ctx;
  heading(column, t('export.summary.persona'));
  if (!persona) return column.text(t('export.summary.noPersona'), { ...BODY, color: MUTED });
  const avatar = 56;
  const top = column.y;
  column.push(...avatarItems(ctx, persona.avatar, column.x, top, avatar));
  const textX = column.x + avatar + 12;
  const textWidth = column.width - avatar - 12;
  const name: TextSpec = { size: 18, weight: 700, color: INK };
  const meta = [persona.role, persona.segment].filter(Boolean).join(' · ');
  const textHeight = lineHeightOf(name) + (meta ? lineHeightOf(META) : 0);
  let y = top + (avatar - textHeight) / 2;
  column.push(
    textItem(
      oneLine(measure, persona.name || t('personas.unnamed'), name, textWidth),
      textX,
      baselineIn(measure, name.size, y, lineHeightOf(name)),
      name,
    ),
  );
  y += lineHeightOf(name);
  if (meta)
    column.push(textItem(oneLine(measure, meta, META, textWidth), textX, baselineIn(measure, META.size, y, lineHeightOf(META)), META));
  column.space(avatar);
  if (persona.quote)
    column
      .space(10)
      .text(`“${persona.quote}”`, { ...BODY, color: MUTED })
      .space(10);
  for (const key of ['goals', 'needs', 'frustrations'] as const) {
    if (persona[key].length === 0) continue;
    column
      .space(10)
      .text(t(`personas.${key}`), H3)
      .space(4);
    for (const entry of persona[key]) column.item('•', entry, BODY).space(6);
  }
  return column;
}

function cardList(ctx: DrawContext, column: TextColumn, title: string, cards: Card[], detail: (c: Card) => string) {
  const { t, snapshot } = ctx;
  heading(column, title);
  if (cards.length === 0) return column.text(t('export.summary.none'), { ...BODY, color: MUTED });
  const stageName = (c: Card) => snapshot.stages.find((s) => s.id === c.stageId)?.name ?? '';
  cards.forEach((card, i) => {
    column.item(`${i + 1}.`, card.text || card.metric || '', BODY);
    column.text([stageName(card), detail(card)].filter(Boolean).join(' · '), META, 20).space(6);
  });
  return column;
}

export function summaryPage(ctx: DrawContext, paper: PaperSize): PageDraft {
  const { t } = ctx;
  const frame = paperFrame(paper);
  const summary = reviewSummary(ctx.snapshot);
  const { x, y, width, height } = frame.content;
  const bottom = y + height;
  const unit = (width - 2 * COLUMN_GAP) / 3.1;
  const widths = [1.1 * unit, unit, unit];
  const lefts = [x, x + widths[0]! + COLUMN_GAP, x + widths[0]! + widths[1]! + 2 * COLUMN_GAP];
  const column = (i: number, top = y) => columnOf(ctx, lefts[i]!, widths[i]!, top, bottom);

  // The persona's column is ruled off from the lists, as the canvas's summary has it.
  const persona = personaColumn(ctx, columnOf(ctx, x, widths[0]! - 21, y, bottom), summary.persona);
  const personaRule: DrawingItem = { kind: 'rect', x: x + widths[0]! - 1, y, width: 1, height, fill: LINE };

  const target = (c: Card) => kpiTargetLabel(c, t('kpi.target'));
  const pains = cardList(ctx, column(1), t('export.summary.painPoints'), summary.painPoints, (c) =>
    c.severity ? t('export.summary.severity', { n: c.severity }) : '',
  );
  const opportunities = cardList(ctx, column(2), t('export.summary.opportunities'), summary.opportunities, (c) =>
    t('export.summary.votes', { count: voteTotal(c) }),
  );
  const kpis = cardList(
    ctx,
    column(1, Math.max(pains.y, opportunities.y) + ROW_GAP),
    t('export.summary.kpis'),
    summary.kpisOffTarget,
    (c) => `${formatKpiValue(c.value, c.unit)} / ${target(c)}`,
  );
  const items = [persona, pains, opportunities, kpis].flatMap((c) => c.items);
  return {
    frame,
    width: frame.width,
    height: frame.height,
    items: [
      { kind: 'rect', x: 0, y: 0, width: frame.width, height: frame.height, fill: WHITE },
      ...placeItems([personaRule, ...items], { scale: PT_PER_PX, dx: 0, dy: 0 }),
    ],
    bookmarks: [],
    details: t('export.summary.title'),
  };
}
