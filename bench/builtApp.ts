/**
 * The browser benchmarks' setting: the built app served by a real server
 * (its own data folder) and a Chromium to open it, both stopped afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/chromium';
import { freePort, kill9, spawnServer, tempDir } from '../tests/fixtures/server';

export interface BuiltApp {
  /** the server's origin, http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
}

/** What `measure` returns with the app of `dist` running; null when `dist` holds no build (`npm run build`). */
export async function withBuiltApp<T>(measure: (app: BuiltApp) => Promise<T>, dist = path.resolve('dist')): Promise<T | null> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return null;
  const port = await freePort();
  const child = await spawnServer(port, tempDir(), dist);
  const browser = await chromium.launch(await chromiumLaunchOptions());
  try {
    return await measure({ base: `http://127.0.0.1:${port}`, browser });
  } finally {
    await browser.close();
    await kill9(child);
  }
}
