/**
 * The cluster (STORE=postgres + Redis) on this machine's PostgreSQL and
 * Redis, three nodes against one node of the same kind, in the same run:
 *
 *   - latency and throughput: 200 maps × 10 clients editing cards, the
 *     clients of a map spread over the nodes (client k on node k mod n), at
 *     500 … 4,000 updates/s (4,000 is 2 updates/s per client). Every rate
 *     is measured on both deployments, one after the other; latency is
 *     from send to receipt at the map's other clients, all of them and
 *     those on another node than the sender. A rate is held when every
 *     delivery arrived at p99 ≤ 100 ms (load/generator.ts, throughput.ts).
 *     From the nodes' /metrics during each step: the store's append time
 *     (an edit is durable once its append commits: a client that dies with
 *     its node loses at most what it sent within that window) and the
 *     fan-out lag between nodes.
 *   - recovery: 3 nodes behind a round-robin proxy, WebsocketProvider
 *     clients (the app's client) editing; kill -9 of one node at a time:
 *     from the kill until every client that lost its socket has
 *     reconnected, synced, and holds an edit another client made after the
 *     kill.
 *
 *   npx tsx bench/cluster.ts            (BENCH_CLUSTER_RATES, BENCH_STEP_SECONDS override)
 *
 * Every process shares this machine's cores with PostgreSQL, Redis and the
 * load generator: three nodes on 2 cores measure the cost of the cluster's
 * extra hops, not the capacity of three machines.
 */
import type * as Y from 'yjs';
import { addCard, listEntities } from '../src/model';
import { startProxy } from '../tests/fixtures/proxy';
import { connect, createMap, waitFor, type Client } from '../tests/fixtures/server';
import type { LatencySummary } from './load/histogram';
import { parseServerSpecs, startDeployment, startServer, type ServerUnderTest } from './load/servers';
import { close, defaultOptions, open, step, warmUp, type Session, type ThroughputStep } from './throughput';
import { mergeIntoLatest } from './latestResults';

const log = (line: string) => console.error(`cluster: ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------- /metrics

/** One histogram of a node's /metrics: cumulative bucket counts by upper bound (s), sum and count. */
interface ScrapedHistogram {
  buckets: Map<number, number>;
  sum: number;
  count: number;
}

async function scrape(node: ServerUnderTest, name: string): Promise<ScrapedHistogram> {
  const text = await (await fetch(`${node.httpUrl}/metrics`)).text();
  const h: ScrapedHistogram = { buckets: new Map(), sum: 0, count: 0 };
  for (const line of text.split('\n')) {
    const bucket = new RegExp(`^${name}_bucket\\{.*le="([^"]+)".*\\} (\\S+)$`).exec(line);
    if (bucket) h.buckets.set(bucket[1] === '+Inf' ? Infinity : Number(bucket[1]), Number(bucket[2]));
    else if (line.startsWith(`${name}_sum`)) h.sum = Number(line.split(' ').at(-1));
    else if (line.startsWith(`${name}_count`)) h.count = Number(line.split(' ').at(-1));
  }
  return h;
}

/** The nodes' histograms added up. */
async function scrapeAll(nodes: ServerUnderTest[], name: string): Promise<ScrapedHistogram> {
  const all = await Promise.all(nodes.map((n) => scrape(n, name)));
  const total: ScrapedHistogram = { buckets: new Map(), sum: 0, count: 0 };
  for (const h of all) {
    total.sum += h.sum;
    total.count += h.count;
    for (const [le, c] of h.buckets) total.buckets.set(le, (total.buckets.get(le) ?? 0) + c);
  }
  return total;
}

interface WindowFigure {
  count: number;
  meanMs: number;
  /** the bucket bound (ms) at or below which 99 % of the observations fell */
  p99AtMostMs: number | null;
}

/** What a histogram observed between two scrapes. */
function between(before: ScrapedHistogram, after: ScrapedHistogram): WindowFigure {
  const count = after.count - before.count;
  const bounds = [...after.buckets.keys()].sort((a, b) => a - b);
  const p99 = bounds.find((le) => (after.buckets.get(le) ?? 0) - (before.buckets.get(le) ?? 0) >= 0.99 * count);
  return {
    count,
    meanMs: count > 0 ? +(((after.sum - before.sum) / count) * 1000).toFixed(2) : 0,
    p99AtMostMs: count === 0 || p99 === undefined || p99 === Infinity ? null : p99 * 1000,
  };
}

// --------------------------------------------------- latency and throughput

interface ClusterStep extends ThroughputStep {
  storeAppend: WindowFigure;
  fanoutLag: WindowFigure;
}

interface Deployment {
  label: string;
  session: Session;
  steps: ClusterStep[];
}

async function measureStep(d: Deployment, rate: number, seconds: number): Promise<ClusterStep> {
  const opts = defaultOptions();
  const nodes = d.session.servers;
  const [append0, lag0] = await Promise.all([
    scrapeAll(nodes, 'journeyboard_store_append_seconds'),
    scrapeAll(nodes, 'journeyboard_fanout_lag_seconds'),
  ]);
  const st = await step(d.session, opts, rate, seconds);
  const [append1, lag1] = await Promise.all([
    scrapeAll(nodes, 'journeyboard_store_append_seconds'),
    scrapeAll(nodes, 'journeyboard_fanout_lag_seconds'),
  ]);
  const out: ClusterStep = { ...st, storeAppend: between(append0, append1), fanoutLag: between(lag0, lag1) };
  const l = st.latencyMs;
  const x = st.crossNodeLatencyMs;
  log(
    `${d.label} ${rate}/s: p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} ms` +
      (x ? ` (across nodes p50 ${x.p50} p95 ${x.p95} p99 ${x.p99})` : '') +
      `, delivered ${st.delivered}, CPU ${st.serverCpuPercent}% of a core (all nodes), ` +
      `append mean ${out.storeAppend.meanMs} ms p99 ≤ ${out.storeAppend.p99AtMostMs} ms` +
      (st.failed ? ` → not held: ${st.failed}` : ''),
  );
  d.steps.push(out);
  return out;
}

async function latencyAndThroughput(rates: number[], seconds: number) {
  const opts = defaultOptions();
  const deployments: Deployment[] = [];
  try {
    for (const spec of parseServerSpecs('cluster:1,cluster:3')) {
      const session = await open(spec, opts);
      deployments.push({ label: spec.label, session, steps: [] });
      await warmUp(session, opts);
    }
    // Rate by rate, each deployment in turn: noise falls on both alike.
    for (const rate of rates) for (const d of deployments) await measureStep(d, rate, seconds);
  } finally {
    for (const d of deployments) await close(d.session);
  }
  return deployments.map((d) => {
    const held = d.steps.filter((s) => s.sustained).map((s) => s.rate);
    return {
      deployment: d.label,
      nodes: d.session.servers.length,
      /** the highest rate measured that was held at p99 ≤ 100 ms (rates above the last measured are not tried) */
      heldRate: held.length > 0 ? Math.max(...held) : null,
      steps: d.steps,
    };
  });
}

// ------------------------------------------------------------------ recovery

interface Writer extends Client {
  laneId: string;
  stageId: string;
  closedAt: number | null;
}

interface Recovery {
  killed: string;
  /** clients whose socket was on the killed node */
  clients: number;
  /** from kill -9 until each of them was synced again with an edit made after the kill: p50 and max */
  p50Ms: number;
  maxMs: number;
}

async function recovery(rounds = 3, maps = 10, writersPerMap = 6): Promise<Recovery[]> {
  const [spec] = parseServerSpecs('cluster:3');
  const deployment = await startDeployment(spec!);
  const nodes = [...deployment];
  const portOf = (n: ServerUnderTest) => Number(new URL(n.httpUrl).port);
  const proxy = await startProxy(nodes.map(portOf));
  const extra: ServerUnderTest[] = [];
  const writers: Writer[] = [];
  const results: Recovery[] = [];
  let writing: NodeJS.Timeout | null = null;
  try {
    const mapIds: string[] = [];
    for (let m = 0; m < maps; m++) mapIds.push(await createMap(nodes[m % nodes.length]!.httpUrl, { template: 'blank' }));
    // y-websocket's provider listens for the process's exit (to say goodbye): one listener per client here.
    process.setMaxListeners(maps * writersPerMap + 10);
    for (let i = 0; i < maps * writersPerMap; i++) {
      const w: Writer = { ...connect(proxy.url, mapIds[Math.floor(i / writersPerMap)]!), laneId: '', stageId: '', closedAt: null };
      w.provider.on('connection-close', () => (w.closedAt = Date.now()));
      writers.push(w);
    }
    await waitFor(() => writers.every((w) => w.provider.synced), 'every client synced', 60_000);
    for (const w of writers) {
      w.laneId = listEntities(w.doc, 'lanes')[0]!.id;
      w.stageId = listEntities(w.doc, 'stages')[0]!.id;
    }
    // Each client adds a card every ~250 ms, connected or not (as the app lets people do).
    let tick = 0;
    writing = setInterval(() => {
      const w = writers[tick++ % writers.length]!;
      addCard(w.doc, { laneId: w.laneId, stageId: w.stageId, text: `edit ${tick}` });
    }, 250 / writers.length);
    await sleep(2000);

    for (let round = 0; round < rounds; round++) {
      const slot = round % nodes.length;
      const victim = nodes[slot]!;
      const onIt = proxy.openTo(slot);
      proxy.setAlive(slot, false);
      for (const w of writers) w.closedAt = null;
      const killedAt = Date.now();
      process.kill(victim.pid, 'SIGKILL');
      await waitFor(() => writers.filter((w) => w.closedAt !== null).length >= onIt, 'the killed node’s clients see it go', 15_000);
      const affected = writers.filter((w) => w.closedAt !== null);
      // A card each unaffected map neighbour adds now: an affected client is back when it holds its map's one.
      const marks = new Map<Y.Doc, string>();
      for (const w of affected) {
        const helper = writers.find((o) => o.closedAt === null && o.provider.roomname === w.provider.roomname);
        const writer = helper ?? w;
        const text = `after kill ${round} ${w.provider.roomname}`;
        if (![...marks.values()].includes(text)) addCard(writer.doc, { laneId: writer.laneId, stageId: writer.stageId, text });
        marks.set(w.doc, text);
      }
      const backAt = new Map<Writer, number>();
      await waitFor(
        () => {
          for (const w of affected) {
            if (backAt.has(w)) continue;
            const mark = marks.get(w.doc)!;
            if (w.provider.wsconnected && w.provider.synced && listEntities(w.doc, 'cards').some((c) => c.text === mark))
              backAt.set(w, Date.now());
          }
          return backAt.size === affected.length;
        },
        'every affected client synced again',
        60_000,
      );
      const times = [...backAt.values()].map((t) => t - killedAt).sort((a, b) => a - b);
      const r: Recovery = {
        killed: `node ${slot + 1}`,
        clients: affected.length,
        p50Ms: times[Math.floor(times.length / 2)]!,
        maxMs: times.at(-1)!,
      };
      log(`kill -9 of ${r.killed}: ${r.clients} clients back in p50 ${r.p50Ms} ms, all in ${r.maxMs} ms`);
      results.push(r);
      // The node comes back on a new port (as a restarted container would) before the next round.
      const restarted = await startServer(spec!, { env: victim.env });
      extra.push(restarted);
      nodes[slot] = restarted;
      proxy.setBackend(slot, portOf(restarted));
      proxy.setAlive(slot, true);
      await sleep(1000);
    }
  } finally {
    if (writing) clearInterval(writing);
    for (const w of writers) w.close();
    await proxy.close();
    // The deployment's last node drops the schema and keys (killed or not): stop every other first.
    for (const n of [...extra, ...deployment.slice(0, -1)]) await n.stop();
    await deployment.at(-1)!.stop();
  }
  return results;
}

// ----------------------------------------------------------------------- run

export async function cluster() {
  const { TEST_DATABASE_URL, TEST_REDIS_URL, needServices } = await import('../tests/fixtures/services');
  let missing: string | null = null;
  await needServices({ skip: (note) => (missing = note ?? 'PostgreSQL or Redis unreachable') }, 'postgres', 'redis');
  if (missing) return `skipped: ${missing} (${TEST_DATABASE_URL}, ${TEST_REDIS_URL})`;
  const rates = (process.env.BENCH_CLUSTER_RATES ?? '500,1000,2000,4000').split(',').map(Number);
  const seconds = Number(process.env.BENCH_STEP_SECONDS ?? 8);
  const t0 = performance.now();
  const load = await latencyAndThroughput(rates, seconds);
  const recovered = await recovery();
  log(`took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const summary = (s: LatencySummary | undefined) => (s ? { p50: s.p50, p95: s.p95, p99: s.p99 } : undefined);
  const at = (label: string, rate: number) => load.find((d) => d.deployment === label)?.steps.find((s) => s.rate === rate);
  const top = Math.max(...rates);
  return {
    setup: { maps: 200, clientsPerMap: 10, stepSeconds: seconds, rates, p99LimitMs: 100 },
    /** the case: 2 updates/s per client (the highest rate), 3 nodes and 1 node */
    latencyAtTopRateMs: {
      rate: top,
      threeNodes: summary(at('cluster:3', top)?.latencyMs),
      threeNodesAcrossNodes: summary(at('cluster:3', top)?.crossNodeLatencyMs),
      oneNode: summary(at('cluster:1', top)?.latencyMs),
    },
    heldRate: Object.fromEntries(load.map((d) => [d.deployment, d.heldRate])),
    deployments: load,
    recovery: recovered,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await cluster();
  console.log(JSON.stringify(result, null, 2));
  // A string says why it was skipped (no PostgreSQL or Redis): nothing measured to keep.
  if (typeof result !== 'string') mergeIntoLatest('cluster', result);
}
