/**
 * The emotion curve's legend, which is also its persona filter: one entry
 * per persona line (its colour and name; a button that turns the line on
 * and off, per user, in the session), and what solid and dashed mean when
 * both states are shown. The map's own line is always drawn: its points are
 * the ones edited on the curve.
 */
import type { TFunction } from '../../i18n/translate';
import { useTranslation } from '../../i18n/useTranslation';
import type { CurvePersona } from '../../model/emotionLines';
import type { CardState } from '../../model/schema';
import { personaColor } from '../../model/personaColors';
import { useSession } from '../../state/session';

/** A line's name in the legend and the table: its persona's, or "Emotion" for the map's own curve. */
export function personaName(t: TFunction, persona: CurvePersona): string {
  if (!persona.persona) return t('states.mapLine');
  return persona.persona.name || t('personas.unnamed');
}

function Swatch({ color, dashed }: { color: string; dashed?: boolean }) {
  return (
    <svg width={22} height={8} aria-hidden="true" focusable="false">
      <line x1={1} x2={21} y1={4} y2={4} stroke={color} strokeWidth={3} strokeDasharray={dashed ? '6 3' : undefined} />
    </svg>
  );
}

/**
 * `states`: the states drawn; solid and dashed are explained when a future line is among them.
 * `low`: at the lane's foot (a version compare's legend takes the top).
 */
export function CurveLegend({
  personas,
  states,
  low,
}: {
  personas: readonly CurvePersona[];
  states: ReadonlySet<CardState>;
  low: boolean;
}) {
  const { t } = useTranslation();
  const hidden = useSession((s) => s.hiddenCurveLines);
  const toggle = useSession((s) => s.toggleCurveLine);
  const many = personas.length > 1;
  return (
    <div
      className={`curve-lines-legend nodrag nopan${low ? ' is-low' : ''}`}
      role="group"
      aria-label={t('states.legend')}
      data-testid="curve-legend"
    >
      {many &&
        personas.map((p) => {
          const name = personaName(t, p);
          const swatch = <Swatch color={personaColor(p.colorIndex)} />;
          return p.isDefault ? (
            <span key={p.key} className="legend-entry" title={t('states.alwaysShown')} data-testid="legend-entry" data-persona={p.key}>
              {swatch}
              {name}
            </span>
          ) : (
            <button
              key={p.key}
              type="button"
              aria-pressed={!hidden.has(p.key)}
              title={t('states.toggleLine', { name })}
              data-testid="legend-entry"
              data-persona={p.key}
              onClick={() => toggle(p.key)}
            >
              {swatch}
              {name}
            </button>
          );
        })}
      {states.has('future') && states.has('current') && (
        <span className="legend-entry" data-testid="legend-state" data-state="current">
          <Swatch color="#5b6275" />
          {t('states.lineCurrent')}
        </span>
      )}
      {states.has('future') && (
        <span className="legend-entry" data-testid="legend-state" data-state="future">
          <Swatch color="#5b6275" dashed />
          {t('states.lineFuture')}
        </span>
      )}
    </div>
  );
}
