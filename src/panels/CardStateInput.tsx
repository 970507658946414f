/**
 * The inspector's "In" field: whether the selected cards are in the current
 * state, the future one or both (model/cardState.ts). Both is no field at
 * all, as the format says. A card leaving the state the user is looking at
 * leaves the canvas, and the inspector with it: the selection stays.
 */
import { useTranslation } from '../i18n/useTranslation';
import { updateCards } from '../model/commands/cards';
import { CARD_STATES, type Card } from '../model/schema';
import { useOpenMap } from '../state/mapContext';
import { tryCommand } from '../state/tryCommand';
import { Field, MIXED, common } from '../ui/fields';

const BOTH = 'both';

export function CardStateInput({ cards }: { cards: readonly Card[] }) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const value = common(cards, (c) => c.state ?? BOTH);
  const set = (next: string) => {
    const state = CARD_STATES.find((s) => s === next);
    tryCommand(() =>
      updateCards(
        doc,
        cards.map((c) => c.id),
        { state },
      ),
    );
  };
  return (
    <Field label={t('states.cardIn')}>
      {(id) => (
        <select
          id={id}
          data-testid="card-state"
          value={value === MIXED ? '__mixed' : value}
          onChange={(e) => e.target.value !== '__mixed' && set(e.target.value)}
        >
          {value === MIXED && <option value="__mixed">{t('inspector.mixed')}</option>}
          <option value={BOTH}>{t('states.inBoth')}</option>
          <option value="current">{t('states.inCurrent')}</option>
          <option value="future">{t('states.inFuture')}</option>
        </select>
      )}
    </Field>
  );
}
