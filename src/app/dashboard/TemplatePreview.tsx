/**
 * A template's miniature for the gallery, drawn as SVG from the template's
 * own data in the UI's language: the stages as coloured columns with their
 * names, the lanes as rows, a block per card (two at most per cell) in its
 * lane kind's colour, and the emotion lane as its curve. Its own chunk
 * (TemplateGallery loads it lazily): it carries every template's text.
 */
import { TEMPLATES } from '../../model/templates';
import { STAGE_COLORS } from '../../model/choices';
import type { LaneKind, Locale, TemplateId } from '../../model/schema';

const W = 240;
const H = 135;
const HEAD = 16;
const LANE_LABEL = 44;
const MAX_STAGES = 6;

const KIND_FILL: Partial<Record<LaneKind, string>> = {
  touchpoints: '#c7d6f5',
  painPoints: '#f3c1c1',
  opportunities: '#bfe3cd',
  backstage: '#d6cdf5',
  kpis: '#dfe3ea',
};
const DEFAULT_FILL = '#f2e7a8';

export default function TemplatePreview({ id, locale }: { id: TemplateId; locale: Locale }) {
  const spec = TEMPLATES[id][locale];
  const stages = spec.stages.slice(0, MAX_STAGES);
  const colW = (W - LANE_LABEL) / stages.length;
  const rowH = (H - HEAD) / Math.max(1, spec.lanes.length);
  const cardsIn = (lane: string, stage: string) => spec.cards.filter((c) => c.lane === lane && c.stage === stage);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="template-preview-svg" focusable="false">
      <rect width={W} height={H} fill="#fff" />
      {stages.map((s, i) => (
        <g key={s.key}>
          <rect
            x={LANE_LABEL + i * colW + 1}
            y={1}
            width={colW - 2}
            height={HEAD - 3}
            rx={2}
            fill={STAGE_COLORS[i % STAGE_COLORS.length]}
          />
          <text x={LANE_LABEL + i * colW + 3} y={10} fontSize={6} fill="#fff" fontWeight={700}>
            {s.name.length > 10 ? `${s.name.slice(0, 9)}…` : s.name}
          </text>
        </g>
      ))}
      {spec.lanes.map((lane, r) => {
        const y = HEAD + r * rowH;
        const emotions = lane.kind === 'emotions';
        const points = emotions
          ? stages.map((s, i) => {
              const scores = spec.cards.filter((c) => c.stage === s.key && c.emotion !== undefined).map((c) => c.emotion!);
              const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
              return `${LANE_LABEL + (i + 0.5) * colW},${y + rowH / 2 - (mean / 5) * (rowH / 2 - 1)}`;
            })
          : [];
        return (
          <g key={lane.key}>
            <line x1={0} x2={W} y1={y} y2={y} stroke="#e3e6ee" strokeWidth={0.5} />
            <text x={2} y={y + Math.min(rowH, 10) - 2} fontSize={5.5} fill="#5b6477">
              {lane.name.length > 9 ? `${lane.name.slice(0, 8)}…` : lane.name}
            </text>
            {emotions
              ? spec.cards.some((c) => c.lane === lane.key) && (
                  <polyline points={points.join(' ')} fill="none" stroke="#4f5bd5" strokeWidth={1.2} />
                )
              : stages.map((s, i) =>
                  cardsIn(lane.key, s.key)
                    .slice(0, 2)
                    .map((c, k) => (
                      <rect
                        key={`${s.key}-${k}`}
                        x={LANE_LABEL + i * colW + 2 + k * 3}
                        y={y + 1.5 + k * 2}
                        width={colW - 7}
                        height={Math.max(2, rowH - 5)}
                        rx={1.5}
                        fill={KIND_FILL[lane.kind] ?? DEFAULT_FILL}
                        stroke="#fff"
                        strokeWidth={0.5}
                      >
                        <title>{c.text}</title>
                      </rect>
                    )),
                )}
          </g>
        );
      })}
      <rect width={W} height={H} fill="none" stroke="#d6dae3" />
    </svg>
  );
}
