import { expect, test } from './fixtures';
import { smallMapFile } from '../fixtures/mapFile';
import { openMap } from './helpers';

const DAY = 24 * 3600e3;
const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

test('owners and freshness: a stale map is marked reviewed, leaves the stale list, and a viewer sees “last reviewed”', async ({
  browser,
  request,
}) => {
  // A map last reviewed 100 days ago on a 30-day cadence, brought in as a JSON import with those meta fields
  // (the open format carries them), owned by someone only this test names.
  const owner = `Ana Li ${Date.now().toString(36)}`;
  const file = smallMapFile();
  const title = `Onboarding journey ${Date.now().toString(36)}`;
  const res = await request.post('/api/maps/import', {
    data: { ...file, meta: { ...file.meta, title, locale: 'en', owner, reviewEveryDays: 30, lastReviewedAt: Date.now() - 100 * DAY } },
  });
  expect(res.status()).toBe(201);
  const { id, links } = (await res.json()) as { id: string; links: { view: string } };
  const fresh = await request.post('/api/maps', { data: { title: `Fresh map ${Date.now().toString(36)}` } });
  expect(fresh.status()).toBe(201);
  const freshId = ((await fresh.json()) as { id: string }).id;

  // The dashboard: the stale map first, with a badge; the owner and freshness filters find it.
  const lead = await (await browser.newContext()).newPage();
  await lead.goto('/');
  const rows = lead.getByTestId('map-row');
  await expect(rows.first()).toHaveAttribute('data-map-id', id);
  const row = lead.locator(`[data-testid="map-row"][data-map-id="${id}"]`);
  await expect(row.getByTestId('stale-badge')).toHaveText('Review overdue');
  await expect(row.getByTestId('map-owner')).toHaveText(`Owner: ${owner}`);
  await expect(row.getByTestId('map-review')).toHaveText('Last reviewed 3 months ago · Overdue by 2 months');
  await expect(lead.getByTestId('stale-count')).toBeVisible();
  await lead.getByTestId('owner-filter').selectOption(owner);
  await lead.getByTestId('freshness-filter').selectOption('stale');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-map-id', id);

  // A viewer (another browser, the view link) sees how fresh the map is.
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(pathOf(links.view));
  // A cold page in a new browser context: on a machine busy with other browsers it may take more than 10 s.
  await expect(viewer.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  const viewerStatus = viewer.getByTestId('review-status');
  await expect(viewerStatus.getByTestId('last-reviewed')).toHaveText('Last reviewed 3 months ago');
  await expect(viewerStatus).toHaveAttribute('data-freshness', 'stale');
  await expect(viewerStatus).toHaveAttribute('title', `Owner: ${owner} · Last reviewed 3 months ago · Overdue by 2 months`);
  // Viewers read the owner and the cadence; they cannot change them or mark the map reviewed.
  await viewerStatus.click();
  const viewerDialog = viewer.getByTestId('review-dialog');
  await expect(viewerDialog.getByTestId('review-owner-text')).toHaveText(`Owner: ${owner}`);
  await expect(viewerDialog.getByTestId('mark-reviewed')).toHaveCount(0);
  await expect(viewerDialog.getByTestId('review-owner')).toHaveCount(0);
  await viewer.keyboard.press('Escape');

  // The CX lead opens the map, hands it to a colleague and marks it reviewed.
  await openMap(lead, id);
  await lead.getByTestId('review-status').click();
  const dialog = lead.getByTestId('review-dialog');
  await expect(dialog.getByTestId('review-owner')).toHaveValue(owner);
  await expect(dialog.getByTestId('review-cadence')).toHaveValue('30');
  const newOwner = `Mei Chen ${Date.now().toString(36)}`;
  await dialog.getByTestId('review-owner').fill(newOwner);
  await dialog.getByTestId('review-owner').press('Enter');
  await dialog.getByTestId('review-cadence').selectOption('90');
  await dialog.getByTestId('mark-reviewed').click();
  await expect(dialog.getByTestId('review-message')).toContainText('Marked as reviewed; saved as the version “Reviewed');
  await lead.keyboard.press('Escape');
  await expect(lead.getByTestId('last-reviewed')).toHaveText('Last reviewed today');

  // The viewer's line follows live: reviewed today, due in three months, under the new owner.
  await expect(viewerStatus.getByTestId('last-reviewed')).toHaveText('Last reviewed today');
  await expect(viewerStatus).toHaveAttribute('data-freshness', 'current');
  await expect(viewerStatus).toHaveAttribute('title', `Owner: ${newOwner} · Last reviewed today · Review due in 3 months`);

  // The review is a named version in the history.
  await lead.getByTestId('history').click();
  await expect(lead.getByTestId('version').filter({ hasText: 'Reviewed' })).toHaveCount(1);
  await lead.keyboard.press('Escape');

  // Back on the dashboard the map has left the stale list, and its card says so.
  await lead.goto('/');
  await lead.getByTestId('freshness-filter').selectOption('stale');
  await expect(lead.locator(`[data-testid="map-row"][data-map-id="${id}"]`)).toHaveCount(0);
  await lead.getByTestId('freshness-filter').selectOption('current');
  await lead.getByTestId('owner-filter').selectOption(newOwner);
  await expect(rows).toHaveCount(1);
  await expect(row.getByTestId('stale-badge')).toHaveCount(0);
  await expect(row.getByTestId('map-review')).toHaveText('Last reviewed today · Review due in 3 months');

  // Leave no overdue map behind for the specs that share this server.
  for (const map of [id, freshId]) expect((await request.delete(`/api/maps/${map}`)).status()).toBe(204);
});
