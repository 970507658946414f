/**
 * An opportunity's "Realised by": the future cards that realise it
 * (model/cardState.ts). The map's future cards as a list to tick, narrowed
 * by a search of their text; a ticked card's name selects it on the map
 * (switching to both states when the view hides it).
 */
import { useId, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { updateCard } from '../model/commands/cards';
import { futureCards, realisedCards, shownInView } from '../model/cardState';
import { MAX_REALISED_BY, type Card } from '../model/schema';
import { useSnapshot, useOpenMap } from '../state/mapContext';
import { useSession } from '../state/session';
import { tryCommand } from '../state/tryCommand';

export function RealisedByInput({ opportunity }: { opportunity: Card }) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const snapshot = useSnapshot();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const linked = realisedCards(opportunity, snapshot.cardById);
  const linkedIds = new Set(linked.map((c) => c.id));
  const candidates = futureCards(snapshot.cards, opportunity.id);
  const needle = query.trim().toLocaleLowerCase();
  const matching = needle ? candidates.filter((c) => c.text.toLocaleLowerCase().includes(needle)) : candidates;
  const stageName = new Map(snapshot.stages.map((s) => [s.id, s.name]));

  const setLinked = (card: Card, on: boolean) => {
    // Written as readers see it: ids of deleted cards drop out with this write.
    const ids = on ? [...linked.map((c) => c.id), card.id] : linked.map((c) => c.id).filter((id) => id !== card.id);
    tryCommand(() => updateCard(doc, opportunity.id, { realisedBy: ids.length ? ids.slice(0, MAX_REALISED_BY) : undefined }));
  };
  const show = (card: Card) => {
    const session = useSession.getState();
    if (!shownInView(card, session.stateView)) session.setStateView('both');
    session.requestSelection([card.id], true);
  };

  return (
    <fieldset className="realised-by" data-testid="realised-by">
      <legend>{t('states.realisedBy')}</legend>
      {linked.length > 0 && (
        <ul className="realised-linked">
          {linked.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-button" data-testid="realised-show" onClick={() => show(c)}>
                {t('states.realisedShow', { text: c.text || t('canvas.emptyCard') })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length === 0 ? (
        <p className="muted panel-hint">{t('states.realisedNone')}</p>
      ) : (
        <>
          <label className="visually-hidden" htmlFor={searchId}>
            {t('states.realisedSearch')}
          </label>
          <input
            id={searchId}
            type="search"
            placeholder={t('states.realisedSearch')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="realised-search"
          />
          {matching.length === 0 ? (
            <p className="muted panel-hint">{t('states.realisedNoMatch')}</p>
          ) : (
            <ul className="realised-candidates">
              {matching.map((c) => (
                <li key={c.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={linkedIds.has(c.id)}
                      disabled={!linkedIds.has(c.id) && linked.length >= MAX_REALISED_BY}
                      onChange={(e) => setLinked(c, e.target.checked)}
                    />{' '}
                    {c.text || t('canvas.emptyCard')} <span className="muted">· {stageName.get(c.stageId) ?? ''}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </fieldset>
  );
}
