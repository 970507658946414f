/**
 * What `GET /metrics` shows, in the Prometheus text format (version 0.0.4),
 * so an operator can watch a workshop day: counters, gauges and histograms,
 * each labelled with this node's id. No map ids or names: a metric says how
 * much, never what. A small registry of its own rather than a library: a
 * dozen series, no dependency.
 */

type Labels = Readonly<Record<string, string>>;

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

interface Series {
  render(name: string, labels: Labels): string[];
}

export class Counter implements Series {
  private value = 0;
  inc(by = 1): void {
    this.value += by;
  }
  get(): number {
    return this.value;
  }
  render(name: string, labels: Labels): string[] {
    return [`${name}${labelText(labels)} ${this.value}`];
  }
}

/** A value read when scraped (rooms, sockets, whether Redis answers). */
export class Gauge implements Series {
  constructor(private readonly read: () => number) {}
  render(name: string, labels: Labels): string[] {
    return [`${name}${labelText(labels)} ${this.read()}`];
  }
}

/** Durations in seconds in fixed buckets (cumulative, as Prometheus wants them). */
export class Histogram implements Series {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(private readonly buckets: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]) {
    this.counts = buckets.map(() => 0);
  }
  observe(seconds: number): void {
    this.sum += seconds;
    this.count++;
    for (let i = 0; i < this.buckets.length; i++) if (seconds <= this.buckets[i]!) this.counts[i]!++;
  }
  /** Times `fn` (sync or async) into this histogram. */
  async time<T>(fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.observe((performance.now() - start) / 1000);
    }
  }
  render(name: string, labels: Labels): string[] {
    const lines = this.buckets.map((b, i) => `${name}_bucket${labelText({ ...labels, le: String(b) })} ${this.counts[i]}`);
    lines.push(`${name}_bucket${labelText({ ...labels, le: '+Inf' })} ${this.count}`);
    lines.push(`${name}_sum${labelText(labels)} ${this.sum}`, `${name}_count${labelText(labels)} ${this.count}`);
    return lines;
  }
}

interface Entry {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  series: Series;
}

export class Metrics {
  private readonly entries: Entry[] = [];

  constructor(private readonly labels: Labels = {}) {}

  counter(name: string, help: string): Counter {
    return this.add(name, help, 'counter', new Counter());
  }
  gauge(name: string, help: string, read: () => number): Gauge {
    return this.add(name, help, 'gauge', new Gauge(read));
  }
  histogram(name: string, help: string, buckets?: readonly number[]): Histogram {
    return this.add(name, help, 'histogram', new Histogram(buckets));
  }

  private add<S extends Series>(name: string, help: string, type: Entry['type'], series: S): S {
    this.entries.push({ name, help, type, series });
    return series;
  }

  /** The text a Prometheus scrape reads. */
  render(): string {
    const lines: string[] = [];
    for (const { name, help, type, series } of this.entries) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...series.render(name, this.labels));
    }
    return lines.join('\n') + '\n';
  }
}

/** The metrics the server keeps: one set per node, passed to whoever counts. */
export function serverMetrics(nodeId: string) {
  const m = new Metrics({ node: nodeId });
  return {
    registry: m,
    messagesIn: m.counter('journeyboard_ws_messages_in_total', 'Websocket messages received from clients'),
    bytesIn: m.counter('journeyboard_ws_bytes_in_total', 'Bytes of websocket messages received from clients'),
    messagesOut: m.counter('journeyboard_ws_messages_out_total', 'Websocket messages sent to clients'),
    bytesOut: m.counter('journeyboard_ws_bytes_out_total', 'Bytes of websocket messages sent to clients'),
    updatesIn: m.counter('journeyboard_updates_in_total', 'Document updates applied from this node’s clients'),
    updatesFromNodes: m.counter('journeyboard_updates_from_nodes_total', 'Document updates other nodes stored, applied here'),
    updatesRefused: m.counter('journeyboard_updates_refused_total', 'Updates refused (missing dependencies, map limits)'),
    storeAppend: m.histogram('journeyboard_store_append_seconds', 'Time to append a batch of updates to the store'),
    storeCompaction: m.histogram('journeyboard_store_compaction_seconds', 'Time to compact a document’s log'),
    storeErrors: m.counter('journeyboard_store_errors_total', 'Failed store operations (appends held and retried)'),
    fanoutLag: m.histogram('journeyboard_fanout_lag_seconds', 'From another node publishing an update to this node applying it'),
    fanoutErrors: m.counter('journeyboard_fanout_errors_total', 'Failed publications to Redis (the others re-read the store)'),
  };
}

export type ServerMetrics = ReturnType<typeof serverMetrics>;
