/**
 * A workshop on one map, on one node: 30 people with live cursors, each
 * moving their pointer (an awareness state shaped as the app sends it,
 * src/sync/presence.ts wireState, 20 times a second) and editing a card
 * twice a second, for Journeyboard and for the reference server, one at a
 * time in the same run.
 *
 * Stock y-websocket clients (the app's included) re-send every awareness
 * change they receive: with 30 people moving, each socket echoes about 580
 * states a second back, which the server has to read and ignore. The
 * figure is measured with those echoes (`stock clients`) and without
 * (`no echo`: what a client that does not echo would cost).
 *
 * Figures: deliveries/s out (all messages the server sent to the clients),
 * messages/s in, awareness latency from send to receipt at the other 29
 * clients (p50/p99) and the share of states that arrived at all (a server
 * that coalesces may skip superseded ones), edit latency, server CPU.
 *
 *   npx tsx bench/workshop.ts            (BENCH_SERVERS as in throughput.ts)
 */
import os from 'node:os';
import { forkGenerator, othersQuiet, serverQuiet } from './load/control';
import type { WorkshopResult, WorkshopSetup } from './load/generator';
import { Histogram, type LatencySummary } from './load/histogram';
import { parseServerSpecs, startServer, type ServerSpec } from './load/servers';
import { countSyscalls, machineCpu } from './load/machine';
import { mergeIntoLatest } from './latestResults';

export interface WorkshopOptions {
  servers: ServerSpec[];
  clients: number;
  awarenessHz: number;
  editsPerSecond: number;
  seconds: number;
  warmupSeconds: number;
  echo: boolean[];
}

export interface WorkshopRun {
  server: string;
  clients: 'stock clients (echo)' | 'no echo';
  awarenessFrameBytes: number;
  inPerSecond: { awareness: number; edits: number; echoes: number; total: number };
  outPerSecond: { messages: number; kilobytes: number };
  awarenessLatencyMs: LatencySummary;
  /** awareness states that reached the other clients / states sent × (clients - 1) */
  awarenessDelivered: string;
  editLatencyMs: LatencySummary;
  editsDelivered: string;
  serverCpuPercent: number;
  /** CPU other processes used meanwhile, % of one core (noise on a shared machine) */
  otherCpuPercent: number;
  /** the server's writev syscalls per message it delivered, where perf can count them */
  serverWritevPerMessageOut?: number;
  generator: { elu: number; cpuPercent: number; loopDelayP99Ms: number; sendLagP99Ms: number; saturated: boolean };
  closedSockets: number;
}

const DRAIN_MS = 3000;

export function defaultWorkshopOptions(env: NodeJS.ProcessEnv = process.env): WorkshopOptions {
  return {
    servers: parseServerSpecs(env.BENCH_SERVERS ?? 'journeyboard,reference'),
    clients: 30,
    awarenessHz: 20,
    editsPerSecond: 2,
    seconds: Number(env.BENCH_STEP_SECONDS ?? 8),
    warmupSeconds: 2,
    echo: env.BENCH_WORKSHOP_ECHO === '0' ? [false] : env.BENCH_WORKSHOP_ECHO === '1' ? [true] : [true, false],
  };
}

const log = (line: string) => console.error(`workshop: ${line}`);

async function runOnce(spec: ServerSpec, opts: WorkshopOptions, echo: boolean): Promise<WorkshopRun> {
  const server = await startServer(spec);
  const generator = forkGenerator();
  try {
    await generator.call({
      cmd: 'setup',
      setup: {
        scenario: 'workshop',
        kind: spec.kind,
        httpUrl: server.httpUrl,
        roomBase: server.roomUrl(''),
        tag: `workshop${Date.now().toString(36)}`,
        clients: opts.clients,
        awarenessHz: opts.awarenessHz,
        editsPerSecond: opts.editsPerSecond,
        echo,
      } satisfies WorkshopSetup,
    });
    await serverQuiet(server);
    await othersQuiet([server.pid, generator.pid]);
    const running = generator.call<WorkshopResult>({
      cmd: 'workshop',
      seconds: opts.seconds,
      warmupSeconds: opts.warmupSeconds,
      drainMs: DRAIN_MS,
    });
    await new Promise((r) => setTimeout(r, opts.warmupSeconds * 1000 - 200));
    const syscalls = await countSyscalls(server.pid);
    const cpu0 = server.cpuMs();
    const machine0 = machineCpu();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, opts.seconds * 1000));
    const cpuMs = server.cpuMs() - cpu0;
    const machineMs = machineCpu() - machine0;
    const wallMs = performance.now() - t0;
    const counted = await syscalls?.();
    const r = await running;
    const s = r.seconds;
    const perSecond = (n: number) => Math.round(n / s);
    const sendLag = Histogram.from([r.sendLag]);
    const generator_ = {
      elu: r.elu,
      cpuPercent: r.cpuPercent,
      loopDelayP99Ms: r.loopDelayP99Ms,
      sendLagP99Ms: +sendLag.percentile(0.99).toFixed(1),
      saturated: r.elu > 0.9 || r.loopDelayP99Ms > 50,
    };
    const run: WorkshopRun = {
      server: spec.label,
      clients: echo ? 'stock clients (echo)' : 'no echo',
      awarenessFrameBytes: r.awarenessFrameBytes,
      inPerSecond: {
        awareness: perSecond(r.sent.awareness),
        edits: perSecond(r.sent.edits),
        echoes: perSecond(r.sent.echoes),
        total: perSecond(r.sent.awareness + r.sent.edits + r.sent.echoes),
      },
      outPerSecond: { messages: perSecond(r.delivered.messages), kilobytes: perSecond(r.delivered.bytes / 1024) },
      awarenessLatencyMs: Histogram.from([r.awarenessLatency]).summary(),
      awarenessDelivered: `${r.delivered.awarenessStates}/${r.expected.awarenessStates}`,
      editLatencyMs: Histogram.from([r.editLatency]).summary(),
      editsDelivered: `${r.delivered.edits}/${r.expected.edits}`,
      serverCpuPercent: Math.round((cpuMs / wallMs) * 100),
      otherCpuPercent: Math.max(0, Math.round(((machineMs - cpuMs) / wallMs) * 100 - r.cpuPercent)),
      ...(counted ? { serverWritevPerMessageOut: +(counted.writev / Math.max(1, r.delivered.messages)).toFixed(3) } : {}),
      generator: generator_,
      closedSockets: r.closedSockets,
    };
    const a = run.awarenessLatencyMs;
    log(
      `${spec.label}, ${run.clients}: out ${run.outPerSecond.messages}/s, in ${run.inPerSecond.total}/s; ` +
        `awareness p50 ${a.p50} p99 ${a.p99} ms (${run.awarenessDelivered}); edits p99 ${run.editLatencyMs.p99} ms (${run.editsDelivered}); ` +
        `server CPU ${run.serverCpuPercent}%` +
        `${run.serverWritevPerMessageOut !== undefined ? ` (${run.serverWritevPerMessageOut} writev/message)` : ''}; generator ELU ${generator_.elu}${generator_.saturated ? ' SATURATED' : ''}; others ${run.otherCpuPercent}%`,
    );
    return run;
  } finally {
    await generator.close();
    await server.stop();
  }
}

export async function workshop(opts: WorkshopOptions = defaultWorkshopOptions()) {
  const runs: WorkshopRun[] = [];
  for (const echo of opts.echo) for (const spec of opts.servers) runs.push(await runOnce(spec, opts, echo));
  return {
    setup: {
      clients: opts.clients,
      awarenessHz: opts.awarenessHz,
      editsPerSecond: opts.editsPerSecond,
      seconds: opts.seconds,
      cores: os.cpus().length,
    },
    runs,
  };
}

if (process.argv[1]?.endsWith('workshop.ts')) {
  const result = await workshop();
  console.log(JSON.stringify(result, null, 2));
  mergeIntoLatest('workshop', result);
  process.exit(0);
}
