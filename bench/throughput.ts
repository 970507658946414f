/**
 * Throughput of one node: 200 maps × 10 clients, each client editing a card
 * of its own (a small Yjs update of the card's text), at an aggregate rate
 * stepped up until the server no longer keeps up, for Journeyboard and for
 * the stock `@y/websocket-server` 0.1.1 (the reference), one server process
 * at a time, in the same run, so the ratio between them is measured on the
 * same machine under the same noise.
 *
 * A step sends `rate` edits/s for a few seconds from a load generator in its
 * own process (load/generator.ts), measures the latency from send to
 * receipt at each of the other 9 clients of the map (p50/p95/p99), and the
 * server process's CPU (/proc/<pid>/stat). A rate is sustained when every
 * delivery arrived, p99 ≤ 100 ms, the server closed no socket, and the
 * generator kept its schedule. The sustained rate is the highest such step
 * (steps go up until one fails, then the midpoint is tried once).
 *
 *   npx tsx bench/throughput.ts                     both servers (BENCH_SERVERS overrides, see load/servers.ts)
 *   npx tsx bench/throughput.ts profile [rate]      Journeyboard under --cpu-prof at `rate` (default 1000): top self time
 *
 * Environment: BENCH_SERVERS (default `journeyboard,reference`; e.g.
 * `git:HEAD,git:HEAD+server/ws/connection.ts,reference` for an A/B of one
 * change), BENCH_RATES (default `500,1000,2000,3000,4000`), BENCH_STEP_SECONDS
 * (default 8), BENCH_GENERATORS (load generator processes, default 1: on 2
 * cores a second one only competes with the server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkGenerator, othersQuiet, serverQuiet, type Generator } from './load/control';
import { summariseProfile, type ProfileSummary } from './load/cpuprofile';
import type { StepResult, ThroughputSetup } from './load/generator';
import { Histogram, type LatencySummary } from './load/histogram';
import { countSyscalls, machineCpu } from './load/machine';
import { mergeIntoLatest } from './latestResults';
import { parseServerSpecs, startDeployment, type ServerSpec, type ServerUnderTest } from './load/servers';

export interface ThroughputOptions {
  servers: ServerSpec[];
  maps: number;
  clientsPerMap: number;
  /** rates tried in order (updates/s); after the last, steps of the last increment continue up to maxRate */
  rates: number[];
  maxRate: number;
  stepSeconds: number;
  p99LimitMs: number;
  generators: number;
}

export interface ThroughputStep {
  rate: number;
  sent: number;
  /** what the generator achieved, updates/s */
  sentPerSecond: number;
  latencyMs: LatencySummary;
  /** a cluster: the deliveries that crossed from the sender's node to another */
  crossNodeLatencyMs?: LatencySummary;
  /** deliveries that arrived within the drain time / deliveries due */
  delivered: string;
  serverCpuPercent: number;
  serverCpuUsPerUpdate: number;
  serverRssMb: number;
  /** CPU other processes used meanwhile, % of one core (noise on a shared machine) */
  otherCpuPercent: number;
  /** the server's writev syscalls per message it delivered (ws writes each frame with one; batching makes it less), where perf can count them */
  serverWritevPerDelivery?: number;
  generator: { elu: number; cpuPercent: number; loopDelayP99Ms: number; sendLagP99Ms: number; saturated: boolean };
  closedSockets: number;
  sustained: boolean;
  /** why not, when not */
  failed?: string;
}

export interface ServerThroughput {
  server: string;
  steps: ThroughputStep[];
  /** the highest sustained rate found (updates/s); null if none was */
  sustainedRate: number | null;
  /** the first failing step was one where the generator was saturated: the server's limit may be higher */
  generatorBound: boolean;
}

const DRAIN_MS = 5000;
/**
 * ms of quiet before every step. Journeyboard writes a map's row once the map
 * has been quiet for 1.5–2.5 s (server/ws/mapRow.ts): without the pause that
 * work of the step before (200 maps, of one server or three nodes) lands in
 * the next, which is another server's when they take rates in turn.
 */
const SETTLE_MS = 3000;
const WARMUP_RATE = 300;
const WARMUP_SECONDS = 3;

export function defaultOptions(env: NodeJS.ProcessEnv = process.env): ThroughputOptions {
  return {
    servers: parseServerSpecs(env.BENCH_SERVERS ?? 'journeyboard,reference'),
    maps: 200,
    clientsPerMap: 10,
    rates: (env.BENCH_RATES ?? '500,1000,2000,3000,4000').split(',').map(Number),
    maxRate: 12_000,
    stepSeconds: Number(env.BENCH_STEP_SECONDS ?? 8),
    p99LimitMs: 100,
    generators: Number(env.BENCH_GENERATORS ?? 1),
  };
}

const log = (line: string) => console.error(`throughput: ${line}`);

/** A short step before measuring (JIT, caches); not reported. */
export const warmUp = (s: Session, opts: ThroughputOptions) => step(s, opts, WARMUP_RATE, WARMUP_SECONDS);

export interface Session {
  /** one server, or a cluster's nodes (the clients of a map spread over them) */
  servers: ServerUnderTest[];
  generators: Generator[];
}

const cpuMsOf = (servers: ServerUnderTest[]) => servers.reduce((sum, s) => sum + s.cpuMs(), 0);

/** Starts `spec` and the generators, creates the maps and connects every client. */
export async function open(spec: ServerSpec, opts: ThroughputOptions, cpuProfDir?: string): Promise<Session> {
  const servers = await startDeployment(spec, cpuProfDir ? { cpuProfDir } : {});
  const server = servers[0]!;
  const generators = Array.from({ length: opts.generators }, () => forkGenerator());
  const t0 = performance.now();
  const tag = `bench${Date.now().toString(36)}`;
  await Promise.all(
    generators.map((g, i) =>
      g.call({
        cmd: 'setup',
        setup: {
          scenario: 'throughput',
          kind: spec.kind,
          httpUrl: server.httpUrl,
          roomBase: server.roomUrl(''),
          ...(servers.length > 1 ? { roomBases: servers.map((n) => n.roomUrl('')) } : {}),
          tag: `${tag}-${i}`,
          // The maps split between the generators.
          maps: Math.floor(opts.maps / opts.generators) + (i < opts.maps % opts.generators ? 1 : 0),
          clientsPerMap: opts.clientsPerMap,
        } satisfies ThroughputSetup,
      }),
    ),
  );
  log(`${spec.label}: ${opts.maps} maps × ${opts.clientsPerMap} clients connected in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { servers, generators };
}

export async function close(s: Session): Promise<void> {
  await Promise.all(s.generators.map((g) => g.close()));
  for (const server of s.servers) await server.stop();
}

/** One step at `rate` updates/s. */
export async function step(s: Session, opts: ThroughputOptions, rate: number, seconds: number): Promise<ThroughputStep> {
  const share = rate / s.generators.length;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await Promise.all(s.generators.map((g) => g.call({ cmd: 'prepare', rate: share, seconds })));
  const syscalls = s.servers.length === 1 ? await countSyscalls(s.servers[0]!.pid) : undefined;
  const cpu0 = cpuMsOf(s.servers);
  const machine0 = machineCpu();
  const t0 = performance.now();
  const results = await Promise.all(s.generators.map((g) => g.call<StepResult>({ cmd: 'run', drainMs: DRAIN_MS })));
  const cpuMs = cpuMsOf(s.servers) - cpu0;
  const machineMs = machineCpu() - machine0;
  const wallMs = performance.now() - t0;
  const counted = await syscalls?.();
  const latency = Histogram.from(results.map((r) => r.latency));
  const sendLag = Histogram.from(results.map((r) => r.sendLag));
  const sum = (f: (r: StepResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const max = (f: (r: StepResult) => number) => Math.max(...results.map(f));
  const sent = sum((r) => r.sent);
  const expected = sum((r) => r.expected);
  const received = sum((r) => r.received);
  const sendSeconds = max((r) => r.sendSeconds);
  const generator = {
    elu: max((r) => r.elu),
    cpuPercent: max((r) => r.cpuPercent),
    loopDelayP99Ms: max((r) => r.loopDelayP99Ms),
    sendLagP99Ms: +sendLag.percentile(0.99).toFixed(1),
    saturated: false,
  };
  // The generator is late on its schedule, or its loop is (nearly) always busy: what it measures is partly itself.
  generator.saturated = generator.elu > 0.9 || generator.sendLagP99Ms > 20 || generator.loopDelayP99Ms > 50;
  const latencyMs = latency.summary();
  const crossed = results.flatMap((r) => (r.crossNodeLatency ? [r.crossNodeLatency] : []));
  const closedSockets = sum((r) => r.closedSockets);
  const failed =
    closedSockets > 0
      ? `the server closed ${closedSockets} sockets`
      : received < expected
        ? `${expected - received} deliveries missing ${DRAIN_MS / 1000} s after the last send`
        : latencyMs.p99 > opts.p99LimitMs
          ? `p99 ${latencyMs.p99} ms > ${opts.p99LimitMs} ms`
          : sendSeconds > seconds * 1.1 + 0.2
            ? `the generator sent for ${sendSeconds} s instead of ${seconds} s`
            : undefined;
  return {
    rate,
    sent,
    sentPerSecond: Math.round(sent / sendSeconds),
    latencyMs,
    ...(crossed.length > 0 ? { crossNodeLatencyMs: Histogram.from(crossed).summary() } : {}),
    delivered: `${received}/${expected}`,
    serverCpuPercent: Math.round((cpuMs / wallMs) * 100),
    serverCpuUsPerUpdate: Math.round((cpuMs * 1000) / sent),
    serverRssMb: s.servers.reduce((sum, n) => sum + n.rssMb(), 0),
    otherCpuPercent: Math.max(0, Math.round(((machineMs - cpuMs) / wallMs) * 100 - sum((r) => r.cpuPercent))),
    ...(counted ? { serverWritevPerDelivery: +(counted.writev / Math.max(1, received + sum((r) => r.echoes))).toFixed(3) } : {}),
    generator,
    closedSockets,
    sustained: failed === undefined,
    ...(failed ? { failed } : {}),
  };
}

function printStep(label: string, st: ThroughputStep): void {
  const l = st.latencyMs;
  log(
    `${label} ${String(st.rate).padStart(5)}/s: p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} max ${l.max} ms, ` +
      `server CPU ${st.serverCpuPercent}% (${st.serverCpuUsPerUpdate} µs/update), delivered ${st.delivered}` +
      `${st.serverWritevPerDelivery !== undefined ? `, ${st.serverWritevPerDelivery} writev/delivery` : ''}; ` +
      `generator ELU ${st.generator.elu} CPU ${st.generator.cpuPercent}% lag p99 ${st.generator.sendLagP99Ms} ms; others ${st.otherCpuPercent}%` +
      `${st.generator.saturated ? ' SATURATED' : ''}${st.failed ? ` → not sustained: ${st.failed}` : ''}`,
  );
}

interface Contender {
  spec: ServerSpec;
  session: Session;
  steps: ThroughputStep[];
  /** the first rate it did not sustain */
  firstFail: number | null;
}

/** Other processes above this share of a core during a failed step: it is run again, once. */
const NOISY_PERCENT = 30;

async function runStep(c: Contender, opts: ThroughputOptions, rate: number): Promise<ThroughputStep> {
  const ours = [...c.session.servers.map((n) => n.pid), ...c.session.generators.map((g) => g.pid)];
  let st: ThroughputStep | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    for (const server of c.session.servers) await serverQuiet(server);
    await othersQuiet(ours);
    st = await step(c.session, opts, rate, opts.stepSeconds);
    printStep(c.spec.label, st);
    if (st.sustained || st.otherCpuPercent <= NOISY_PERCENT) break;
    log(`${c.spec.label} ${rate}/s: other processes used ${st.otherCpuPercent}% of a core meanwhile; once more`);
  }
  c.steps.push(st!);
  return st!;
}

/**
 * The servers are started together (each with its clients connected, idle
 * while another is measured) and take each rate in turn: noise from the rest
 * of a shared machine then falls on all of them alike, not on whichever ran
 * during it. Each climbs until a rate is not sustained, then tries the
 * midpoint between that and its last sustained rate once.
 */
async function measureServers(opts: ThroughputOptions): Promise<ServerThroughput[]> {
  const contenders: Contender[] = [];
  try {
    for (const spec of opts.servers) {
      const session = await open(spec, opts);
      contenders.push({ spec, session, steps: [], firstFail: null });
      await warmUp(session, opts);
    }
    const ladder = [...opts.rates];
    for (let i = 0; i < ladder.length; i++) {
      const rate = ladder[i]!;
      const climbing = contenders.filter((c) => c.firstFail === null);
      if (climbing.length === 0) break;
      for (const c of climbing) if (!(await runStep(c, opts, rate)).sustained) c.firstFail = rate;
      if (i === ladder.length - 1 && ladder.length > 1) {
        const next = rate + (rate - ladder[i - 1]!);
        if (next <= opts.maxRate) ladder.push(next);
      }
    }
    for (const c of contenders) {
      const lower = Math.max(0, ...c.steps.filter((st) => st.sustained).map((st) => st.rate));
      if (c.firstFail === null || c.firstFail - lower < 500) continue;
      const mid = Math.round((lower + c.firstFail) / 2 / 250) * 250;
      if (mid > lower && mid < c.firstFail) await runStep(c, opts, mid);
    }
  } finally {
    for (const c of contenders) await close(c.session);
  }
  return contenders.map(({ spec, steps }) => {
    const sustained = steps.filter((st) => st.sustained).map((st) => st.rate);
    const firstFailing = steps.filter((st) => !st.sustained).sort((a, b) => a.rate - b.rate)[0];
    return {
      server: spec.label,
      steps: [...steps].sort((a, b) => a.rate - b.rate),
      sustainedRate: sustained.length > 0 ? Math.max(...sustained) : null,
      generatorBound: firstFailing?.generator.saturated ?? false,
    };
  });
}

/** Each Journeyboard server against the reference: sustained rates and CPU per update at the rates both sustained. */
function ratios(results: ServerThroughput[]) {
  const ref = results.find((r) => r.server === 'reference');
  if (!ref) return undefined;
  const out: Record<string, unknown> = {};
  for (const r of results) {
    if (r === ref) continue;
    const cpu: Record<number, number> = {};
    for (const st of r.steps) {
      const other = ref.steps.find((x) => x.rate === st.rate && x.sustained);
      if (st.sustained && other) cpu[st.rate] = +(st.serverCpuUsPerUpdate / other.serverCpuUsPerUpdate).toFixed(2);
    }
    out[r.server] = {
      sustainedRate: r.sustainedRate !== null && ref.sustainedRate ? +(r.sustainedRate / ref.sustainedRate).toFixed(2) : null,
      cpuPerUpdateAtRate: cpu,
    };
  }
  return out;
}

export async function throughput(opts: ThroughputOptions = defaultOptions()) {
  const t0 = performance.now();
  const results = await measureServers(opts);
  log(`took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return {
    setup: {
      maps: opts.maps,
      clientsPerMap: opts.clientsPerMap,
      stepSeconds: opts.stepSeconds,
      p99LimitMs: opts.p99LimitMs,
      generators: opts.generators,
      cores: os.cpus().length,
    },
    servers: results,
    /** Journeyboard / reference: sustained rate (higher is better) and CPU µs per update (lower is better) */
    ratioToReference: ratios(results),
  };
}

/**
 * Journeyboard under `node --cpu-prof` at `rate` updates/s for `seconds`:
 * the top self-time functions of that window (start-up and shutdown left out).
 */
export async function profileAt(
  rate = 1000,
  seconds = 10,
  spec: ServerSpec = parseServerSpecs(process.env.BENCH_SERVERS ?? 'journeyboard')[0]!,
) {
  const opts = defaultOptions();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-prof-'));
  const s = await open(spec, { ...opts, servers: [spec] }, dir);
  let st: ThroughputStep;
  let window: [number, number];
  try {
    await warmUp(s, opts);
    await serverQuiet(s.servers[0]!);
    const from = Number(process.hrtime.bigint() / 1000n);
    st = await step(s, opts, rate, seconds);
    window = [from, Number(process.hrtime.bigint() / 1000n)];
    printStep(`${spec.label} (profiled)`, st);
  } finally {
    await close(s);
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const summary: ProfileSummary = summariseProfile(path.join(dir, file), window);
  return { server: spec.label, rate, step: st, profile: path.join(dir, file), summary };
}

if (process.argv[1]?.endsWith('throughput.ts')) {
  const [mode, arg] = process.argv.slice(2);
  const result = mode === 'profile' ? await profileAt(arg ? Number(arg) : undefined) : await throughput();
  console.log(JSON.stringify(result, null, 2));
  // Only the default pair is the figure `npm run bench` reports; an A/B of revisions is printed, not kept.
  if (mode !== 'profile' && process.env.BENCH_SERVERS === undefined) mergeIntoLatest('throughput', result);
  process.exit(0);
}
