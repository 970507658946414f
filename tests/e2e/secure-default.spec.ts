import path from 'node:path';
import { expect, test } from './fixtures';
import { freePort, kill9, spawnEntry, tempDir, waitFor } from '../fixtures/server';
import { createMap } from './helpers';

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search + u.hash;
};

// Its own server, started as an operator would on a meeting-room network: no password, all interfaces.
test('a fresh server is not an open workspace: the printed sign-in link signs one browser in, once; a view link stays view-only without its token', async ({
  browser,
}) => {
  const port = await freePort();
  const dataDir = tempDir();
  const server = spawnEntry({
    PORT: String(port),
    HOST: '0.0.0.0',
    DATA_DIR: dataDir,
    STATIC_DIR: path.resolve('dist'),
    LOG_LEVEL: 'info',
  });
  try {
    await waitFor(() => /#signin=/.test(server.output()), 'sign-in link printed', 30_000);
    const printed = /http:\/\/\S+#signin=[A-Za-z0-9_-]+/.exec(server.output())![0];
    const base = `http://localhost:${port}`;

    // A browser without the link: the dashboard says how to get in.
    const facilitator = await (await browser.newContext({ baseURL: base })).newPage();
    await facilitator.goto('/');
    await expect(facilitator.getByTestId('sign-in-link-needed')).toBeVisible();

    // The printed link signs it in; the token leaves the address bar.
    await facilitator.goto(pathOf(printed));
    await expect(facilitator.getByRole('button', { name: 'New map' })).toBeVisible();
    expect(new URL(facilitator.url()).hash).toBe('');
    const created = await facilitator.request.post('/api/maps', { data: { template: 'blank' }, headers: { origin: base } });
    expect(created.status()).toBe(201);
    const { id, links } = (await created.json()) as { id: string; links: { view: string } };
    await facilitator.goto(`/m/${id}`);
    await expect(facilitator.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await facilitator.getByTestId('share').click();
    await expect(facilitator.getByTestId('share-link-view')).toHaveValue(links.view);
    await expect(facilitator.getByTestId('open-workspace-warning')).toHaveCount(0);

    // A participant with the view link: view-only; the same address without its token is no editor's page.
    const participant = await (await browser.newContext({ baseURL: base })).newPage();
    await participant.goto(pathOf(links.view));
    await expect(participant.getByTestId('role-badge')).toHaveText('View only');
    await participant.goto(`/m/${id}`);
    await expect(participant.getByTestId('sign-in-link-needed')).toBeVisible();
    await expect(participant.getByTestId('canvas')).toHaveCount(0);
    // The printed link was used: it does not work twice.
    await participant.goto(pathOf(printed));
    await expect(participant.getByTestId('sign-in-link-failed')).toBeVisible();

    // The facilitator signs a colleague's browser in with a new one-time link.
    await facilitator.goto('/');
    await facilitator.getByTestId('sign-in-another').click();
    const invite = await facilitator.getByTestId('sign-in-link').inputValue();
    expect(invite).toMatch(/#signin=/);
    const colleague = await (await browser.newContext({ baseURL: base })).newPage();
    await colleague.goto(pathOf(invite));
    await expect(colleague.getByRole('button', { name: 'New map' })).toBeVisible();
  } finally {
    await kill9(server.child);
  }
});

test('on an open workspace the Share dialog warns that links do not limit anyone', async ({ page, request }) => {
  const id = await createMap(request);
  await page.goto(`/m/${id}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('open-workspace-warning')).toContainText('This workspace is open');
});
