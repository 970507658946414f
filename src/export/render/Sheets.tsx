/**
 * Whole exported surfaces: the PNG sheet, a PDF page of the grid, and the
 * PDF's summary page. Each is a fixed-size box in CSS pixels; the capture
 * step turns it into pixels.
 */
import { useTranslation } from '../../i18n/useTranslation';
import { GRID, type GridLayout } from '../../canvas/layout';
import type { JourneyNode } from '../../canvas/projection';
import { Avatar } from '../../panels/Avatar';
import { voteTotal } from '../../model/commands/votes';
import type { ReviewSummary } from '../../model/summary';
import type { Card, Stage } from '../../model/schema';
import { formatKpiValue } from '../../canvas/nodes/CardFacets';
import { gridWindows, PERSONA_FLOW, type PdfGridPage, type PdfPlan, type Placement, type Rect, type SheetLayout } from '../plan';
import { MapWindow } from './MapWindow';
import { Legend, SheetHeader } from './SheetParts';

export type Background = 'white' | 'transparent';

const sheetClass = (comments: boolean) => `export-sheet${comments ? '' : ' no-comments'}`;

function Windows({ nodes, placements, visible }: { nodes: readonly JourneyNode[]; placements: Placement[]; visible: Rect | null }) {
  return (
    <>
      {placements.map((p, i) => (
        <MapWindow key={i} nodes={nodes} placement={p} visible={visible} />
      ))}
    </>
  );
}

export interface MapSheetProps {
  sheet: SheetLayout;
  nodes: readonly JourneyNode[];
  /** the tile being captured (sheet coordinates); null draws everything */
  visible: Rect | null;
  title: string;
  details: string;
  background: Background;
  comments: boolean;
}

export function MapSheet({ sheet, nodes, visible, title, details, background, comments }: MapSheetProps) {
  const placements = [
    ...(sheet.persona ? [sheet.persona] : []),
    ...(sheet.grid ? [sheet.grid.stageHeaders, sheet.grid.laneHeaders, sheet.grid.body] : []),
    ...(sheet.view ? [sheet.view] : []),
  ];
  return (
    <div
      className={sheetClass(comments)}
      style={{ width: sheet.width, height: sheet.height, background: background === 'white' ? '#ffffff' : 'transparent' }}
    >
      <SheetHeader rect={sheet.header} title={title} details={details} />
      <Windows nodes={nodes} placements={placements} visible={visible} />
      <Legend rect={sheet.legend} />
    </div>
  );
}

export interface PageFrame {
  title: string;
  date: string;
  number: number;
  total: number;
}

export function PageHeader({ plan, frame, details }: { plan: PdfPlan; frame: PageFrame; details: string }) {
  const { t } = useTranslation();
  const rect = { x: plan.margin, y: plan.margin, width: plan.pageWidth - 2 * plan.margin, height: plan.headerHeight - 8 };
  return (
    <SheetHeader
      rect={rect}
      title={frame.title}
      details={details}
      right={`${t('export.pageOf', { n: frame.number, total: frame.total })} · ${frame.date}`}
    />
  );
}

export function GridPage(props: {
  plan: PdfPlan;
  page: PdfGridPage;
  layout: GridLayout;
  nodes: readonly JourneyNode[];
  stages: readonly Stage[];
  frame: PageFrame;
  comments: boolean;
}) {
  const { plan, page, layout, nodes, stages, frame, comments } = props;
  const { t } = useTranslation();
  let y = plan.margin + plan.headerHeight;
  const placements: Placement[] = [];
  if (page.persona) {
    placements.push({ sheet: { ...PERSONA_FLOW, x: plan.margin, y }, flow: PERSONA_FLOW });
    y += GRID.personaHeight + GRID.personaGap;
  }
  const grid = gridWindows(layout, page.stages, page.band, { x: plan.margin, y });
  placements.push(grid.stageHeaders, grid.laneHeaders, grid.body);
  const first = stages[page.stages[0]]?.name ?? '';
  const last = stages[page.stages[1]]?.name ?? '';
  const details = page.stages[0] === page.stages[1] ? t('export.stage', { name: first }) : t('export.stages', { first, last });
  return (
    <div
      className={`${sheetClass(comments)} export-page`}
      style={{ width: plan.pageWidth, height: plan.pageHeight, background: '#ffffff' }}
    >
      <PageHeader plan={plan} frame={frame} details={details} />
      <Windows nodes={nodes} placements={placements} visible={null} />
    </div>
  );
}

function CardList({ cards, stageName, render }: { cards: Card[]; stageName: (c: Card) => string; render: (c: Card) => string }) {
  const { t } = useTranslation();
  if (cards.length === 0) return <p className="muted">{t('export.summary.none')}</p>;
  return (
    <ol>
      {cards.map((c) => (
        <li key={c.id}>
          <span className="summary-text">{c.text || c.metric}</span>
          <span className="summary-meta">
            {stageName(c)}
            {render(c) && ` · ${render(c)}`}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function SummaryPage({
  plan,
  summary,
  stages,
  frame,
}: {
  plan: PdfPlan;
  summary: ReviewSummary;
  stages: readonly Stage[];
  frame: PageFrame;
}) {
  const { t } = useTranslation();
  const stageName = (c: Card) => stages.find((s) => s.id === c.stageId)?.name ?? '';
  const persona = summary.persona;
  const top = plan.margin + plan.headerHeight;
  const target = (c: Card) => `${t('kpi.target')} ${c.direction === 'lower' ? '≤' : '≥'} ${formatKpiValue(c.target, c.unit)}`;
  const lists = [
    {
      key: 'painPoints',
      cards: summary.painPoints,
      detail: (c: Card) => (c.severity ? t('export.summary.severity', { n: c.severity }) : ''),
    },
    { key: 'opportunities', cards: summary.opportunities, detail: (c: Card) => t('export.summary.votes', { count: voteTotal(c) }) },
    { key: 'kpis', cards: summary.kpisOffTarget, detail: (c: Card) => `${formatKpiValue(c.value, c.unit)} / ${target(c)}` },
  ];
  return (
    <div
      className="export-sheet export-page export-summary"
      style={{ width: plan.pageWidth, height: plan.pageHeight, background: '#ffffff' }}
    >
      <PageHeader plan={plan} frame={frame} details={t('export.summary.title')} />
      <div
        className="summary-body"
        style={{ left: plan.margin, top, width: plan.pageWidth - 2 * plan.margin, height: plan.pageHeight - top - plan.margin }}
      >
        <section className="summary-persona">
          <h2>{t('export.summary.persona')}</h2>
          {persona ? (
            <>
              <div className="summary-persona-head">
                <Avatar value={persona.avatar} size={56} />
                <div>
                  <p className="summary-persona-name">{persona.name}</p>
                  <p className="summary-meta">{[persona.role, persona.segment].filter(Boolean).join(' · ')}</p>
                </div>
              </div>
              {persona.quote && <blockquote>“{persona.quote}”</blockquote>}
              {(['goals', 'needs', 'frustrations'] as const).map((key) =>
                persona[key].length ? (
                  <div key={key}>
                    <h3>{t(`personas.${key}`)}</h3>
                    <ul>
                      {persona[key].map((item, i) => (
                        <li key={i}>{item}</li>
                      ))}
                    </ul>
                  </div>
                ) : null,
              )}
            </>
          ) : (
            <p className="muted">{t('export.summary.noPersona')}</p>
          )}
        </section>
        {lists.map(({ key, cards, detail }) => (
          <section key={key}>
            <h2>{t(`export.summary.${key}`)}</h2>
            <CardList cards={cards} stageName={stageName} render={detail} />
          </section>
        ))}
      </div>
    </div>
  );
}
