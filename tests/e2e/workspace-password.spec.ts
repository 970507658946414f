import path from 'node:path';
import { expect, test } from './fixtures';
import { freePort, kill9, spawnServer, tempDir } from '../fixtures/server';

// Its own server: the suite's server has no workspace password.
test('a workspace password guards the dashboard; a share link opens its map without it', async ({ browser }) => {
  const port = await freePort();
  const child = await spawnServer(port, tempDir(), path.resolve('dist'), { JOURNEYBOARD_PASSWORD: 'workshop-2026' });
  const base = `http://127.0.0.1:${port}`;
  try {
    const page = await (await browser.newContext({ baseURL: base })).newPage();
    await page.goto('/');
    await expect(page.getByTestId('sign-in')).toBeVisible();
    await page.getByLabel('Workspace password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('not right');
    await page.getByLabel('Workspace password').fill('workshop-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'New map' })).toBeVisible();

    // Signed in: create a map and take its view link.
    const created = await page.request.post('/api/maps', { data: { template: 'blank' }, headers: { origin: base } });
    expect(created.status()).toBe(201);
    const { id, links } = (await created.json()) as { id: string; links: { view: string } };

    // A stranger without the password: the dashboard and the bare map ask for it, the link works.
    const stranger = await (await browser.newContext({ baseURL: base })).newPage();
    await stranger.goto('/');
    await expect(stranger.getByTestId('sign-in')).toBeVisible();
    await stranger.goto(`/m/${id}`);
    await expect(stranger.getByTestId('sign-in')).toBeVisible();
    const view = new URL(links.view);
    await stranger.goto(view.pathname + view.search);
    await expect(stranger.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(stranger.getByTestId('role-badge')).toHaveText('View only');
  } finally {
    await kill9(child);
  }
});
