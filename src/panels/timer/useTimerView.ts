/**
 * The map's timer as this browser shows it: the stored timer (model/timer.ts)
 * read again on every change, counted down on the server's clock
 * (sync/serverClock.ts), re-rendered four times a second while it runs.
 */
import { useEffect, useReducer, useState } from 'react';
import { readTimer, viewTimer, watchTimer, type TimerView } from '../../model/timer';
import { serverClock } from '../../sync/serverClock';
import { useOpenMap } from '../../state/mapContext';

const TICK_MS = 250;

/**
 * `clockSettled` is false until the first measurement of the server's clock
 * has finished: a browser whose clock is minutes off would otherwise flash
 * a wrong time (or "Time is up") for the length of a round trip.
 */
export function useTimerView(): TimerView & { clockSettled: boolean } {
  const { doc } = useOpenMap();
  const [timer, setTimer] = useState(() => readTimer(doc));
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    setTimer(readTimer(doc));
    return watchTimer(doc, () => setTimer(readTimer(doc)));
  }, [doc]);
  useEffect(() => {
    void serverClock.sync();
    return serverClock.subscribe(tick);
  }, []);
  const running = timer?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const id = setInterval(tick, TICK_MS);
    return () => clearInterval(id);
  }, [running]);
  return { ...viewTimer(timer, serverClock.now()), clockSettled: serverClock.settled };
}
