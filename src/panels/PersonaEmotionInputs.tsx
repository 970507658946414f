/**
 * The inspector's emotion score per persona (format v4): for cards in a
 * touchpoint or emotion lane, one scale per persona of the map, the followed
 * persona first (its score is the card's `emotion`, the map's default line),
 * each marked with its line's colour (an empty mark while it has no line).
 * Choosing "—" clears that persona's score. Read-only roles see the values
 * in the inspector's disabled fieldset. Shown only when the map has a
 * persona besides the followed one: otherwise the lane's emotion field,
 * the default line, says it all.
 */
import { useId } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { setPersonaScores } from '../model/commands/personaScores';
import { scaleOptions, LANE_FIELDS, type ScaleField } from '../model/laneFields';
import { MAX_PERSONA_LINES, personaLineColors, personasInLineOrder } from '../model/personaColors';
import { personaScore } from '../model/personaScores';
import type { Card, Persona } from '../model/schema';
import { useOpenMap, useSnapshot } from '../state/mapContext';
import { tryCommand } from '../state/tryCommand';
import { MIXED, common } from '../ui/fields';

const EMOTION_FIELD = LANE_FIELDS.emotions.find((f): f is ScaleField => f.name === 'emotion' && f.widget === 'scale')!;
const SCALE = scaleOptions(EMOTION_FIELD);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function PersonaEmotionInputs({ cards }: { cards: readonly Card[] }) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const snapshot = useSnapshot();
  const followed = snapshot.meta?.personaId;
  const personas = personasInLineOrder(snapshot.personas, followed);
  const colors = personaLineColors(snapshot.personas, snapshot.cards, followed);
  if (cards.length === 0 || !personas.some((p) => p.id !== followed)) return null;

  return (
    <fieldset className="persona-emotions" data-testid="persona-emotions">
      <legend>{t('personaScores.heading')}</legend>
      {personas.map((persona) => (
        <PersonaScoreInput
          key={persona.id}
          persona={persona}
          isDefault={persona.id === followed}
          color={colors.get(persona.id)}
          cards={cards}
          onChange={(score) =>
            tryCommand(() =>
              setPersonaScores(
                doc,
                cards.map((c) => c.id),
                persona.id,
                score,
              ),
            )
          }
          followed={followed}
        />
      ))}
      <p className="field-hint muted">{t('personaScores.hint', { count: MAX_PERSONA_LINES })}</p>
    </fieldset>
  );
}

interface InputProps {
  persona: Persona;
  isDefault: boolean;
  /** its line's colour; none while it has no line (no score yet, or past the lines drawn) */
  color: string | undefined;
  cards: readonly Card[];
  followed: string | undefined;
  onChange(score: number | undefined): void;
}

function PersonaScoreInput({ persona, isDefault, color, cards, followed, onChange }: InputProps) {
  const { t } = useTranslation();
  const id = useId();
  const name = persona.name || t('personas.unnamed');
  const value = common(cards, (c) => personaScore(c, persona.id, followed));
  return (
    <div className="field persona-emotion" data-testid="persona-emotion" data-persona-id={persona.id}>
      <label htmlFor={id}>
        <span
          className={color ? 'persona-swatch' : 'persona-swatch is-none'}
          style={color ? { background: color } : undefined}
          aria-hidden="true"
        />
        {name}
        {isDefault && <span className="muted">· {t('personaScores.defaultLine')}</span>}
      </label>
      {/* The name says which persona and which scale; the visible label stays short. */}
      <select
        id={id}
        aria-label={t('personaScores.label', { name })}
        value={value === MIXED ? '__mixed' : value === undefined ? '' : String(value)}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw !== '__mixed') onChange(raw === '' ? undefined : Number(raw));
        }}
      >
        {value === MIXED && <option value="__mixed">{t('inspector.mixed')}</option>}
        <option value="">{t('inspector.none')}</option>
        {SCALE.map((n) => (
          <option key={n} value={String(n)}>
            {signed(n)}
          </option>
        ))}
      </select>
    </div>
  );
}
