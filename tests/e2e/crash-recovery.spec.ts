import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { createMap, freePort, kill9, spawnServer, tempDir } from '../fixtures/server';
import { addCard, cardByText, openMap } from './helpers';

// This test owns its server (a child process it can kill -9), separate from
// the suite's web server.
let child: ChildProcess | null = null;
test.afterEach(async () => {
  if (child && child.exitCode === null) await kill9(child);
});

test('kill -9 of the server while people edit: the UI says so, reconnects by itself, nothing is lost', async ({ browser }) => {
  const port = await freePort();
  const dataDir = tempDir();
  const dist = path.resolve('dist');
  const base = `http://127.0.0.1:${port}`;
  child = await spawnServer(port, dataDir, dist);
  const mapId = await createMap(base, { template: 'blank' });

  const a = await (await browser.newContext({ baseURL: base })).newPage();
  const b = await (await browser.newContext({ baseURL: base })).newPage();
  await openMap(a, mapId);
  await openMap(b, mapId);
  await addCard(a, 0, 0, '崩溃之前写的卡片');
  await expect(cardByText(b, '崩溃之前写的卡片')).toBeVisible();

  await kill9(child);
  await expect(a.getByTestId('connection')).toHaveAttribute('data-status', 'reconnecting');
  await expect(a.getByTestId('connection')).toContainText('Reconnecting');

  // Editing goes on while the server is down.
  await addCard(a, 1, 1, 'written while the server was down');

  child = await spawnServer(port, dataDir, dist);
  await expect(a.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  await expect(b.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  await expect(cardByText(b, 'written while the server was down')).toBeVisible();

  // A newcomer after the restart gets everything from the server.
  const c = await (await browser.newContext({ baseURL: base })).newPage();
  await openMap(c, mapId);
  await expect(cardByText(c, '崩溃之前写的卡片')).toBeVisible();
  await expect(cardByText(c, 'written while the server was down')).toBeVisible();
});
