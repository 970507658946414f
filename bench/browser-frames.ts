/**
 * Frame times on the 600-card map in Chromium: the intervals between
 * animation frames while a person pans and zooms, drags a card and an
 * emotion point, and while a colleague edits a card every 50 ms. Measured at fit view (the whole map, every card on
 * screen: the worst case) and at 100 % (where a map opens, a workshop's
 * working view). Headless Chromium with --disable-gpu composites in
 * software, so these are pessimistic figures. Needs `npm run build` and
 * Chromium; returns null without them. `dist` measures another build (an
 * older revision's, for a before/after in one run): the views are reached
 * through whichever zoom control that build has.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { listEntities, updateCardText } from '../src/model';
import { largeMapOnServer } from './largeMapOnServer';
import { withBuiltApp } from './builtApp';
import { buildAt } from './browser-cursors';
import { mergeIntoLatest } from './latestResults';

type Stats = { n: number; median: number; p95: number; max: number };

function frameStats(timestamps: number[]): Stats & { over20msPct: number } {
  const intervals = timestamps.slice(1).map((t, i) => t - timestamps[i]!);
  const s = [...intervals].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return {
    n: s.length,
    median: +q(0.5).toFixed(1),
    p95: +q(0.95).toFixed(1),
    max: +(s.at(-1) ?? 0).toFixed(1),
    over20msPct: +((100 * s.filter((x) => x > 20).length) / Math.max(1, s.length)).toFixed(1),
  };
}

// Page code as strings: tsx would inject helpers the page does not have.
// Each recording has its own generation, so a previous loop still waiting for its next frame stops.
const startFrames = `(() => {
  const generation = (window.__generation = (window.__generation || 0) + 1);
  window.__frames = [];
  const tick = (t) => { if (window.__generation !== generation) return; window.__frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;
const stopFrames = `(() => { window.__generation++; return window.__frames; })()`;

async function measure(page: Page, action: () => Promise<void>) {
  await page.evaluate(startFrames);
  await action();
  return frameStats(await page.evaluate<number[]>(stopFrames));
}

const zoomOf = async (page: Page): Promise<number> =>
  Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1] ?? NaN);

/** Fit the map to the screen: the zoom control's Fit, or (older builds) React Flow's <Controls>. */
async function fitView(page: Page) {
  const fit = page.getByTestId('zoom-control').getByRole('button', { name: /fit|适应/i });
  if (await fit.count()) await fit.click();
  else await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(500);
}

/** Zoom to about 100 %: type it into the zoom control, or (older builds) press React Flow's + until there. */
async function zoomTo100(page: Page) {
  const level = page.getByTestId('zoom-control').getByRole('combobox');
  if (await level.count()) {
    await level.fill('100%');
    await level.press('Enter');
  } else {
    for (let i = 0; i < 30 && (await zoomOf(page)) < 0.95; i++) {
      await page.locator('.react-flow__controls-zoomin').click();
      await page.waitForTimeout(60);
    }
  }
  await page.waitForTimeout(500);
}

/** A card on screen, away from the canvas's edges (and the frozen headers). */
async function cardOnScreen(page: Page, canvas: { x: number; y: number; width: number; height: number }) {
  const boxes = await page.getByTestId('card').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const margin = 0.25;
  return boxes.find(
    (b) =>
      b.x > canvas.x + canvas.width * margin &&
      b.x + b.width < canvas.x + canvas.width * (1 - margin) &&
      b.y > canvas.y + canvas.height * margin &&
      b.y + b.height < canvas.y + canvas.height * (1 - margin),
  );
}

async function scenarios(
  page: Page,
  editCard: () => void,
  canvas: { x: number; y: number; width: number; height: number },
  reset: () => Promise<void>,
) {
  const canvasCentre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  const level = +(await zoomOf(page)).toFixed(3);
  await page.mouse.move(canvasCentre.x, canvasCentre.y);
  const pan = await measure(page, async () => {
    for (let i = 0; i < 90; i++) {
      await page.mouse.wheel(i < 45 ? 24 : -24, i % 2 ? 12 : -12);
      await page.waitForTimeout(16);
    }
  });
  const zooming = await measure(page, async () => {
    await page.keyboard.down('Control');
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, i < 30 ? -20 : 20);
      await page.waitForTimeout(16);
    }
    await page.keyboard.up('Control');
  });
  await reset();
  const remoteEdits = await measure(page, async () => {
    for (let i = 0; i < 60; i++) {
      editCard();
      await page.waitForTimeout(50);
    }
  });
  const point = page.getByTestId('emotion-point').first();
  // Culled when its lane is off screen.
  const box = (await point.count()) ? await point.boundingBox() : null;
  const dragPoint = box
    ? await measure(page, async () => {
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        for (let i = 0; i < 60; i++) {
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 40 * Math.sin(i / 6), { steps: 1 });
          await page.waitForTimeout(16);
        }
        await page.mouse.up();
      })
    : 'emotion point not on screen';
  await reset();
  // A card dragged around its cell and let go where it was (one move command on drop, as a person's drag).
  const card = await cardOnScreen(page, canvas);
  const dragCard = card
    ? await measure(page, async () => {
        const from = { x: card.x + card.width / 2, y: card.y + card.height / 2 };
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        for (let i = 1; i <= 60; i++) {
          const r = 30 * Math.sin((Math.PI * i) / 60);
          await page.mouse.move(from.x + r * Math.cos(i / 5), from.y + r * Math.sin(i / 5), { steps: 1 });
          await page.waitForTimeout(16);
        }
        await page.mouse.move(from.x, from.y);
        await page.mouse.up();
      })
    : 'no card on screen';
  await page.waitForTimeout(300);
  const renderedCards = await page.getByTestId('card').count();
  return { level, renderedCards, pan, zoom: zooming, remoteEdits, dragPoint, dragCard };
}

function measureFrames(opts: { profile?: string; dist?: string }) {
  return withBuiltApp(async ({ base, browser }) => {
    const colleague = await largeMapOnServer(base, 600, 'zh-CN');
    try {
      const mapId = colleague.provider.roomname;

      // How long opening takes is browser-open.ts's measure (opened turn about with a baseline).
      const page = await (await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } })).newPage();
      await page.goto(`/m/${mapId}`);
      await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
      await page.getByTestId('card').first().waitFor();
      await page.waitForTimeout(500);

      const openZoom = +(await zoomOf(page)).toFixed(3);
      const openCards = await page.getByTestId('card').count();
      // The React Flow pane, without a bar under it.
      const canvas = (await page.locator('.react-flow').boundingBox())!;
      const target = listEntities(colleague.doc, 'cards').find((c) => c.text.includes('#'))!;
      let edits = 0;
      const editCard = () => updateCardText(colleague.doc, target.id, `${target.text} · ${++edits}`);

      if (opts.profile) {
        // A CPU profile of remote edits at fit view, for finding what a frame spends its time on.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
        for (let i = 0; i < 40; i++) {
          editCard();
          await page.waitForTimeout(50);
        }
        const { profile } = await cdp.send('Profiler.stop');
        fs.writeFileSync(opts.profile, JSON.stringify(profile));
      }
      await fitView(page);
      const fitted = await scenarios(page, editCard, canvas, () => fitView(page));
      await zoomTo100(page);
      const at100 = await scenarios(page, editCard, canvas, () => zoomTo100(page));
      return { cards: 600, openZoom, openCards, fitView: fitted, zoomedIn: at100 };
    } finally {
      colleague.close();
    }
  }, opts.dist);
}

/**
 * The figures for this build (dist/); with BENCH_FRAMES_BASELINE=<rev> also for
 * the app as committed at <rev>, built and measured in the same run, so a
 * before/after is not a comparison across machines or loads.
 */
export async function browserFrames(opts: { profile?: string } = {}) {
  if (!fs.existsSync('dist/index.html')) return null;
  const baseline = process.env.BENCH_FRAMES_BASELINE;
  if (!baseline) return measureFrames(opts);
  const rev = execFileSync('git', ['rev-parse', '--short', `${baseline}^{commit}`], { encoding: 'utf8' }).trim();
  const dist = buildAt(rev);
  try {
    const before = await measureFrames({ dist });
    return { ...(await measureFrames(opts)), baseline: { rev, ...before } };
  } finally {
    fs.rmSync(path.dirname(dist), { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('browser-frames.ts')) {
  const result = await browserFrames({ profile: process.env.BENCH_PROFILE });
  console.log(JSON.stringify(result, null, 2));
  if (result) mergeIntoLatest('frames600', result);
  process.exit(0);
}
