/** The workshop timer's rules (model/timer.ts): what everyone sees at a given server time, and typed time boxes. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTimerMinute,
  extended,
  formatRemaining,
  parseDuration,
  pauseTimer,
  paused,
  readTimer,
  resumed,
  resumeTimer,
  started,
  startTimer,
  stopTimer,
  timerMap,
  viewTimer,
} from '../../../src/model/timer';
import { TIMER_MAX_MS } from '../../../src/model/schema';
import { InvalidWriteError } from '../../../src/model/writeChecks';
import { createUndo } from '../../../src/model/undo';

const MIN = 60_000;
const T0 = 1_800_000_000_000;

describe('timer rules', () => {
  it('counts down from the start on the server clock and ends at zero, never below', () => {
    const timer = started(5 * MIN, 'Ana', T0);
    expect(viewTimer(timer, T0)).toMatchObject({ state: 'running', remainingMs: 5 * MIN, ended: false, startedBy: 'Ana' });
    expect(viewTimer(timer, T0 + 90_000).remainingMs).toBe(3.5 * MIN);
    expect(viewTimer(timer, T0 + 5 * MIN)).toMatchObject({ remainingMs: 0, ended: true });
    expect(viewTimer(timer, T0 + 9 * MIN)).toMatchObject({ remainingMs: 0, ended: true });
  });

  it('a pause keeps the time left however long it lasts, and a resume counts on from there', () => {
    const p = paused(started(5 * MIN, 'Ana', T0), T0 + MIN);
    expect(viewTimer(p, T0 + 60 * MIN)).toMatchObject({ state: 'paused', remainingMs: 4 * MIN, ended: false });
    const r = resumed(p, T0 + 60 * MIN);
    expect(viewTimer(r, T0 + 61 * MIN)).toMatchObject({ state: 'running', remainingMs: 3 * MIN });
    // Pausing a paused timer or resuming a running one changes nothing.
    expect(paused(p, T0 + 70 * MIN)).toBe(p);
    expect(resumed(r, T0 + 70 * MIN)).toBe(r);
  });

  it('+1 min adds a minute running or paused; after the end it gives one minute from now; never past 240 min', () => {
    const t = started(5 * MIN, 'Ana', T0);
    expect(viewTimer(extended(t, T0 + MIN), T0 + MIN).remainingMs).toBe(5 * MIN);
    expect(viewTimer(extended(paused(t, T0 + MIN), T0 + MIN), T0 + 30 * MIN).remainingMs).toBe(5 * MIN);
    expect(viewTimer(extended(t, T0 + 8 * MIN), T0 + 8 * MIN)).toMatchObject({ remainingMs: MIN, ended: false });
    const long = started(TIMER_MAX_MS - 30_000, 'Ana', T0);
    expect(viewTimer(extended(long, T0), T0).remainingMs).toBe(TIMER_MAX_MS);
  });

  it('no timer, a stopped one and a timer some other program wrote badly all read as no timer', () => {
    const doc = new Y.Doc();
    expect(viewTimer(readTimer(doc), T0).state).toBe('stopped');
    timerMap(doc).set('state', 'running');
    timerMap(doc).set('durationMs', 'five minutes');
    expect(readTimer(doc)).toBeNull();
  });
});

describe('timer commands', () => {
  it('start, pause, +1, resume and stop write the shared timer; a refused value writes nothing', () => {
    const doc = new Y.Doc();
    startTimer(doc, 5 * MIN, 'Ana', T0);
    expect(readTimer(doc)).toEqual({ state: 'running', endsAt: T0 + 5 * MIN, durationMs: 5 * MIN, startedBy: 'Ana' });
    pauseTimer(doc, T0 + MIN);
    expect(readTimer(doc)).toEqual({ state: 'paused', remainingMs: 4 * MIN, durationMs: 5 * MIN, startedBy: 'Ana' });
    addTimerMinute(doc, T0 + 2 * MIN);
    resumeTimer(doc, T0 + 3 * MIN);
    expect(viewTimer(readTimer(doc), T0 + 3 * MIN).remainingMs).toBe(5 * MIN);
    stopTimer(doc);
    expect(readTimer(doc)?.state).toBe('stopped');
    expect(() => startTimer(doc, TIMER_MAX_MS + 1, 'Ana', T0)).toThrow(InvalidWriteError);
    expect(readTimer(doc)?.state).toBe('stopped');
  });

  it('a server time with a fraction of a millisecond (a clock estimate) still writes whole milliseconds', () => {
    const doc = new Y.Doc();
    startTimer(doc, 5 * MIN, 'Ana', T0 + 0.5);
    expect(Number.isInteger(readTimer(doc)?.endsAt)).toBe(true);
    pauseTimer(doc, T0 + MIN + 0.25);
    const pausedLeft = readTimer(doc)?.remainingMs ?? NaN;
    expect(readTimer(doc)?.state).toBe('paused');
    expect(Number.isInteger(pausedLeft) && Math.abs(pausedLeft - 4 * MIN) <= 1).toBe(true);
    addTimerMinute(doc, T0 + 2 * MIN + 0.5);
    resumeTimer(doc, T0 + 3 * MIN + 0.5);
    const endsAt = readTimer(doc)?.endsAt ?? NaN;
    expect(readTimer(doc)?.state).toBe('running');
    expect(Number.isInteger(endsAt) && Math.abs(endsAt - (T0 + 8 * MIN)) <= 2).toBe(true);
  });

  it('a second browser sees the same time box; timer changes are not on anyone’s undo stack', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    const undo = createUndo(a);
    startTimer(a, 3 * MIN, 'Ana', T0);
    expect(viewTimer(readTimer(b), T0 + MIN).remainingMs).toBe(2 * MIN);
    expect(undo.canUndo()).toBe(false);
  });
});

describe('typed time boxes', () => {
  it.each([
    ['7', 7 * MIN],
    ['1:30', 90_000],
    ['0:45', 45_000],
    ['2.5', 150_000],
    [' 5 min ', 5 * MIN],
    ['90s', 90_000],
    ['10分钟', 10 * MIN],
    ['30秒', 30_000],
    ['1：30', 90_000],
    ['240', TIMER_MAX_MS],
  ])('%j is %d ms', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each(['', 'abc', '0', '241', '1:75', '-5', '5h', '1:2'])('%j is not a time box', (input) => expect(parseDuration(input)).toBeNull());

  it('time left reads m:ss, h:mm:ss from an hour, rounded up so 0:00 means the end', () => {
    expect(formatRemaining(5 * MIN)).toBe('5:00');
    expect(formatRemaining(299_001)).toBe('5:00');
    expect(formatRemaining(59_000)).toBe('0:59');
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(TIMER_MAX_MS)).toBe('4:00:00');
  });
});
