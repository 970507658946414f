/**
 * The Rounds tab: during a brainstorm, this editor's private cards (theirs
 * alone, editable until the reveal); during a vote, their secret ballot;
 * and every past round with its results (a vote's ranking, ties marked).
 */
import { useTranslation } from '../i18n/useTranslation';
import { relativeTime } from '../i18n/relativeTime';
import { ballotTotal, castPrivateVote, deletePrivateCard, retractPrivateVote, updatePrivateCardText } from '../model/rounds/private';
import { laneInRound } from '../model/rounds/rules';
import type { Round } from '../model/rounds/schema';
import { TEXT_LIMITS } from '../model/limits';
import { useMapSelector, useOpenMap } from '../state/mapContext';
import { useCanEdit, useSession } from '../state/session';
import { useCurrentRound, usePrivate, useRounds } from '../state/useRounds';
import { CloseIcon, Icon } from '../icons';

export function RoundsPanel() {
  const { t } = useTranslation();
  const round = useCurrentRound();
  const rounds = useRounds();
  const canEdit = useCanEdit();
  const past = rounds.filter((r) => r.state === 'revealed').reverse();
  return (
    <div className="rounds-panel" data-testid="rounds-panel">
      {round && canEdit && round.kind === 'brainstorm' && <MyPrivateCards round={round} />}
      {round && canEdit && round.kind === 'vote' && <MyBallot round={round} />}
      <h3>{t('rounds.past')}</h3>
      {past.length === 0 ? <p className="muted panel-hint">{t('rounds.none')}</p> : past.map((r) => <PastRound key={r.id} round={r} />)}
    </div>
  );
}

function useCellName() {
  const lanes = useMapSelector((s) => s.lanes);
  const stages = useMapSelector((s) => s.stages);
  return (laneId: string, stageId: string) => ({
    lane: lanes.find((l) => l.id === laneId)?.name ?? '',
    stage: stages.find((s) => s.id === stageId)?.name ?? '',
  });
}

function MyPrivateCards({ round }: { round: Round }) {
  const { t } = useTranslation();
  const privateDoc = useOpenMap().rounds?.privateDoc ?? null;
  const cards = usePrivate().cards.filter((c) => c.roundId === round.id);
  const cellName = useCellName();
  return (
    <section aria-labelledby="my-private-cards">
      <h3 id="my-private-cards">{t('rounds.myCards')}</h3>
      {cards.length === 0 ? (
        <p className="muted panel-hint">{t('rounds.noCards')}</p>
      ) : (
        <ul className="private-cards">
          {cards.map((card) => (
            <li key={card.id} className="private-card" data-testid="private-card">
              <textarea
                aria-label={t('rounds.cardLabel', cellName(card.laneId, card.stageId))}
                data-private-card-id={card.id}
                value={card.text}
                maxLength={TEXT_LIMITS.cardText}
                rows={2}
                onChange={(e) => privateDoc && updatePrivateCardText(privateDoc, card.id, e.target.value)}
              />
              <span className="muted">{Object.values(cellName(card.laneId, card.stageId)).join(' · ')}</span>
              <button
                type="button"
                className="icon-btn"
                aria-label={t('rounds.deleteCard')}
                title={t('rounds.deleteCard')}
                onClick={() => privateDoc && deletePrivateCard(privateDoc, card.id)}
              >
                <Icon icon={CloseIcon} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MyBallot({ round }: { round: Round }) {
  const { t } = useTranslation();
  const privateDoc = useOpenMap().rounds?.privateDoc ?? null;
  const cards = useMapSelector((s) => s.cards);
  const ballot = usePrivate().ballot(round.id);
  const eligible = cards.filter((c) => laneInRound(round, c.laneId));
  const left = Math.max(0, (round.budget ?? 0) - ballotTotal(ballot));
  return (
    <section aria-labelledby="my-ballot">
      <h3 id="my-ballot">{t('rounds.ballot')}</h3>
      <p data-testid="ballot-left">{t('rounds.votesLeft', { left, budget: round.budget ?? 0 })}</p>
      {eligible.length === 0 ? (
        <p className="muted panel-hint">{t('rounds.noEligible')}</p>
      ) : (
        <ul className="ballot">
          {eligible.map((card) => {
            const text = card.text || card.metric || t('canvas.emptyCard');
            const mine = ballot[card.id] ?? 0;
            return (
              <li key={card.id} data-testid="ballot-card" data-card-id={card.id}>
                <span className="ballot-text">{text}</span>
                <span className="votes-n" aria-label={t('rounds.resultLine', { count: mine })}>
                  {mine}
                </span>
                <button
                  type="button"
                  aria-label={t('rounds.retractFor', { text })}
                  disabled={mine === 0}
                  onClick={() => privateDoc && retractPrivateVote(privateDoc, round, card.id)}
                >
                  −
                </button>
                <button
                  type="button"
                  aria-label={t('rounds.voteFor', { text })}
                  data-testid="ballot-vote"
                  disabled={left === 0}
                  onClick={() => privateDoc && castPrivateVote(privateDoc, round, card)}
                >
                  +
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function PastRound({ round }: { round: Round }) {
  const { t, language } = useTranslation();
  const cardById = useMapSelector((s) => s.cardById);
  const requestSelection = useSession((s) => s.requestSelection);
  const results = round.results ?? [];
  const tied = (rank: number) => results.filter((r) => r.rank === rank).length > 1;
  return (
    <article className="past-round" data-testid="past-round" data-kind={round.kind}>
      <p>
        <strong>
          {round.kind === 'brainstorm'
            ? t('rounds.pastBrainstorm', { count: round.participants ?? 0 })
            : t('rounds.pastVote', { count: round.participants ?? 0 })}
        </strong>
      </p>
      <p className="muted">
        {t('rounds.startedBy', { name: round.createdBy || '—', time: relativeTime(round.startedAt, Date.now(), language) })}
      </p>
      {round.kind === 'vote' &&
        (results.length === 0 ? (
          <p className="muted">{t('rounds.noVotes')}</p>
        ) : (
          <ol className="round-results" data-testid="round-results">
            {results.map((r) => {
              const card = cardById.get(r.cardId);
              return (
                <li key={r.cardId} className={r.rank <= (round.topN ?? 0) ? 'is-top' : ''} data-testid="round-result">
                  <button type="button" className="link" disabled={!card} onClick={() => requestSelection([r.cardId], true)}>
                    <span className="rank" data-testid="result-rank">
                      {t('rounds.rank', { rank: r.rank })}
                      {tied(r.rank) ? ` (${t('rounds.tie')})` : ''}
                    </span>{' '}
                    <span className="most-voted-text">{card ? card.text || card.metric || t('canvas.emptyCard') : '—'}</span>{' '}
                    <span className="muted">{t('rounds.resultLine', { count: r.votes })}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        ))}
    </article>
  );
}
