/**
 * The opportunity matrix: every opportunity with an impact and an effort,
 * plotted impact (up) against effort (right), each dot labelled with the
 * start of its text. Clicking a dot (or Enter / Space on it) selects the card
 * on the map. Where dots and labels go is matrixPlacement.ts's business: the
 * quadrant border runs between scores 2 and 3, dots on one square are packed
 * around its centre, labels avoid each other.
 */
import { useCallback } from 'react';
import { Modal } from '../ui/Modal';
import { useTranslation } from '../i18n/useTranslation';
import { useMapSelector } from '../state/mapContext';
import { useSession } from '../state/session';
import { borderAt, placeMatrix, quadrantOf, scoreCentre, shortLabel, type PlacedItem, type PlotGeometry } from './matrixPlacement';
import './opportunityMatrix.css';

const WIDTH = 600;
const HEIGHT = 460;
const AXIS = 44;
const PLOT: PlotGeometry = { left: AXIS, top: 8, width: WIDTH - AXIS - 8, height: HEIGHT - AXIS - 8, radius: 8, fontSize: 11 };
/** A label is at most a little more than a square wide, so neighbours can keep theirs. */
const LABEL_WIDTH = (PLOT.width / 5) * 1.15;

/** The box around a dot and its label. */
function hitBox(p: PlacedItem) {
  const x = Math.min(p.x - p.radius, p.label.x);
  const y = Math.min(p.y - p.radius, p.label.y);
  const width = Math.max(p.x + p.radius, p.label.x + p.label.width) - x;
  const height = Math.max(p.y + p.radius, p.label.y + p.label.height) - y;
  return { x, y, width, height };
}

export function OpportunityMatrix() {
  const { t } = useTranslation();
  const lanes = useMapSelector((s) => s.lanes);
  const cards = useMapSelector((s) => s.cards);
  const setOpen = useSession((s) => s.setMatrixOpen);
  const requestSelection = useSession((s) => s.requestSelection);
  const opportunityLanes = new Set(lanes.filter((l) => l.kind === 'opportunities').map((l) => l.id));
  const plotted = cards.filter((c) => opportunityLanes.has(c.laneId) && c.impact !== undefined && c.effort !== undefined);
  const unplotted = cards.filter((c) => opportunityLanes.has(c.laneId)).length - plotted.length;

  const close = useCallback(() => setOpen(false), [setOpen]);
  const pick = (id: string) => {
    requestSelection([id], true);
    setOpen(false);
  };

  const byId = new Map(plotted.map((c) => [c.id, c]));
  const labelOf = new Map(plotted.map((c) => [c.id, shortLabel(c.text || t('canvas.emptyCard'), LABEL_WIDTH, PLOT.fontSize)]));
  const placed = placeMatrix(
    plotted.map((c) => ({ id: c.id, impact: c.impact!, effort: c.effort!, label: labelOf.get(c.id)! })),
    PLOT,
  );
  const border = borderAt(PLOT);
  const right = PLOT.left + PLOT.width;
  const bottom = PLOT.top + PLOT.height;

  return (
    <Modal title={t('matrix.title')} className="matrix" testId="opportunity-matrix" onClose={close}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="matrix-plot" role="group" aria-label={t('matrix.plot')}>
        <rect className="quadrant is-quick" x={PLOT.left} y={PLOT.top} width={border.x - PLOT.left} height={border.y - PLOT.top} />
        <rect className="quadrant is-big" x={border.x} y={PLOT.top} width={right - border.x} height={border.y - PLOT.top} />
        <rect className="quadrant is-fill" x={PLOT.left} y={border.y} width={border.x - PLOT.left} height={bottom - border.y} />
        <rect className="quadrant is-pit" x={border.x} y={border.y} width={right - border.x} height={bottom - border.y} />
        <g aria-hidden="true">
          <text className="quadrant-label" x={PLOT.left + 6} y={PLOT.top + 14}>
            {t('matrix.quickWins')}
          </text>
          <text className="quadrant-label" x={right - 6} y={PLOT.top + 14} textAnchor="end">
            {t('matrix.bigBets')}
          </text>
          <text className="quadrant-label" x={PLOT.left + 6} y={bottom - 6}>
            {t('matrix.fillIns')}
          </text>
          <text className="quadrant-label" x={right - 6} y={bottom - 6} textAnchor="end">
            {t('matrix.moneyPits')}
          </text>
          {[1, 2, 3, 4, 5].map((n) => (
            <g key={n}>
              <text className="axis-tick" x={scoreCentre(PLOT, 'effort', n)} y={bottom + 16} textAnchor="middle">
                {n}
              </text>
              <text className="axis-tick" x={PLOT.left - 8} y={scoreCentre(PLOT, 'impact', n) + 4} textAnchor="end">
                {n}
              </text>
            </g>
          ))}
          <text className="axis-label" x={PLOT.left + PLOT.width / 2} y={HEIGHT - 6} textAnchor="middle">
            {t('fields.effort')} →
          </text>
          <text
            className="axis-label"
            x={12}
            y={PLOT.top + PLOT.height / 2}
            textAnchor="middle"
            transform={`rotate(-90 12 ${PLOT.top + PLOT.height / 2})`}
          >
            {t('fields.impact')} →
          </text>
        </g>
        {placed.map((p) => {
          const card = byId.get(p.id)!;
          const name = t('matrix.dotName', {
            text: card.text || t('canvas.emptyCard'),
            impact: card.impact!,
            effort: card.effort!,
            quadrant: t(`matrix.quadrant.${quadrantOf(card.impact!, card.effort!)}`),
          });
          return (
            <g
              key={p.id}
              className={`matrix-dot is-${card.type ?? 'untyped'}`}
              role="button"
              tabIndex={0}
              data-testid="matrix-dot"
              data-card-id={p.id}
              aria-label={name}
              onClick={() => pick(p.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  pick(p.id);
                }
              }}
            >
              <title>{name}</title>
              {/* The dot and its label are one target: a click on either picks the card. */}
              <rect className="matrix-hit" {...hitBox(p)} />
              <circle cx={p.x} cy={p.y} r={p.radius} />
            </g>
          );
        })}
        {/* Labels apart from the dots: a shortened label inside a dot would not match the dot's full name (axe's label-content-name-mismatch). Clicks pass through them to the dot's hit box. */}
        <g aria-hidden="true">
          {placed.map((p) => (
            <text key={p.id} className="matrix-label" x={p.label.x} y={p.label.y + p.label.height - 3}>
              {labelOf.get(p.id)}
            </text>
          ))}
        </g>
      </svg>
      <ul className="matrix-legend">
        {(['quickWin', 'strategic', 'innovation'] as const).map((type) => (
          <li key={type}>
            <span className={`legend-dot is-${type}`} /> {t(`opportunityTypes.${type}`)}
          </li>
        ))}
      </ul>
      <p className="muted matrix-mapping">{t('matrix.mapping')}</p>
      {unplotted > 0 && <p className="muted">{t('matrix.unplotted', { count: unplotted })}</p>}
      {plotted.length === 0 && <p className="muted">{t('matrix.empty')}</p>}
    </Modal>
  );
}
