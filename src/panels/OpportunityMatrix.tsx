/**
 * The opportunity matrix: every opportunity with an impact and an effort,
 * plotted impact (up) against effort (right). Clicking one selects it on the
 * map. Opportunities sharing a square are spread around its centre.
 */
import { useCallback } from 'react';
import { Modal } from '../ui/Modal';
import { useTranslation } from '../i18n/useTranslation';
import { useMapSelector } from '../state/mapContext';
import { useSession } from '../state/session';

const SIZE = 420;
const PAD = 48;
const CELL = (SIZE - PAD) / 5;

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

  const bySquare = new Map<string, typeof plotted>();
  for (const c of plotted) bySquare.set(`${c.effort}:${c.impact}`, [...(bySquare.get(`${c.effort}:${c.impact}`) ?? []), c]);
  const x = (effort: number) => PAD + (effort - 0.5) * CELL;
  const y = (impact: number) => (5.5 - impact) * CELL;

  return (
    <Modal title={t('matrix.title')} className="matrix" testId="opportunity-matrix" onClose={close}>
      <svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} className="matrix-plot">
        <rect className="quadrant is-quick" x={PAD} y={0} width={(SIZE - PAD) / 2} height={(SIZE - PAD) / 2} />
        <rect className="quadrant is-big" x={PAD + (SIZE - PAD) / 2} y={0} width={(SIZE - PAD) / 2} height={(SIZE - PAD) / 2} />
        <rect className="quadrant is-fill" x={PAD} y={(SIZE - PAD) / 2} width={(SIZE - PAD) / 2} height={(SIZE - PAD) / 2} />
        <rect
          className="quadrant is-pit"
          x={PAD + (SIZE - PAD) / 2}
          y={(SIZE - PAD) / 2}
          width={(SIZE - PAD) / 2}
          height={(SIZE - PAD) / 2}
        />
        <text className="quadrant-label" x={PAD + 8} y={18}>
          {t('matrix.quickWins')}
        </text>
        <text className="quadrant-label" x={SIZE - 8} y={18} textAnchor="end">
          {t('matrix.bigBets')}
        </text>
        <text className="quadrant-label" x={PAD + 8} y={SIZE - PAD - 8}>
          {t('matrix.fillIns')}
        </text>
        <text className="quadrant-label" x={SIZE - 8} y={SIZE - PAD - 8} textAnchor="end">
          {t('matrix.moneyPits')}
        </text>
        {[1, 2, 3, 4, 5].map((n) => (
          <g key={n}>
            <text className="axis-tick" x={x(n)} y={SIZE - PAD + 16} textAnchor="middle">
              {n}
            </text>
            <text className="axis-tick" x={PAD - 10} y={y(n) + 4} textAnchor="end">
              {n}
            </text>
          </g>
        ))}
        <text className="axis-label" x={PAD + (SIZE - PAD) / 2} y={SIZE - 8} textAnchor="middle">
          {t('fields.effort')} →
        </text>
        <text className="axis-label" x={14} y={(SIZE - PAD) / 2} textAnchor="middle" transform={`rotate(-90 14 ${(SIZE - PAD) / 2})`}>
          {t('fields.impact')} →
        </text>
        {[...bySquare.values()].flatMap((group) =>
          group.map((card, i) => {
            const angle = (2 * Math.PI * i) / group.length;
            const r = group.length > 1 ? Math.min(22, 8 + group.length * 3) : 0;
            const cx = x(card.effort!) + r * Math.cos(angle);
            const cy = y(card.impact!) + r * Math.sin(angle);
            return (
              <g
                key={card.id}
                className={`matrix-dot is-${card.type ?? 'untyped'}`}
                transform={`translate(${cx},${cy})`}
                role="button"
                tabIndex={0}
                data-testid="matrix-dot"
                data-card-id={card.id}
                aria-label={card.text}
                onClick={() => {
                  requestSelection([card.id], true);
                  setOpen(false);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    requestSelection([card.id], true);
                    setOpen(false);
                  }
                }}
              >
                <title>{`${card.text} · ${t('fields.impact')} ${card.impact} · ${t('fields.effort')} ${card.effort}`}</title>
                <circle r={9} />
              </g>
            );
          }),
        )}
      </svg>
      <ul className="matrix-legend">
        {(['quickWin', 'strategic', 'innovation'] as const).map((type) => (
          <li key={type}>
            <span className={`legend-dot is-${type}`} /> {t(`opportunityTypes.${type}`)}
          </li>
        ))}
      </ul>
      {unplotted > 0 && <p className="muted">{t('matrix.unplotted', { count: unplotted })}</p>}
      {plotted.length === 0 && <p className="muted">{t('matrix.empty')}</p>}
    </Modal>
  );
}
