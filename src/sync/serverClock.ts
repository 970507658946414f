/**
 * The server's clock as this browser can know it: the offset between the two
 * clocks, estimated as NTP does from a few round trips to GET /api/time. The
 * server read its clock somewhere inside each round trip; taking the middle
 * is wrong by at most half the trip, so the sample with the shortest trip is
 * the one believed. The workshop timer counts with `serverNow()`, so a time
 * box ends on the same second on every screen, whatever each machine's clock
 * says.
 */

/** One round trip: our clock when the request left and when the answer came, and the server's clock in between. */
export interface ClockSample {
  sentAt: number;
  serverTime: number;
  receivedAt: number;
}

export interface ClockEstimate {
  /** add to Date.now() to get the server's time */
  offsetMs: number;
  /** the round trip of the sample believed: the estimate is within half of it */
  roundTripMs: number;
}

/** The offset from the sample with the shortest round trip (null with no usable sample). */
export function estimateOffset(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: ClockEstimate | null = null;
  for (const { sentAt, serverTime, receivedAt } of samples) {
    const roundTripMs = receivedAt - sentAt;
    if (!Number.isFinite(roundTripMs) || roundTripMs < 0 || !Number.isFinite(serverTime)) continue;
    if (best && best.roundTripMs <= roundTripMs) continue;
    best = { offsetMs: serverTime - (sentAt + roundTripMs / 2), roundTripMs };
  }
  return best;
}

const SAMPLES = 4;
/** Clocks drift and laptops sleep: measured again this often while a page is open. */
const RESYNC_MS = 5 * 60_000;

type FetchTime = () => Promise<number>;

async function fetchServerTime(): Promise<number> {
  const res = await fetch('/api/time', { cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /api/time: ${res.status}`);
  const body = (await res.json()) as { now?: unknown };
  if (typeof body.now !== 'number' || !Number.isFinite(body.now)) throw new Error('GET /api/time: no time in the answer');
  return body.now;
}

export class ServerClock {
  private offset = 0;
  private estimate: ClockEstimate | null = null;
  private syncing: Promise<void> | null = null;
  private lastSync = 0;
  private tried = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly fetchTime: FetchTime = fetchServerTime,
    private readonly localNow: () => number = () => Date.now(),
  ) {}

  /** The server's time now, as best known (this browser's clock until the first estimate), in whole ms as the format stores times. */
  now(): number {
    return Math.round(this.localNow() + this.offset);
  }

  /** Whether a first measurement has finished (well or not): before that, `now()` is only this browser's clock. */
  get settled(): boolean {
    return this.tried;
  }

  /** The estimate in use, null before the first one. */
  get current(): ClockEstimate | null {
    return this.estimate;
  }

  /** Measures again (a few round trips, one after the other) unless it did lately; failures keep the last estimate. */
  sync(force = false): Promise<void> {
    if (this.syncing) return this.syncing;
    if (!force && this.estimate && this.localNow() - this.lastSync < RESYNC_MS) return Promise.resolve();
    this.syncing = (async () => {
      const samples: ClockSample[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const sentAt = this.localNow();
        try {
          const serverTime = await this.fetchTime();
          samples.push({ sentAt, serverTime, receivedAt: this.localNow() });
        } catch {
          break; // offline: the timer runs on the last estimate (or this browser's clock)
        }
      }
      const estimate = estimateOffset(samples);
      if (estimate) {
        this.estimate = estimate;
        this.offset = estimate.offsetMs;
        this.lastSync = this.localNow();
        for (const listener of this.listeners) listener();
      }
    })().finally(() => {
      this.syncing = null;
      if (!this.tried) {
        this.tried = true;
        if (!this.estimate) for (const listener of this.listeners) listener();
      }
    });
    return this.syncing;
  }

  /** Called after each new estimate. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The page's one clock. */
export const serverClock = new ServerClock();
