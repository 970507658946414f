/**
 * One slide of a presentation, over the whole window: the stage's name and
 * place ("Stage 2 of 7"), the persona always on the left, the slide (the
 * stage's cards by lane, or one card of a path) in the middle, the emotion
 * curve always at the bottom with the slide's stage highlighted. The
 * presenter turns slides with → PageDown Space / ← PageUp, Home / End, and
 * leaves with Esc; a follower sees the presenter's slide and may only stop
 * following.
 */
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { buildSlides, clampStep, presentedPersona, stageMoods, type Slide, type StageMood } from '../../model/presentation';
import { EMOTION_MAX, EMOTION_MIN, type Card } from '../../model/schema';
import { useShownSnapshot } from '../../state/useShownSnapshot';
import { Avatar } from '../../ui/Avatar';
import { ArrowLeft, ArrowRight, CloseIcon, EmotionFace, Icon, TAG_ICONS } from '../../icons';

const NEXT_KEYS = new Set(['ArrowRight', 'PageDown', ' ', 'Spacebar']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'PageUp']);

export interface PresentationViewProps {
  step: number;
  path: readonly string[] | null;
  /** set for the presenter: turns the slide */
  onStep?: (step: number) => void;
  onLeave(): void;
  /** set for a follower: whose presentation this is */
  presenter?: string;
}

export function PresentationView({ step, path, onStep, onLeave, presenter }: PresentationViewProps) {
  const { t } = useTranslation();
  // The states this user's switch shows (current, future or both), as on the canvas.
  const map = useShownSnapshot();
  const slides = useMemo(() => buildSlides(map, path), [map, path]);
  const moods = useMemo(() => stageMoods(map), [map]);
  const persona = presentedPersona(map);
  const at = clampStep(step, slides.length);
  const slide = slides[at];
  const root = useRef<HTMLDivElement>(null);

  const keys = useRef({ at, count: slides.length, onStep, onLeave });
  keys.current = { at, count: slides.length, onStep, onLeave };
  useEffect(() => {
    root.current?.focus();
    const opener = document.activeElement;
    // Capture phase: the canvas's own keys (arrows, Space, Esc) must not see the presentation's.
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
      const { at: now, count, onStep: turn, onLeave: leave } = keys.current;
      let next: number | null = null;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        leave();
        return;
      }
      if (e.key === 'Tab') return keepFocusInside(e, root.current);
      if (!turn) return;
      if (NEXT_KEYS.has(e.key)) next = now + 1;
      else if (PREVIOUS_KEYS.has(e.key)) next = now - 1;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = count - 1;
      if (next === null) return;
      e.preventDefault();
      e.stopPropagation();
      turn(clampStep(next, count));
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) opener.focus();
    };
  }, []);

  const position = slide ? positionLabel(slide, at, slides.length, map.stages.length, t) : '';
  return (
    <div
      className="presentation"
      role="dialog"
      aria-modal="true"
      aria-label={t('present.dialog')}
      tabIndex={-1}
      ref={root}
      data-testid="presentation"
      data-step={at}
    >
      {presenter !== undefined && (
        <div className="presentation-following" data-testid="presentation-following">
          <span>{t('present.following', { name: presenter })}</span>
          <button type="button" className="primary" onClick={onLeave}>
            {t('present.stopFollowing')}
          </button>
        </div>
      )}
      <header className="presentation-head">
        {/* Announced on every turn, so a screen reader hears where the presentation is. */}
        <div aria-live="polite" aria-atomic="true">
          <h2 data-testid="presentation-title" style={slide ? ({ '--stage-color': slide.stage.color } as CSSProperties) : undefined}>
            {slide ? slide.stage.name : t('present.noSlides')}
          </h2>
          <p className="presentation-position" data-testid="presentation-position">
            {position}
          </p>
        </div>
      </header>
      <div className="presentation-body">
        {persona && (
          <aside className="presentation-persona" aria-label={t('present.persona')}>
            <Avatar value={persona.avatar} size={72} />
            <p className="presentation-persona-name">{persona.name}</p>
            {persona.role && <p className="muted">{persona.role}</p>}
            {persona.quote && <blockquote>“{persona.quote}”</blockquote>}
            {persona.goals.length > 0 && (
              <>
                <h3>{t('present.goals')}</h3>
                <ul>
                  {persona.goals.slice(0, 4).map((goal, i) => (
                    <li key={i}>{goal}</li>
                  ))}
                </ul>
              </>
            )}
          </aside>
        )}
        <section className="presentation-slide" aria-label={slide?.stage.name ?? t('present.dialog')}>
          {slide?.kind === 'stage' &&
            (slide.lanes.length === 0 ? (
              <p className="muted">{t('present.emptyStage')}</p>
            ) : (
              slide.lanes.map(({ lane, cards, more }) => (
                <div className="presentation-lane" key={lane.id} data-testid="presentation-lane">
                  <h3>{lane.name}</h3>
                  <ul>
                    {cards.map((card) => (
                      <SlideCard key={card.id} card={card} />
                    ))}
                    {more > 0 && <li className="presentation-more">{t('present.more', { count: more })}</li>}
                  </ul>
                </div>
              ))
            ))}
          {slide?.kind === 'card' && (
            <div className="presentation-one-card">
              {slide.lane && <p className="muted">{t('present.lane', { name: slide.lane.name })}</p>}
              <ul>
                <SlideCard card={slide.card} large />
              </ul>
            </div>
          )}
        </section>
      </div>
      <footer className="presentation-foot">
        <MoodCurve moods={moods} current={slide?.stageId ?? null} />
        <div className="presentation-nav">
          {onStep && (
            <>
              <button type="button" data-testid="presentation-previous" disabled={at === 0} onClick={() => onStep(at - 1)}>
                <Icon icon={ArrowLeft} /> {t('present.previous')}
              </button>
              <button type="button" data-testid="presentation-next" disabled={at >= slides.length - 1} onClick={() => onStep(at + 1)}>
                {t('present.next')} <Icon icon={ArrowRight} />
              </button>
              <span className="muted">{t('present.keysHint')}</span>
            </>
          )}
          <span className="spacer" />
          <button type="button" data-testid="presentation-leave" onClick={onLeave}>
            <Icon icon={CloseIcon} /> {presenter !== undefined ? t('present.stopFollowing') : t('present.leave')}
          </button>
        </div>
      </footer>
    </div>
  );
}

/** aria-modal: Tab and Shift+Tab go round the presentation's own controls. */
function keepFocusInside(e: KeyboardEvent, root: HTMLElement | null): void {
  if (!root) return;
  const controls = [...root.querySelectorAll<HTMLElement>('button:not(:disabled)')];
  if (controls.length === 0) return;
  const at = controls.indexOf(document.activeElement as HTMLElement);
  const next = e.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : (at + 1) % controls.length;
  e.preventDefault();
  controls[next]!.focus();
}

function positionLabel(
  slide: Slide,
  at: number,
  count: number,
  stageCount: number,
  t: (key: string, v?: Record<string, unknown>) => string,
) {
  const stage = t('present.stageOf', { n: slide.stageNumber, total: stageCount });
  return slide.kind === 'stage' ? stage : `${stage} · ${t('present.slideOf', { n: at + 1, total: count })}`;
}

function SlideCard({ card, large = false }: { card: Card; large?: boolean }) {
  const { t } = useTranslation();
  const votes = Object.values(card.votes ?? {}).reduce((a, b) => a + b, 0);
  return (
    <li className={`presentation-card${large ? ' is-large' : ''}`} data-testid="presentation-card">
      <span className="presentation-card-text">{card.text}</span>
      {(card.emotion !== undefined || (card.tags?.length ?? 0) > 0 || votes > 0) && (
        <span className="presentation-card-facets">
          {card.emotion !== undefined && <EmotionFace score={card.emotion} />}
          {card.tags?.map((tag) => (
            <Icon key={tag} icon={TAG_ICONS[tag]} label={t(`tags.${tag}`)} />
          ))}
          {votes > 0 && <span>{t('present.votes', { count: votes })}</span>}
        </span>
      )}
    </li>
  );
}

/** The emotion curve in a strip: one column per stage (the slide's highlighted), one point per scored stage. */
function MoodCurve({ moods, current }: { moods: readonly StageMood[]; current: string | null }) {
  const { t } = useTranslation();
  const W = 100;
  const H = 60;
  const y = (score: number) => 6 + ((EMOTION_MAX - score) / (EMOTION_MAX - EMOTION_MIN)) * (H - 12);
  const points = moods.flatMap((m, i) => (m.emotion === null ? [] : [{ x: i * W + W / 2, y: y(m.emotion) }]));
  return (
    <figure className="presentation-curve" aria-label={t('present.curve')}>
      <svg viewBox={`0 0 ${Math.max(1, moods.length) * W} ${H}`} preserveAspectRatio="none" aria-hidden focusable="false">
        {moods.map((m, i) => (
          <rect key={m.stageId} x={i * W} y={0} width={W} height={H} className={m.stageId === current ? 'is-current' : undefined} />
        ))}
        <line x1={0} x2={moods.length * W} y1={y(0)} y2={y(0)} className="presentation-curve-zero" />
        <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} vectorEffect="non-scaling-stroke" />
      </svg>
      <ol className="presentation-curve-stages">
        {moods.map((m) => (
          <li key={m.stageId} aria-current={m.stageId === current ? 'step' : undefined}>
            {m.name}
            <span className="visually-hidden">
              {': '}
              {m.emotion === null ? t('present.moodNone') : t('present.mood', { score: m.emotion })}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
