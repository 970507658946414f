/**
 * Frame times on the 600-card map in Chromium: how long the map takes to
 * open, and the intervals between animation frames while a person pans and
 * zooms, drags an emotion point, and while a colleague edits a card every
 * 50 ms. Measured at fit view (the whole map, every card rendered: the worst
 * case) and zoomed in (a workshop's working view). Headless Chromium with
 * --disable-gpu composites in software, so these are pessimistic figures.
 * Needs `npm run build` and Chromium; returns null without them.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { listEntities, updateCardText } from '../src/model';
import { largeMapOnServer } from './largeMapOnServer';
import { withBuiltApp } from './builtApp';

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

async function scenarios(page: Page, editCard: () => void, canvasCentre: { x: number; y: number }) {
  await page.mouse.move(canvasCentre.x, canvasCentre.y);
  const pan = await measure(page, async () => {
    for (let i = 0; i < 90; i++) {
      await page.mouse.wheel(i < 45 ? 24 : -24, i % 2 ? 12 : -12);
      await page.waitForTimeout(16);
    }
  });
  const zoom = await measure(page, async () => {
    await page.keyboard.down('Control');
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, i < 30 ? -20 : 20);
      await page.waitForTimeout(16);
    }
    await page.keyboard.up('Control');
  });
  const remoteEdits = await measure(page, async () => {
    for (let i = 0; i < 60; i++) {
      editCard();
      await page.waitForTimeout(50);
    }
  });
  const point = page.getByTestId('emotion-point').first();
  const box = await point.boundingBox();
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
  const renderedCards = await page.getByTestId('card').count();
  return { renderedCards, pan, zoom, remoteEdits, dragPoint };
}

export function browserFrames(opts: { profile?: string } = {}) {
  return withBuiltApp(async ({ base, browser }) => {
    const colleague = await largeMapOnServer(base, 600, 'zh-CN');
    try {
      const mapId = colleague.provider.roomname;

      const page = await (await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } })).newPage();
      const t0 = Date.now();
      await page.goto(`/m/${mapId}`);
      await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
      await page.getByTestId('card').first().waitFor();
      const openMs = Date.now() - t0;
      await page.waitForTimeout(500);

      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
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
      const fitView = await scenarios(page, editCard, centre);
      for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomin').click();
      await page.waitForTimeout(400);
      const zoomedIn = await scenarios(page, editCard, centre);
      return { cards: 600, openMs, fitView, zoomedIn };
    } finally {
      colleague.close();
    }
  });
}
