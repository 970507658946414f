/**
 * What 29 colleagues' moving pointers cost the person watching them: the
 * 600-card map open in Chromium at fit view (every card rendered) while 29
 * other clients each send an awareness state shaped as the app sends it
 * (src/sync/presence.ts wireState) 20 times a second, pointer moving. For
 * 8 s: the intervals between animation frames, and the page's main-thread
 * time per second from the DevTools Performance domain (all tasks, script,
 * style and layout).
 *
 * BENCH_CURSORS_BASELINE=<rev> also builds the app as committed at <rev>
 * (git archive into a temporary folder, vite build there) and measures it
 * the same way in the same run, served by the same server code: a
 * before/after of a client-side change. Needs `npm run build` and Chromium;
 * returns null without them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { PRESENCE_COLORS, wireState } from '../src/sync/presence';
import { chromiumLaunchOptions } from '../tests/e2e/chromium';
import { largeMapOnServer } from './largeMapOnServer';
import { freePort, kill9, spawnServer, tempDir, wsBase } from '../tests/fixtures/server';
import { RawWebSocket } from './load/rawSocket';
import { awarenessMessage } from './load/wire';

const PEOPLE = 29;
const HZ = 20;
const SECONDS = 8;

/** The app as committed at `rev`, built into a temporary folder. */
export function buildAt(rev: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-app-'));
  const tar = execFileSync('git', ['archive', '--format=tar', rev], { maxBuffer: 512 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: dir,
    stdio: 'inherit',
  });
  return path.join(dir, 'dist');
}

type Metrics = Record<string, number>;

async function measureApp(label: string, staticDir: string) {
  const port = await freePort();
  const child = await spawnServer(port, tempDir(), staticDir);
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch(await chromiumLaunchOptions());
  const colleague = await largeMapOnServer(base, 600, 'en');
  const people: RawWebSocket[] = [];
  try {
    const mapId = colleague.provider.roomname;

    const page = await (await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`/m/${mapId}`);
    await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
    await page.getByTestId('card').first().waitFor();
    await page.waitForTimeout(500);

    // 29 people, each a socket of its own, moving a pointer over the map.
    for (let i = 0; i < PEOPLE; i++) people.push(await RawWebSocket.connect(`${wsBase(base)}/${mapId}`));
    for (const p of people) p.onMessage = () => {};
    const ids = people.map((_, i) => 1_000_000 + i);
    let clock = 0;
    const send = (t: number) => {
      clock++;
      people.forEach((p, i) => {
        const phase = (i / PEOPLE) * Math.PI * 2;
        const state = wireState({
          user: { id: `bench-person-${i}`, name: `Person ${i + 1}`, color: PRESENCE_COLORS[i % PRESENCE_COLORS.length]! },
          cursor: {
            x: 1500 + 1200 * Math.cos(phase + t * 1.1) + Math.random() / 3,
            y: 700 + 500 * Math.sin(phase + t * 0.7) + Math.random() / 3,
          },
        });
        p.send(awarenessMessage(ids[i]!, clock, JSON.stringify(state)));
      });
    };
    send(0);
    await page
      .getByTestId('remote-cursor')
      .nth(PEOPLE - 1)
      .waitFor({ timeout: 20_000 });

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Metrics> =>
      Object.fromEntries(
        ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [
          m.name,
          m.value,
        ]),
      );
    await page.evaluate(
      `(() => { window.__frames = []; const f = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(f); }; requestAnimationFrame(f); })()`,
    );
    const m0 = await metrics();
    const t0 = performance.now();
    // Each person moves at 20 Hz (their states sent together: a server coalescing per room would do the same).
    const timer = setInterval(() => send((performance.now() - t0) / 1000), 1000 / HZ);
    await page.waitForTimeout(SECONDS * 1000);
    clearInterval(timer);
    const m1 = await metrics();
    const frames = await page.evaluate<number[]>(`(() => { window.__stop = true; return window.__frames; })()`);
    const wall = (performance.now() - t0) / 1000;
    const perSecond = (name: string) => +((((m1[name] ?? 0) - (m0[name] ?? 0)) * 1000) / wall).toFixed(1);
    const intervals = frames
      .slice(1)
      .map((t, i) => t - frames[i]!)
      .sort((a, b) => a - b);
    const q = (p: number) => +(intervals[Math.min(intervals.length - 1, Math.floor(p * intervals.length))] ?? 0).toFixed(1);
    return {
      app: label,
      cursorsDrawn: await page.getByTestId('remote-cursor').count(),
      frames: {
        n: intervals.length,
        median: q(0.5),
        p95: q(0.95),
        max: q(1),
        over20msPct: +((100 * intervals.filter((x) => x > 20).length) / Math.max(1, intervals.length)).toFixed(1),
      },
      mainThreadMsPerSecond: {
        tasks: perSecond('TaskDuration'),
        script: perSecond('ScriptDuration'),
        style: perSecond('RecalcStyleDuration'),
        layout: perSecond('LayoutDuration'),
      },
    };
  } finally {
    for (const p of people) p.terminate();
    colleague.close();
    await browser.close();
    await kill9(child);
  }
}

export async function browserCursors() {
  if (!fs.existsSync('dist/index.html')) return null;
  const runs = [];
  const baseline = process.env.BENCH_CURSORS_BASELINE;
  if (baseline) {
    const rev = execFileSync('git', ['rev-parse', '--short', `${baseline}^{commit}`], { encoding: 'utf8' }).trim();
    const dist = buildAt(rev);
    try {
      runs.push(await measureApp(`git:${rev}`, dist));
    } finally {
      fs.rmSync(path.dirname(dist), { recursive: true, force: true });
    }
  }
  runs.push(await measureApp('this build (dist/)', path.resolve('dist')));
  return { people: PEOPLE, hz: HZ, seconds: SECONDS, cards: 600, runs };
}

if (process.argv[1]?.endsWith('browser-cursors.ts')) {
  console.log(JSON.stringify(await browserCursors(), null, 2));
  process.exit(0);
}
