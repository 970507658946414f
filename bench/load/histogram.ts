/**
 * A latency histogram (ms) that load generators fill and the orchestrator
 * merges: fixed buckets, so percentiles of hundreds of thousands of samples
 * cost no sorting and cross a process boundary as a few hundred numbers.
 * Buckets are 0.05 ms wide up to 100 ms, 1 ms wide up to 10 s, then one
 * overflow bucket; a percentile is the middle of its bucket (the true max
 * is kept aside).
 */
const FINE_MS = 100;
const FINE_STEP = 0.05;
const COARSE_MS = 10_000;
const FINE_BUCKETS = Math.round(FINE_MS / FINE_STEP);
const BUCKETS = FINE_BUCKETS + (COARSE_MS - FINE_MS) + 1;

/** What crosses the process boundary: [bucket, count] pairs of the non-empty buckets. */
export interface HistogramData {
  buckets: [number, number][];
  n: number;
  sum: number;
  max: number;
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function bucketOf(ms: number): number {
  if (ms < FINE_MS) return Math.max(0, Math.floor(ms / FINE_STEP));
  if (ms < COARSE_MS) return FINE_BUCKETS + Math.floor(ms - FINE_MS);
  return BUCKETS - 1;
}

function middleOf(bucket: number): number {
  if (bucket < FINE_BUCKETS) return (bucket + 0.5) * FINE_STEP;
  if (bucket < BUCKETS - 1) return FINE_MS + (bucket - FINE_BUCKETS) + 0.5;
  return COARSE_MS;
}

export class Histogram {
  private counts = new Uint32Array(BUCKETS);
  n = 0;
  sum = 0;
  max = 0;

  add(ms: number): void {
    this.counts[bucketOf(ms)]!++;
    this.n++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  merge(data: HistogramData): void {
    for (const [b, c] of data.buckets) this.counts[b]! += c;
    this.n += data.n;
    this.sum += data.sum;
    this.max = Math.max(this.max, data.max);
  }

  /** The latency below which a share `p` (0..1) of the samples lie; NaN when empty. */
  percentile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p * this.n));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return Math.min(middleOf(b), this.max);
    }
    return this.max;
  }

  summary(): LatencySummary {
    const r = (x: number) => (Number.isNaN(x) ? NaN : +x.toFixed(2));
    return {
      n: this.n,
      p50: r(this.percentile(0.5)),
      p95: r(this.percentile(0.95)),
      p99: r(this.percentile(0.99)),
      max: r(this.max),
      mean: r(this.n === 0 ? NaN : this.sum / this.n),
    };
  }

  toJSON(): HistogramData {
    const buckets: [number, number][] = [];
    this.counts.forEach((c, b) => c > 0 && buckets.push([b, c]));
    return { buckets, n: this.n, sum: this.sum, max: this.max };
  }

  static from(parts: HistogramData[]): Histogram {
    const h = new Histogram();
    for (const p of parts) h.merge(p);
    return h;
  }
}
