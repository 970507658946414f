/**
 * What a browser downloads to open the app (issue 12), in Chromium against
 * the built app on a real server:
 *   - initial JavaScript of the dashboard and of a map page: every script the
 *     page asked for until the network went quiet, with its size gzipped
 *     (level 9; our server sends files as they are, a proxy in front would
 *     compress them) and as sent;
 *   - font bytes to open the backpack template in zh-CN and in en: on a
 *     first visit (nothing cached: the files' sizes, woff2 is compressed
 *     already) and on the next (a reload: what still came over the network,
 *     from the DevTools protocol's encoded lengths), the service worker
 *     blocked so that the page's own requests are counted;
 *   - what the service worker fetches for itself at install (the fonts listed
 *     in asset-manifest.json), which a first visit also costs, in the
 *     background.
 * Needs `npm run build`; returns null without it.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser } from '@playwright/test';
import { createMap } from '../tests/fixtures/server';
import { withBuiltApp } from './builtApp';

interface Fetched {
  url: string;
  type: string;
  /** bytes that came over the network (0 from the HTTP cache or the service worker) */
  network: number;
  fromCache: boolean;
}

/** BENCH_DIST measures another build (an older checkout's dist) against this server. */
const DIST = path.resolve(process.env.BENCH_DIST ?? 'dist');
const gzipBytes = (url: string): number => {
  const file = path.join(DIST, new URL(url).pathname);
  return fs.existsSync(file) ? zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : 0;
};
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const fileBytes = (url: string): number => {
  if (url.startsWith('data:')) return Math.floor(((url.length - url.indexOf(',') - 1) * 3) / 4);
  const file = path.join(DIST, new URL(url).pathname);
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
};

/** Opens `url` in `context`'s page (twice: a first visit, then a reload) and lists what each visit fetched. */
async function visits(browser: Browser, base: string, url: string, locale: string, ready: string) {
  const context = await browser.newContext({ baseURL: base, locale, viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let fetched = new Map<string, Fetched>();
  cdp.on('Network.requestWillBeSent', (e) =>
    fetched.set(e.requestId, { url: e.request.url, type: e.type ?? '', network: 0, fromCache: false }),
  );
  cdp.on('Network.responseReceived', (e) => {
    const f = fetched.get(e.requestId);
    if (f) f.fromCache = e.response.fromDiskCache === true || e.response.fromServiceWorker === true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const f = fetched.get(e.requestId);
    if (f && !f.fromCache) f.network = e.encodedDataLength;
  });
  const settle = async () => {
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForLoadState('networkidle');
  };
  await page.goto(url);
  await settle();
  const first = [...fetched.values()];
  fetched = new Map();
  await page.reload();
  await settle();
  const next = [...fetched.values()];
  await context.close();
  return { first, next };
}

function summary({ first, next }: { first: Fetched[]; next: Fetched[] }) {
  const scripts = first.filter((f) => f.type === 'Script');
  const fonts = (list: Fetched[]) => list.filter((f) => f.type === 'Font');
  return {
    scripts: scripts.map((s) => path.basename(new URL(s.url).pathname)),
    initialJsGzipKb: kb(scripts.reduce((n, s) => n + gzipBytes(s.url), 0)),
    initialJsSentKb: kb(scripts.reduce((n, s) => n + s.network, 0)),
    fontFiles: fonts(first).length,
    fontKbFirstVisit: kb(fonts(first).reduce((n, f) => n + fileBytes(f.url), 0)),
    fontKbNextVisit: kb(fonts(next).reduce((n, f) => n + f.network, 0)),
  };
}

export function pageWeight() {
  return withBuiltApp(async ({ base, browser }) => {
    const zh = await createMap(base, { template: 'backpack', locale: 'zh-CN' });
    const en = await createMap(base, { template: 'backpack', locale: 'en' });
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'asset-manifest.json'), 'utf8')) as string[];
    const precached = manifest.filter((u) => u.endsWith('.woff2'));
    return {
      dashboardEn: summary(await visits(browser, base, '/', 'en', '[data-testid="language-switch"]')),
      dashboardZh: summary(await visits(browser, base, '/', 'zh-CN', '[data-testid="language-switch"]')),
      mapZh: summary(await visits(browser, base, `/m/${zh}`, 'zh-CN', '[data-testid="card"]')),
      mapEn: summary(await visits(browser, base, `/m/${en}`, 'en', '[data-testid="card"]')),
      serviceWorkerFonts: {
        files: precached.length,
        kb: kb(precached.reduce((n, u) => n + fs.statSync(path.join(DIST, u)).size, 0)),
      },
    };
  }, DIST);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await pageWeight(), null, 2));
