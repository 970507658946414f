/**
 * The time left, in the top bar, for everyone on the map (viewers and
 * commenters too). At the end of a time box this browser plays a soft chime
 * (unless muted here; the choice is remembered per browser), the display
 * pulses (still under reduced motion: it only changes colour) and a polite
 * live region says "Time is up". Someone who joins after the end sees "Time
 * is up" but hears nothing: the chime is for the moment it happens.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { formatRemaining } from '../../model/timer';
import { Icon, SoundOffIcon, SoundOnIcon, TimerIcon } from '../../icons';
import { chimeMuted, playChime, primeChime, setChimeMuted } from './chime';
import { useTimerView } from './useTimerView';

export function TimerDisplay() {
  const { t } = useTranslation();
  const view = useTimerView();
  const [muted, setMuted] = useState(chimeMuted);
  const [announcement, setAnnouncement] = useState<{ text: string; seq: number } | null>(null);
  /** whether this page saw the time box running before its end: only then is the end an event */
  const counting = useRef(false);

  useEffect(() => {
    const prime = () => primeChime();
    document.addEventListener('pointerdown', prime, { once: true, capture: true });
    document.addEventListener('keydown', prime, { once: true, capture: true });
    return () => {
      document.removeEventListener('pointerdown', prime, { capture: true });
      document.removeEventListener('keydown', prime, { capture: true });
    };
  }, []);

  const { ended, clockSettled } = view;
  const state = clockSettled ? view.state : 'stopped';
  useEffect(() => {
    if (state !== 'running') {
      counting.current = false;
      return;
    }
    if (!ended) {
      counting.current = true;
      return;
    }
    if (!counting.current) return;
    counting.current = false;
    playChime();
    setAnnouncement((a) => ({ text: t('timer.timeUp'), seq: (a?.seq ?? 0) + 1 }));
  }, [state, ended, t]);

  const time = formatRemaining(view.remainingMs);
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement && <span key={announcement.seq}>{announcement.text}</span>}
      </div>
      {state !== 'stopped' && (
        <div
          className={`timer-display${ended ? ' is-up' : ''}${state === 'paused' ? ' is-paused' : ''}`}
          data-testid="timer-display"
          data-state={ended ? 'up' : state}
          title={view.startedBy ? t('timer.startedBy', { name: view.startedBy }) : undefined}
        >
          <Icon icon={TimerIcon} />
          <span
            className="timer-time"
            role="timer"
            data-testid="timer-remaining"
            aria-label={state === 'paused' ? t('timer.displayPaused', { time }) : t('timer.display', { time })}
          >
            {time}
          </span>
          {ended && <span className="timer-up">{t('timer.timeUp')}</span>}
          <button
            type="button"
            className="icon-btn timer-mute"
            data-testid="timer-mute"
            aria-pressed={muted}
            aria-label={t('timer.mute')}
            title={t('timer.mute')}
            onClick={() => {
              setChimeMuted(!muted);
              setMuted(!muted);
            }}
          >
            <Icon icon={muted ? SoundOffIcon : SoundOnIcon} />
          </button>
        </div>
      )}
    </>
  );
}
