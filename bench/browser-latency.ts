/**
 * Browser-to-browser latency: a card text saved in Chromium A until it is on
 * screen in Chromium B, through a real server serving the built app. Needs
 * `npm run build` and Chromium (CHROMIUM_PATH); returns null without them.
 */
import { createMap } from '../tests/fixtures/server';
import { withBuiltApp } from './builtApp';

export function browserLatency(rounds = 40) {
  return withBuiltApp(async ({ base, browser }) => {
    const mapId = await createMap(base, { template: 'subscription' });
    const [a, b] = await Promise.all(
      [0, 1].map(async () => (await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } })).newPage()),
    );
    for (const p of [a!, b!]) {
      await p.goto(`/m/${mapId}`);
      await p.locator('[data-testid="connection"][data-status="connected"]').waitFor();
      await p.getByTestId('card').first().waitFor();
    }
    const cardId = await a!.getByTestId('card').first().getAttribute('data-card-id');
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const text = `latency ${i}`;
      await a!.locator(`[data-card-id="${cardId}"]`).dblclick();
      await a!.locator('textarea.inline-text').fill(text);
      // Both pages stamp the same wall clock; B stamps when the text is painted.
      // (Page code as strings: tsx would inject helpers the page does not have.)
      const seen = b!.evaluate<number>(`new Promise((resolve) => {
        const poll = () => document.querySelector('[data-card-id="${cardId}"]')?.textContent === ${JSON.stringify(text)}
          ? resolve(performance.timeOrigin + performance.now()) : requestAnimationFrame(poll);
        poll();
      })`);
      const sent = await a!.evaluate<number>(`(() => {
        const t = performance.timeOrigin + performance.now();
        document.querySelector('textarea.inline-text').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        return t;
      })()`);
      samples.push((await seen) - sent);
    }
    return samples;
  });
}
