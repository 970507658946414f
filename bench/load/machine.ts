/**
 * What the machine and a process did: CPU from /proc (the whole machine's,
 * minus the server's and the generators' own, is what else ran meanwhile:
 * on a shared machine, the noise behind a figure), and syscall counts.
 */
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';

const CLK_TCK = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process, in ms (fields 14 and 15 of /proc/<pid>/stat). */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** Busy CPU time of the machine so far (user, nice, system, irq, softirq, steal), ms. */
export function machineCpu(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * 1000) / CLK_TCK;
}

export interface SyscallCounts {
  writev: number;
  write: number;
  read: number;
}

let perfWorks: boolean | null = null;

/**
 * Counts the write, writev and read syscalls of process `pid` until the
 * returned function is called (Linux `perf stat` on the syscall
 * tracepoints: the kernel counts, the process is not slowed down). Null
 * where perf or its tracepoints are not available, or with BENCH_SYSCALLS=0.
 */
export async function countSyscalls(pid: number): Promise<(() => Promise<SyscallCounts | null>) | null> {
  if (process.env.BENCH_SYSCALLS === '0' || perfWorks === false) return null;
  const events = ['writev', 'write', 'read'].map((s) => `syscalls:sys_enter_${s}`);
  const perf = spawn('perf', ['stat', '-x', ',', '-e', events.join(','), '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let out = '';
  perf.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => perf.once('close', () => resolve()));
  const spawnFailed = { yes: false };
  perf.once('error', () => (spawnFailed.yes = true));
  // perf needs a moment to attach; until then nothing is counted.
  await new Promise((r) => setTimeout(r, 200));
  if (perf.exitCode !== null || spawnFailed.yes) {
    perfWorks = false;
    return null;
  }
  return async () => {
    perf.kill('SIGINT');
    await exited;
    const counts: Partial<SyscallCounts> = {};
    for (const line of out.trim().split('\n')) {
      const [value, , event] = line.split(',');
      const name = event?.replace('syscalls:sys_enter_', '') as keyof SyscallCounts | undefined;
      if (name && ['writev', 'write', 'read'].includes(name) && /^\d+$/.test(value ?? '')) counts[name] = Number(value);
    }
    if (counts.writev === undefined) {
      perfWorks = false;
      return null;
    }
    perfWorks = true;
    return { writev: counts.writev, write: counts.write ?? 0, read: counts.read ?? 0 };
  };
}
