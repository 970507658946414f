/**
 * The workshop timer: one time box per map, in the map doc's root Y.Map
 * `timer` (TimerSchema), so it is stored, survives reloads and restarts, and
 * reaches everyone on the map like any edit (only editors may write the map
 * doc; the server enforces it). Every time is the server's clock: the caller
 * passes `now` from sync/serverClock.ts, so a time box ends at the same
 * instant in every browser whatever its own clock says.
 *
 * The rules are pure functions of (timer, now) so they are tested without a
 * doc; the commands below write their result in one transaction.
 */
import * as Y from 'yjs';
import { LOCAL_ORIGIN } from './doc';
import { TIMER_MAX_MS, TimerSchema, type Timer } from './schema';
import { InvalidWriteError } from './writeChecks';

export const TIMER_MINUTE_MS = 60_000;
/** The presets a facilitator picks from (minutes). */
export const TIMER_PRESETS_MIN = [3, 5, 10, 15] as const;

export function timerMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('timer');
}

/** What everyone sees: the state and the time left at `now` (0 once a running box has passed its end). */
export interface TimerView {
  state: Timer['state'];
  remainingMs: number;
  durationMs: number;
  startedBy: string;
  /** a running time box whose end has passed */
  ended: boolean;
}

export const NO_TIMER: TimerView = { state: 'stopped', remainingMs: 0, durationMs: 0, startedBy: '', ended: false };

/** The stored timer, or null when there is none or it does not parse (a bad write reads as no timer, never as a crash). */
export function readTimer(doc: Y.Doc): Timer | null {
  const map = timerMap(doc);
  if (map.size === 0) return null;
  const parsed = TimerSchema.safeParse(map.toJSON());
  return parsed.success ? parsed.data : null;
}

export function viewTimer(timer: Timer | null, now: number): TimerView {
  if (!timer || timer.state === 'stopped') return NO_TIMER;
  const base = { durationMs: timer.durationMs, startedBy: timer.startedBy };
  if (timer.state === 'paused') return { ...base, state: 'paused', remainingMs: timer.remainingMs ?? 0, ended: false };
  const remainingMs = Math.max(0, (timer.endsAt ?? 0) - now);
  return { ...base, state: 'running', remainingMs, ended: remainingMs === 0 };
}

/** Times are stored in whole ms (TimerSchema): a clock estimate may come with a fraction. */
const ms = Math.round;

/** A new running time box of `durationMs` from `now`. */
export function started(durationMs: number, startedBy: string, now: number): Timer {
  return { state: 'running', endsAt: ms(now + durationMs), durationMs: ms(durationMs), startedBy: startedBy.slice(0, 60) };
}

/** Paused where it is; a timer that is not running is left as it is. */
export function paused(timer: Timer, now: number): Timer {
  if (timer.state !== 'running') return timer;
  return { ...timer, state: 'paused', endsAt: undefined, remainingMs: ms(Math.max(0, (timer.endsAt ?? now) - now)) };
}

/** Running again with the time it had left; only a paused timer resumes. */
export function resumed(timer: Timer, now: number): Timer {
  if (timer.state !== 'paused') return timer;
  return { ...timer, state: 'running', endsAt: ms(now + (timer.remainingMs ?? 0)), remainingMs: undefined };
}

/**
 * One more minute. A running box that already ended gets a minute from now
 * (the group asked for "one more minute" after the chime), never past the
 * longest time box.
 */
export function extended(timer: Timer, now: number, byMs = TIMER_MINUTE_MS): Timer {
  if (timer.state === 'stopped') return timer;
  const left = timer.state === 'paused' ? (timer.remainingMs ?? 0) : ms(Math.max(0, (timer.endsAt ?? now) - now));
  const room = Math.max(0, TIMER_MAX_MS - left);
  const add = Math.min(byMs, room);
  const durationMs = Math.min(TIMER_MAX_MS, timer.durationMs + add);
  return timer.state === 'paused' ? { ...timer, remainingMs: left + add, durationMs } : { ...timer, endsAt: now + left + add, durationMs };
}

export function stoppedTimer(timer: Timer): Timer {
  return { state: 'stopped', durationMs: timer.durationMs, startedBy: timer.startedBy };
}

/**
 * A typed time box: minutes (`7`, `2.5`), minutes and seconds (`1:30`), or
 * with units (`90s`, `5m`, `5 min`, `5分钟`, `30秒`). Null when it is not one,
 * or outside 1 s .. 240 min.
 */
export function parseDuration(input: string): number | null {
  const s = input.trim().toLowerCase().replace(/：/g, ':').replace(/\s+/g, ' ');
  if (!s) return null;
  let ms: number | null = null;
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  const unit = /^(\d{1,4}(?:\.\d+)?) ?(s|sec|secs|seconds?|秒|m|min|mins|minutes?|分钟?)?$/.exec(s);
  if (clock) ms = (Number(clock[1]) * 60 + Number(clock[2])) * 1000;
  else if (unit) {
    const n = Number(unit[1]);
    const seconds = unit[2] !== undefined && /^(s|sec|secs|second|seconds|秒)$/.test(unit[2]);
    ms = Math.round(n * (seconds ? 1000 : TIMER_MINUTE_MS));
  }
  if (ms === null || !Number.isFinite(ms) || ms < 1000 || ms > TIMER_MAX_MS) return null;
  return ms;
}

/** `m:ss`, or `h:mm:ss` from an hour up; rounds up, so a box shows its full length at the start and 0:00 only at the end. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Writes `next` over the timer in one transaction, checked first (a refused write writes nothing). */
function write(doc: Y.Doc, next: Timer): void {
  const parsed = TimerSchema.safeParse(next);
  if (!parsed.success) throw new InvalidWriteError('timer', parsed.error.issues);
  const map = timerMap(doc);
  doc.transact(() => {
    for (const key of [...map.keys()]) if (!(key in parsed.data) || parsed.data[key as keyof Timer] === undefined) map.delete(key);
    for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined && map.get(key) !== value) map.set(key, value);
  }, LOCAL_ORIGIN);
}

export function startTimer(doc: Y.Doc, durationMs: number, startedBy: string, now: number): void {
  write(doc, started(durationMs, startedBy, now));
}

/** Applies a rule to the stored timer; nothing happens without one. */
function update(doc: Y.Doc, rule: (t: Timer) => Timer): void {
  const timer = readTimer(doc);
  if (timer) write(doc, rule(timer));
}

export const pauseTimer = (doc: Y.Doc, now: number): void => update(doc, (t) => paused(t, now));
export const resumeTimer = (doc: Y.Doc, now: number): void => update(doc, (t) => resumed(t, now));
export const addTimerMinute = (doc: Y.Doc, now: number): void => update(doc, (t) => extended(t, now));
export const stopTimer = (doc: Y.Doc): void => update(doc, stoppedTimer);

/** Calls `listener` after every change of the timer, local or remote; returns the unsubscribe. */
export function watchTimer(doc: Y.Doc, listener: () => void): () => void {
  const map = timerMap(doc);
  map.observe(listener);
  return () => map.unobserve(listener);
}
