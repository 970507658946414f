/**
 * How long a remote pointer takes to glide to each position that arrives
 * for it (20 a second from a moving mouse, fewer when a busy server thins
 * them out): about the time positions have been taking to arrive, so the
 * pointer moves at a steady speed and gets to each position as the next one
 * is due: smooth at 5 Hz as at 20 Hz, about one interval behind. The glide
 * itself is a CSS transition of the pointer's transform (RemoteCursors.tsx),
 * which the browser runs on its compositor: no script or style work per
 * frame. Pure (times are passed in), so it is tested without a browser.
 */

/** The app sends a moving pointer every 50 ms: the first guess at the interval. */
const DEFAULT_INTERVAL_MS = 50;
/** One frame at least, a quarter second at most (a slower trickle would trail far behind). */
const MIN_GLIDE_MS = 16;
const MAX_GLIDE_MS = 250;
/** A gap longer than this is a pause, not the rate: it does not stretch the next glide. */
const PAUSE_MS = 400;
/** A little longer than the interval, so jitter makes the pointer slow down rather than stop and start. */
const GLIDE_PER_INTERVAL = 1.2;
/** Weight of the newest gap in the running interval. */
const SMOOTHING = 0.3;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export class CursorPacing {
  private readonly tracks = new Map<number, { lastArrival: number; interval: number }>();

  /** A new position of pointer `id` arrived at `now` (ms): how long to glide to it (0: the first, shown where it is). */
  arrive(id: number, now: number): number {
    const t = this.tracks.get(id);
    if (!t) {
      this.tracks.set(id, { lastArrival: now, interval: DEFAULT_INTERVAL_MS });
      return 0;
    }
    const gap = now - t.lastArrival;
    if (gap < PAUSE_MS) t.interval += (clamp(gap, MIN_GLIDE_MS, MAX_GLIDE_MS) - t.interval) * SMOOTHING;
    t.lastArrival = now;
    return Math.round(clamp(t.interval * GLIDE_PER_INTERVAL, MIN_GLIDE_MS, MAX_GLIDE_MS));
  }

  /** The pointer went away: if it comes back, it appears where it comes back. */
  forget(id: number): void {
    this.tracks.delete(id);
  }
}
