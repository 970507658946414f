/** Dot voting: the budget (set by the facilitator), my votes left, and the most voted cards. */
import { useTranslation } from '../i18n/useTranslation';
import { mostVoted, setVotesPerParticipant, voteTotal } from '../model/commands/votes';
import { DEFAULT_VOTES_PER_PARTICIPANT } from '../model/schema';
import { useMapSelector, useOpenMap } from '../state/mapContext';
import { useCanEdit, useSession } from '../state/session';
import { CommitNumber, Field } from '../ui/fields';
import { useMyVotes } from './useMyVotes';

export function VotesPanel() {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const cards = useMapSelector((s) => s.cards);
  const stages = useMapSelector((s) => s.stages);
  const lanes = useMapSelector((s) => s.lanes);
  const budget = useMapSelector((s) => s.meta?.votesPerParticipant ?? DEFAULT_VOTES_PER_PARTICIPANT);
  const requestSelection = useSession((s) => s.requestSelection);
  const { left } = useMyVotes();
  const canEdit = useCanEdit();
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  // Ties keep journey order, so the list reads like the map.
  const inJourneyOrder = [...cards].sort(
    (a, b) =>
      (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0) ||
      (laneIndex.get(a.laneId) ?? 0) - (laneIndex.get(b.laneId) ?? 0),
  );
  const ranked = mostVoted(inJourneyOrder);

  return (
    <div className="votes-panel" data-testid="votes-panel">
      <fieldset className="plain-fieldset" disabled={!canEdit}>
        <Field label={t('votes.perParticipant')} hint={t('votes.perParticipantHint')}>
          {(id) => (
            <CommitNumber
              id={id}
              testId="votes-per-participant"
              value={budget}
              onCommit={(n) => n !== undefined && setVotesPerParticipant(doc, n)}
            />
          )}
        </Field>
      </fieldset>
      <p data-testid="votes-left">{t('votes.left', { left, budget })}</p>
      <h3>{t('votes.mostVoted')}</h3>
      {ranked.length === 0 ? (
        <p className="muted panel-hint">{t('votes.none')}</p>
      ) : (
        <ol className="most-voted" data-testid="most-voted">
          {ranked.map((card) => (
            <li key={card.id}>
              <button type="button" className="link" onClick={() => requestSelection([card.id], true)}>
                <span className="votes-n" data-testid="most-voted-total">
                  {voteTotal(card)}
                </span>
                <span className="most-voted-text">{card.text || card.metric || t('canvas.emptyCard')}</span>
                <span className="muted">{stages.find((s) => s.id === card.stageId)?.name}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
