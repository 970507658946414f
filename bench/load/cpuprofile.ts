/**
 * Summarises a V8 .cpuprofile (what `node --cpu-prof` writes): self time by
 * function and by where the code lives, optionally only over a window of
 * monotonic time (process.hrtime, which V8's profiler clock shares on
 * Linux), so the server's start-up and shutdown do not blur a load step.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** ms of samples summarised (the window, or the whole profile if no sample fell in it) */
  sampledMs: number;
  windowed: boolean;
  /** share of non-idle time, % */
  byArea: Record<string, number>;
  top: { fn: string; where: string; area: string; percent: number }[];
}

function areaOf(url: string, fn: string): string {
  if (url === '') {
    if (fn === '(garbage collector)') return 'gc';
    if (fn === '(program)') return 'program (native, unattributed)';
    if (fn === '(idle)') return 'idle';
    return 'native';
  }
  if (url.includes('/node_modules/yjs/')) return 'yjs';
  if (url.includes('/node_modules/y-protocols/')) return 'y-protocols';
  if (url.includes('/node_modules/lib0/')) return 'lib0';
  if (url.includes('/node_modules/ws/')) return 'ws';
  if (url.includes('/node_modules/better-sqlite3/')) return 'better-sqlite3';
  if (url.includes('/node_modules/zod/')) return 'zod';
  if (url.includes('/node_modules/')) return 'other packages';
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('/server/')) return 'journeyboard server';
  if (url.includes('/src/')) return 'journeyboard model';
  return 'other';
}

const shortUrl = (url: string) => url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(server|src)\//, '$1/');

/** `window`: [from, to] in process.hrtime µs; samples outside it are ignored. */
export function summariseProfile(file: string, window?: [number, number], topN = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  let inWindow = 0;
  const add = (ignoreWindow: boolean) => {
    selfUs.clear();
    t = profile.startTime;
    inWindow = 0;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i] ?? 0;
      const dt = profile.timeDeltas[i + 1] ?? 0;
      if (!ignoreWindow && window && (t < window[0] || t > window[1])) return;
      inWindow += dt;
      selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    });
  };
  add(false);
  const windowed = window !== undefined && inWindow > 0;
  if (!windowed) add(true);
  const byFn = new Map<string, { fn: string; where: string; area: string; us: number }>();
  const byArea: Record<string, number> = {};
  let busy = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const fn = functionName || '(anonymous)';
    const area = areaOf(url, fn);
    if (area === 'idle') continue;
    busy += us;
    byArea[area] = (byArea[area] ?? 0) + us;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${fn}@${where}`;
    const entry = byFn.get(key) ?? { fn, where, area, us: 0 };
    entry.us += us;
    byFn.set(key, entry);
  }
  const pct = (us: number) => +((us / Math.max(1, busy)) * 100).toFixed(1);
  return {
    sampledMs: Math.round(inWindow / 1000),
    windowed,
    byArea: Object.fromEntries(
      Object.entries(byArea)
        .sort((a, b) => b[1] - a[1])
        .map(([k, us]) => [k, pct(us)]),
    ),
    top: [...byFn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((e) => ({ fn: e.fn, where: e.where, area: e.area, percent: pct(e.us) })),
  };
}
