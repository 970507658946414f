/** The orchestrator's side of a load generator process (generator.ts): fork it, call it, wait for the server to calm down. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './generator';
import { machineCpu, processCpuMs } from './machine';
import type { ServerUnderTest } from './servers';

const GENERATOR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'generator.ts');

export interface Generator {
  pid: number;
  call<T>(command: Command): Promise<T>;
  close(): Promise<void>;
}

export function forkGenerator(): Generator {
  // BENCH_GENERATOR_PROFILE=<dir>: a CPU profile of each generator, to see what costs it most.
  const prof = process.env.BENCH_GENERATOR_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_GENERATOR_PROFILE}`] : [];
  const child: ChildProcess = fork(GENERATOR, [], {
    execArgv: [...prof, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m.result);
    else w?.reject(new Error(`load generator: ${m.error}`));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`load generator exited with ${code}`));
    waiting.clear();
  });
  return {
    pid: child.pid!,
    call<T>(command: Command) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, ...command });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      await this.call({ cmd: 'close' }).catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until the server uses less than `percent` of a core over 300 ms (what an earlier step queued is done), 60 s at most. */
export async function serverQuiet(server: ServerUnderTest, percent = 10): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const c0 = server.cpuMs();
    await new Promise((r) => setTimeout(r, 300));
    if (((server.cpuMs() - c0) / 300) * 100 < percent) return;
  }
}

/**
 * Waits until processes other than `ours` use less than `percent` of a core
 * (two 500 ms samples in a row), 90 s at most: on a shared machine a step
 * run while something else compiles or tests measures that, not the server.
 * Resolves with the share the others used last, % of a core.
 */
export async function othersQuiet(ours: number[], percent = 25, timeoutMs = 90_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let calm = 0;
  let others = 0;
  while (Date.now() < deadline) {
    const ownCpu = () => ours.reduce((sum, pid) => sum + processCpuMs(pid), 0);
    const m0 = machineCpu();
    const o0 = ownCpu();
    await new Promise((r) => setTimeout(r, 500));
    others = ((machineCpu() - m0 - (ownCpu() - o0)) / 500) * 100;
    calm = others < percent ? calm + 1 : 0;
    if (calm >= 2) break;
  }
  return Math.round(others);
}
