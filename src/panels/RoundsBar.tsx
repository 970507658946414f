/**
 * The bar under the toolbar that runs workshop rounds: editors start a
 * private brainstorm or a secret vote (StartRoundDialog) and reveal or end
 * it; everyone sees what is running, on which lanes, and its time box. It
 * also tells the others how many private cards this editor has in each cell
 * (counts only, through presence), and reveals the round when its time box
 * runs out (any editor's page may: the reveal is idempotent).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { laneInRound, timeIsUp } from '../model/rounds/rules';
import type { Round } from '../model/rounds/schema';
import { ballotTotal } from '../model/rounds/private';
import { useMapSelector, useOpenMap } from '../state/mapContext';
import { useCanEdit, useSession } from '../state/session';
import { useCurrentRound, usePrivate } from '../state/useRounds';
import { serverClock } from '../sync/serverClock';
import { StartRoundDialog } from './StartRoundDialog';
import './rounds.css';

/** The server's time (sync/serverClock.ts: the round's `endsAt` is on its clock), ticking every second while `on`. */
function useServerNow(on: boolean): number {
  const [now, setNow] = useState(() => serverClock.now());
  useEffect(() => {
    if (!on) return;
    const tick = () => setNow(serverClock.now());
    void serverClock.sync();
    const unsubscribe = serverClock.subscribe(tick);
    const timer = setInterval(tick, 1000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [on]);
  return now;
}

const clock = (ms: number): string => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function RoundsBar() {
  const { t } = useTranslation();
  const map = useOpenMap();
  const round = useCurrentRound();
  const canEdit = useCanEdit();
  const [starting, setStarting] = useState<Round['kind'] | null>(null);
  const [failed, setFailed] = useState(false);
  const setPanel = useSession((s) => s.setPanel);
  const lanes = useMapSelector((s) => s.lanes);
  const mine = usePrivate();
  const now = useServerNow(round?.endsAt !== undefined);
  const asked = useRef<string | null>(null);
  // Said to screen readers when the round this page saw running ends (on every page, whoever revealed it).
  const [revealed, setRevealed] = useState(false);
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (round) {
      seen.current = round.id;
      setRevealed(false);
    } else if (seen.current !== null) {
      seen.current = null;
      setRevealed(true);
    }
  }, [round]);

  // Counts of my private cards per cell, for the others' placeholders.
  const cells = round?.kind === 'brainstorm' ? countByCell(mine.cards.filter((c) => c.roundId === round.id)) : null;
  const cellsKey = cells ? JSON.stringify(cells) : '';
  useEffect(() => {
    map.presence.setDrafts(round && cells && Object.keys(cells).length > 0 ? { round: round.id, cells } : null);
    // cellsKey stands for cells
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map.presence, round?.id, cellsKey]);

  const reveal = async (r: Round) => {
    setFailed(false);
    const ok = (await map.rounds?.reveal(r.id)) ?? false;
    if (!ok) setFailed(true);
  };
  // The time box ran out: reveal, once per round from this page.
  const expired = round !== null && timeIsUp(round, now);
  useEffect(() => {
    if (!expired || !canEdit || !round || asked.current === round.id) return;
    asked.current = round.id;
    void reveal(round);
    // reveal reads the current round only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expired, canEdit, round?.id]);

  const laneNames = round
    ? round.laneIds.length === 0
      ? t('rounds.wholeMap')
      : lanes
          .filter((l) => laneInRound(round, l.id))
          .map((l) => l.name)
          .join(t('keyboard.listSeparator'))
    : '';

  return (
    <section className={`rounds-bar${round ? ' is-running' : ''}`} aria-label={t('rounds.bar')} data-testid="rounds-bar">
      {round ? (
        <>
          <strong data-testid="round-status">{t(`rounds.running.${round.kind}`, { lanes: laneNames })}</strong>
          <span className="muted">
            {round.kind === 'brainstorm'
              ? canEdit
                ? t('rounds.brainstormNote')
                : t('rounds.watchBrainstorm')
              : canEdit
                ? t('rounds.votesLeft', {
                    left: Math.max(0, (round.budget ?? 0) - ballotTotal(mine.ballot(round.id))),
                    budget: round.budget ?? 0,
                  })
                : t('rounds.watchVote')}
          </span>
          {round.endsAt !== undefined && (
            <span className="round-clock" data-testid="round-clock" role="timer" aria-live="off">
              {expired ? t('rounds.timeUp') : t('rounds.timeLeft', { time: clock(round.endsAt - now) })}
            </span>
          )}
          <span className="spacer" />
          {canEdit && (
            <button type="button" onClick={() => setPanel('rounds')}>
              {round.kind === 'brainstorm' ? t('rounds.myCards') : t('rounds.ballot')}
            </button>
          )}
          {canEdit && (
            <button type="button" className="primary" data-testid="round-reveal" onClick={() => void reveal(round)}>
              {round.kind === 'brainstorm' ? t('rounds.reveal') : t('rounds.endVote')}
            </button>
          )}
          {failed && (
            <span className="error" role="alert">
              {t('rounds.revealFailed')}
            </span>
          )}
        </>
      ) : (
        <>
          <span className="muted">{t('rounds.bar')}</span>
          {canEdit && (
            <>
              <button type="button" data-testid="start-brainstorm" onClick={() => setStarting('brainstorm')}>
                {t('rounds.startBrainstorm')}
              </button>
              <button type="button" data-testid="start-vote" onClick={() => setStarting('vote')}>
                {t('rounds.startVote')}
              </button>
            </>
          )}
          <span className="spacer" />
          <button type="button" onClick={() => setPanel('rounds')}>
            {t('rounds.past')}
          </button>
        </>
      )}
      <span className="visually-hidden" role="status" data-testid="round-announcement">
        {revealed ? t('rounds.revealedNotice') : ''}
      </span>
      {starting && <StartRoundDialog kind={starting} onClose={() => setStarting(null)} />}
    </section>
  );
}

function countByCell(cards: readonly { laneId: string; stageId: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cards) out[`${c.laneId}:${c.stageId}`] = (out[`${c.laneId}:${c.stageId}`] ?? 0) + 1;
  return out;
}
