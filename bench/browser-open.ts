/**
 * How long the 600-card map (zh-CN) takes to open in Chromium: from the
 * address typed to the first card painted, in a fresh tab (nothing cached),
 * with the moments in between (the map socket open, the server's state
 * received). With BENCH_OPEN_BASELINE=<rev>, the app as committed at <rev> is
 * built and opened too, turn about with this build in the same run, so the
 * ratio holds on a busy machine where the absolute figures do not. Needs
 * `npm run build` and Chromium; returns null without them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/chromium';
import { freePort, kill9, spawnServer, tempDir } from '../tests/fixtures/server';
import { largeMapOnServer } from './largeMapOnServer';
import { mergeIntoLatest } from './latestResults';
import { buildAt } from './browser-cursors';

const ROUNDS = 7;

interface Opening {
  /** the map's socket opened */
  socketMs: number;
  /** the connection badge says connected (the server's state is in) */
  connectedMs: number;
  /** the first card is on screen */
  firstCardMs: number;
  /** the first frame after that with every font the page asked for loaded (its text in the app's own fonts) */
  fontsLoadedMs: number;
  /** when Playwright's waitFor saw the first card (how this figure was taken until 2026-12-04) */
  firstCardPolledMs: number;
}

/**
 * Stamps, in the page, the first animation frame in which each moment is on
 * screen, in ms since the navigation started. Playwright's waitFor polls
 * (after 20, 50, 100, 100, then every 500 ms), so it returns up to a poll
 * after the moment; the stamp is the frame that paints it.
 */
const STAMP_MOMENTS = `(() => {
  const stamps = (window.__openStamps = {});
  const moments = { connected: '[data-testid="connection"][data-status="connected"]', firstCard: '[data-testid="card"]' };
  const frame = (now) => {
    for (const [name, selector] of Object.entries(moments)) {
      if (stamps[name] !== undefined) continue;
      const el = document.querySelector(selector);
      if (el && el.checkVisibility()) stamps[name] = now;
    }
    // Text shows at once in a fallback font (font-display: swap); then the app's own fonts arrive.
    if (stamps.firstCard !== undefined && stamps.fontsLoaded === undefined && document.fonts.status === 'loaded') stamps.fontsLoaded = now;
    if (stamps.fontsLoaded === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

async function openOnce(browser: Browser, base: string, mapId: string): Promise<Opening> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  try {
    await context.addInitScript(STAMP_MOMENTS);
    const page = await context.newPage();
    let socketAt = 0;
    page.on('websocket', (ws) => {
      if (!socketAt && !ws.url().includes('/comments')) socketAt = Date.now();
    });
    const t0 = Date.now();
    await page.goto(`/m/${mapId}`);
    await page.getByTestId('card').first().waitFor();
    const firstCardPolledMs = Date.now() - t0;
    await page.waitForFunction('window.__openStamps.connected !== undefined && window.__openStamps.fontsLoaded !== undefined');
    const { connected, firstCard, fontsLoaded, origin } = (await page.evaluate(
      '({ ...window.__openStamps, origin: performance.timeOrigin })',
    )) as { connected: number; firstCard: number; fontsLoaded: number; origin: number };
    const ms = (x: number) => Math.round(x);
    return {
      socketMs: ms(socketAt - origin),
      connectedMs: ms(connected),
      firstCardMs: ms(firstCard),
      fontsLoadedMs: ms(fontsLoaded),
      firstCardPolledMs,
    };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (runs: Opening[]) => ({
  firstCardMs: median(runs.map((r) => r.firstCardMs)),
  connectedMs: median(runs.map((r) => r.connectedMs)),
  socketMs: median(runs.map((r) => r.socketMs)),
  fontsLoadedMs: median(runs.map((r) => r.fontsLoadedMs)),
  firstCardPolledMs: median(runs.map((r) => r.firstCardPolledMs)),
  firstCardEach: runs.map((r) => r.firstCardMs),
});

interface App {
  label: string;
  base: string;
  mapId: string;
  stop(): Promise<void>;
}

async function startApp(label: string, dist: string): Promise<App> {
  const port = await freePort();
  const child = await spawnServer(port, tempDir(), dist);
  const base = `http://127.0.0.1:${port}`;
  const colleague = await largeMapOnServer(base, 600, 'zh-CN');
  return {
    label,
    base,
    mapId: colleague.provider.roomname,
    stop: async () => {
      colleague.close();
      await kill9(child);
    },
  };
}

export async function browserOpen() {
  if (!fs.existsSync('dist/index.html')) return null;
  const baseline = process.env.BENCH_OPEN_BASELINE;
  const rev = baseline ? execFileSync('git', ['rev-parse', '--short', `${baseline}^{commit}`], { encoding: 'utf8' }).trim() : null;
  const baselineDist = rev ? buildAt(rev) : null;
  const apps = [await startApp('this build (dist/)', path.resolve('dist'))];
  if (baselineDist) apps.push(await startApp(`git:${rev}`, baselineDist));
  const browser = await chromium.launch(await chromiumLaunchOptions());
  try {
    const runs = new Map<App, Opening[]>(apps.map((a) => [a, []]));
    // A first opening of each warms the servers' caches and Chromium; it is not counted.
    for (const app of apps) await openOnce(browser, app.base, app.mapId);
    for (let round = 0; round < ROUNDS; round++)
      for (const app of round % 2 ? [...apps].reverse() : apps) runs.get(app)!.push(await openOnce(browser, app.base, app.mapId));
    const [current, before] = apps.map((a) => ({ label: a.label, ...summary(runs.get(a)!) }));
    return {
      cards: 600,
      locale: 'zh-CN',
      rounds: ROUNDS,
      current,
      ...(before ? { baseline: before, firstCardRatio: +(current!.firstCardMs / before.firstCardMs).toFixed(2) } : {}),
    };
  } finally {
    await browser.close();
    for (const app of apps) await app.stop();
    if (baselineDist) fs.rmSync(path.dirname(baselineDist), { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('browser-open.ts')) {
  const result = await browserOpen();
  console.log(JSON.stringify(result, null, 2));
  if (result) mergeIntoLatest('open600', result);
}
