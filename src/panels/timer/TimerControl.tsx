/**
 * The facilitator's timer control in the workshop toolbar (editors only: the
 * server refuses anyone else's writes to the map): presets, a typed time box,
 * and while one runs pause or resume, one more minute and stop. Everyone sees
 * the time left in the top bar (TimerDisplay).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import {
  addTimerMinute,
  formatRemaining,
  parseDuration,
  pauseTimer,
  resumeTimer,
  startTimer,
  stopTimer,
  TIMER_MINUTE_MS,
  TIMER_PRESETS_MIN,
} from '../../model/timer';
import { useOpenMap } from '../../state/mapContext';
import { useCanEdit } from '../../state/session';
import { tryCommand } from '../../state/tryCommand';
import { serverClock } from '../../sync/serverClock';
import { usePresence } from '../../sync/presence';
import { Icon, TimerIcon } from '../../icons';
import { usePopover } from '../../ui/usePopover';
import { useTimerView } from './useTimerView';

export function TimerControl() {
  const canEdit = useCanEdit();
  return canEdit ? <TimerMenu /> : null;
}

function TimerMenu() {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const view = useTimerView();
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { open, toggle, close, buttonRef, popupRef, onPopupKeyDown } = usePopover('button, input', () => setInvalid(false));
  const ids = useId();

  const start = (ms: number) => {
    tryCommand(() => startTimer(doc, ms, usePresence.getState().me.name, serverClock.now()));
    setTyped('');
    close(true);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const ms = parseDuration(typed);
    if (ms === null) return setInvalid(true);
    start(ms);
  };

  const active = view.state !== 'stopped';
  return (
    <div className="timer-control">
      <button
        type="button"
        ref={buttonRef}
        data-testid="timer-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        className={active ? 'is-on' : undefined}
        onClick={toggle}
      >
        <Icon icon={TimerIcon} /> {t('timer.button')}
      </button>
      {open && (
        <div
          className="timer-popover"
          role="dialog"
          aria-label={t('timer.dialog')}
          ref={popupRef}
          data-testid="timer-popover"
          onKeyDown={onPopupKeyDown}
        >
          {active ? (
            <>
              <p className="timer-popover-time">
                {view.state === 'paused'
                  ? t('timer.pausedAt', { time: formatRemaining(view.remainingMs) })
                  : view.ended
                    ? t('timer.timeUp')
                    : t('timer.running', { time: formatRemaining(view.remainingMs) })}
              </p>
              <div className="timer-popover-row">
                {view.state === 'paused' ? (
                  <button type="button" data-testid="timer-resume" onClick={() => tryCommand(() => resumeTimer(doc, serverClock.now()))}>
                    {t('timer.resume')}
                  </button>
                ) : (
                  <button
                    type="button"
                    data-testid="timer-pause"
                    disabled={view.ended}
                    onClick={() => tryCommand(() => pauseTimer(doc, serverClock.now()))}
                  >
                    {t('timer.pause')}
                  </button>
                )}
                <button
                  type="button"
                  data-testid="timer-add-minute"
                  title={t('timer.addMinuteLabel')}
                  onClick={() => tryCommand(() => addTimerMinute(doc, serverClock.now()))}
                >
                  {t('timer.addMinute')}
                </button>
                <button
                  type="button"
                  data-testid="timer-stop"
                  onClick={() => {
                    tryCommand(() => stopTimer(doc));
                    close(true);
                  }}
                >
                  {t('timer.stop')}
                </button>
              </div>
            </>
          ) : (
            <>
              <div className="timer-popover-row" role="group" aria-label={t('timer.presets')}>
                {TIMER_PRESETS_MIN.map((min) => (
                  <button key={min} type="button" data-testid={`timer-preset-${min}`} onClick={() => start(min * TIMER_MINUTE_MS)}>
                    {t('timer.minutes', { count: min })}
                  </button>
                ))}
              </div>
              <form className="timer-popover-row" onSubmit={onSubmit}>
                <label htmlFor={`${ids}-typed`}>{t('timer.custom')}</label>
                <input
                  id={`${ids}-typed`}
                  data-testid="timer-input"
                  value={typed}
                  size={6}
                  inputMode="decimal"
                  placeholder="7"
                  aria-invalid={invalid}
                  aria-describedby={`${ids}-hint`}
                  onChange={(e) => {
                    setTyped(e.target.value);
                    setInvalid(false);
                  }}
                />
                <button type="submit" className="primary" data-testid="timer-start">
                  {t('timer.start')}
                </button>
              </form>
              <p id={`${ids}-hint`} className={invalid ? 'error' : 'muted'} role={invalid ? 'alert' : undefined}>
                {invalid ? t('timer.invalid') : t('timer.customHint')}
              </p>
            </>
          )}
        </div>
      )}
    </div>
  );
}
