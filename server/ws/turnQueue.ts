/**
 * Background jobs of many rooms (a map row's summary, its searchable copy),
 * started one per event-loop turn. Rooms that were loaded or edited at the
 * same moment keep their timers in step: on a node with 200 busy maps every
 * 2 s timer fired in the same turn, each walked its whole map, and every
 * edit relayed behind them waited ~100 ms (bench/throughput.ts: p95 71 ms at
 * 1,000 updates/s). Started one per turn, the relay's work runs in between,
 * so an edit waits for one map's walk at most. A few jobs may wait on their
 * store at once, so a slow store (PostgreSQL's round trips) does not make
 * the queue the bottleneck.
 */
export type BackgroundJob = () => Promise<void>;

export class TurnQueue {
  private readonly jobs: BackgroundJob[] = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly maxRunning = 4) {}

  /** Jobs waiting to start. */
  get waiting(): number {
    return this.jobs.length;
  }

  /** Runs `job` on a later turn. A job handles its own errors: a rejection is ignored here. */
  add(job: BackgroundJob): void {
    this.jobs.push(job);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.jobs.length === 0 || this.running >= this.maxRunning) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const job = this.jobs.shift();
      if (job === undefined) return;
      this.running++;
      const finished = () => {
        this.running--;
        this.schedule();
      };
      // Through a promise, so a job that throws before its first await cannot throw out of setImmediate.
      Promise.resolve().then(job).then(finished, finished);
      this.schedule();
    });
  }
}
