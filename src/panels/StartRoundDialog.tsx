/** The facilitator's form for a new round: which lanes (or the whole map), a time box, and for a vote its budget and top N. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { RoundRefusedError, startRound } from '../model/rounds/commands';
import { ROUND_LIMITS, type Round } from '../model/rounds/schema';
import { useMapSelector, useOpenMap } from '../state/mapContext';
import { useSession } from '../state/session';
import { usePresence } from '../sync/presence';
import { serverClock } from '../sync/serverClock';
import { Modal } from '../ui/Modal';

/** What a facilitator usually means: ideas go into pain points and opportunities; any card can be voted on. */
const BRAINSTORM_KINDS = new Set(['painPoints', 'opportunities']);

export function StartRoundDialog({ kind, onClose }: { kind: Round['kind']; onClose(): void }) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const lanes = useMapSelector((s) => s.lanes);
  const me = usePresence((s) => s.me);
  const setPanel = useSession((s) => s.setPanel);
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set(kind === 'brainstorm' ? lanes.filter((l) => BRAINSTORM_KINDS.has(l.kind)).map((l) => l.id) : []),
  );
  const [minutes, setMinutes] = useState('');
  const [budget, setBudget] = useState('3');
  const [topN, setTopN] = useState('3');
  const [refused, setRefused] = useState<RoundRefusedError['reason'] | null>(null);

  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m = minutes.trim() === '' ? undefined : Number(minutes);
    try {
      startRound(doc, {
        kind,
        laneIds: lanes.filter((l) => chosen.has(l.id)).map((l) => l.id),
        createdBy: me.name,
        now: serverClock.now(),
        ...(m !== undefined ? { minutes: m } : {}),
        ...(kind === 'vote' ? { budget: Number(budget), topN: Number(topN) } : {}),
      });
    } catch (err) {
      if (err instanceof RoundRefusedError) return setRefused(err.reason);
      throw err;
    }
    setPanel('rounds');
    onClose();
  };

  return (
    <Modal title={t(kind === 'brainstorm' ? 'rounds.brainstormTitle' : 'rounds.voteTitle')} onClose={onClose} testId="start-round-dialog">
      <form className="start-round" onSubmit={submit}>
        <p className="muted">{t(kind === 'brainstorm' ? 'rounds.brainstormHint' : 'rounds.voteHint')}</p>
        <fieldset className="plain-fieldset">
          <legend>{t('rounds.lanes')}</legend>
          <label className="check">
            <input type="checkbox" checked={chosen.size === 0} onChange={() => setChosen(new Set())} /> {t('rounds.wholeMap')}
          </label>
          {lanes.map((l) => (
            <label key={l.id} className="check">
              <input type="checkbox" checked={chosen.has(l.id)} onChange={() => toggle(l.id)} /> {l.name}
            </label>
          ))}
        </fieldset>
        <WholeNumber label={t('rounds.minutes')} max={ROUND_LIMITS.minutes} value={minutes} onChange={setMinutes} testId="round-minutes" />
        {kind === 'vote' && (
          <>
            <WholeNumber
              label={t('rounds.budget')}
              max={ROUND_LIMITS.budget}
              required
              value={budget}
              onChange={setBudget}
              testId="round-budget"
            />
            <WholeNumber label={t('rounds.topN')} max={ROUND_LIMITS.topN} required value={topN} onChange={setTopN} testId="round-topn" />
          </>
        )}
        {refused && (
          <p className="error" role="alert">
            {t(refused === 'invalid' ? 'rounds.invalid' : refused === 'round-running' ? 'rounds.roundRunning' : 'rounds.tooManyRounds', {
              minutes: ROUND_LIMITS.minutes,
              budget: ROUND_LIMITS.budget,
              topN: ROUND_LIMITS.topN,
              rounds: ROUND_LIMITS.rounds,
            })}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('rounds.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="round-start">
            {t('rounds.start')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** A labelled number from 1 to `max`, kept as typed until the form is sent. */
function WholeNumber(props: {
  label: string;
  max: number;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <label className="field">
      {props.label}
      <input
        type="number"
        min={1}
        max={props.max}
        required={props.required}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}
