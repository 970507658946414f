/**
 * What a card says about current and future state (model/cardState.ts): a
 * "Future" badge on a planned card (drawn with a dashed outline by its
 * class), "Today only" on a card the future removes, and on an opportunity
 * how many future cards realise it.
 */
import { useTranslation } from '../../i18n/useTranslation';
import { realisedCards } from '../../model/cardState';
import type { Card, LaneKind } from '../../model/schema';
import { useMapSelector } from '../../state/mapContext';
import './cardState.css';

/** The card's class for its state: a dashed outline for the future, a faded one for what the future removes. */
export const stateClass = (card: Pick<Card, 'state'>): string =>
  card.state === 'future' ? ' is-future' : card.state === 'current' ? ' is-today-only' : '';

export function CardStateBadge({ card, shifted }: { card: Card; shifted: boolean }) {
  const { t } = useTranslation();
  if (card.state === undefined) return null;
  const future = card.state === 'future';
  return (
    <span
      className={`state-badge${future ? ' is-future' : ' is-today-only'}${shifted ? ' is-shifted' : ''}`}
      data-testid="state-badge"
      data-state={card.state}
      title={t(future ? 'states.badgeFutureTitle' : 'states.badgeCurrentTitle')}
    >
      {t(future ? 'states.badgeFuture' : 'states.badgeCurrent')}
    </span>
  );
}

export function RealisedCount({ card, laneKind }: { card: Card; laneKind: LaneKind }) {
  const { t } = useTranslation();
  const count = useMapSelector((s) => (laneKind === 'opportunities' ? realisedCards(card, s.cardById).length : 0));
  if (count === 0) return null;
  return (
    <p className="card-realised" data-testid="realised-count">
      {t('states.realisedCount', { count })}
    </p>
  );
}
