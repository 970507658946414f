import { type Browser, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { startRound } from '../../src/model/rounds/commands';
import { connectSynced } from '../fixtures/server';
import { cardByText, cell, createMap, openMap } from './helpers';

/** A participant in a context of their own, with every frame their websockets receive kept as text (what went over the wire). */
async function participant(browser: Browser, mapId: string, name: string): Promise<{ page: Page; wire: () => string }> {
  const page = await (await browser.newContext()).newPage();
  const frames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? payload : payload.toString('latin1'))),
  );
  await openMap(page, mapId);
  const input = page.getByTestId('presence-name');
  await input.fill(name);
  await input.press('Enter');
  return { page, wire: () => frames.join('\n') };
}

async function addPrivateCard(page: Page, lane: number, stage: number, text: string) {
  const target = await cell(page, lane, stage);
  await target.hover();
  await target.getByRole('button', { name: /Add a private card/ }).click();
  const box = page.getByTestId('private-card').last().locator('textarea');
  await expect(box).toBeFocused();
  await box.fill(text);
}

test('a private brainstorm then a secret vote: nobody sees the others’ cards or votes before the reveal, then everyone sees them at once', async ({
  browser,
  request,
}) => {
  test.slow();
  const mapId = await createMap(request, { title: 'Workshop', template: 'blank', locale: 'en' });
  const a = await participant(browser, mapId, 'Ann');
  const b = await participant(browser, mapId, 'Bo');
  const c = await participant(browser, mapId, 'Cy');

  // Ann starts a private brainstorm on the whole map.
  await a.page.getByTestId('start-brainstorm').click();
  const dialog = a.page.getByTestId('start-round-dialog');
  await dialog.getByLabel('Whole map').check();
  await dialog.getByTestId('round-start').click();
  for (const p of [a, b, c]) await expect(p.page.getByTestId('round-status')).toHaveText('Private brainstorm on Whole map');

  await addPrivateCard(b.page, 0, 0, 'Bo private idea');
  await addPrivateCard(c.page, 0, 0, 'Cy private idea');
  await addPrivateCard(c.page, 0, 1, 'Cy second idea');

  // Ann sees face-down placeholders with counts, nothing of what they say.
  const drafts = async (p: Page, lane: number, stage: number) => (await cell(p, lane, stage)).getByTestId('round-drafts');
  await expect(await drafts(a.page, 0, 0)).toHaveAttribute('data-others', '2');
  await expect(await drafts(a.page, 0, 0)).toContainText('2 cards being written here');
  await expect(await drafts(a.page, 0, 1)).toHaveAttribute('data-others', '1');
  // …also for someone on the keyboard: the cell's button is described by the count.
  await expect((await cell(a.page, 0, 0)).getByRole('button', { name: /Add a private card/ })).toHaveAccessibleDescription(
    '2 cards being written here',
  );
  // Bo sees his own card as his, and only Cy's count.
  await expect(await drafts(b.page, 0, 0)).toHaveAttribute('data-others', '1');
  await expect(await drafts(b.page, 0, 0)).toHaveAttribute('data-mine', '1');
  for (const [p, hidden] of [
    [a, ['Bo private idea', 'Cy private idea', 'Cy second idea']],
    [b, ['Cy private idea', 'Cy second idea']],
    [c, ['Bo private idea']],
  ] as const) {
    for (const text of hidden) {
      await expect(p.page.getByText(text)).toHaveCount(0);
      expect(await p.page.content()).not.toContain(text);
      expect(p.wire()).not.toContain(text);
    }
  }
  await expect(a.page.getByTestId('card')).toHaveCount(0);

  // A reload in the middle of the round: Bo's private card is still his, and Ann still sees its placeholder.
  await b.page.reload();
  await expect(b.page.getByTestId('round-status')).toBeVisible();
  await b.page.getByTestId('rounds-bar').getByRole('button', { name: 'Your private cards' }).click();
  await expect(b.page.getByTestId('private-card').locator('textarea')).toHaveValue('Bo private idea');
  await expect(await drafts(a.page, 0, 0)).toHaveAttribute('data-others', '2');
  expect(b.wire()).not.toContain('Cy private idea');

  // Reveal: everybody's cards appear on every screen, and the placeholders go.
  await a.page.getByTestId('round-reveal').click();
  for (const p of [a, b, c]) {
    for (const text of ['Bo private idea', 'Cy private idea', 'Cy second idea']) await expect(cardByText(p.page, text)).toHaveCount(1);
    await expect(p.page.getByTestId('round-drafts')).toHaveCount(0);
    await expect(p.page.getByTestId('round-status')).toHaveCount(0);
  }
  // The wire check above could have failed: the same socket carries the text now.
  expect(a.wire()).toContain('Bo private idea');

  // A secret vote: 2 votes each, the top 1 highlighted.
  await a.page.getByTestId('start-vote').click();
  const voteDialog = a.page.getByTestId('start-round-dialog');
  await voteDialog.getByTestId('round-budget').fill('2');
  await voteDialog.getByTestId('round-topn').fill('1');
  await voteDialog.getByTestId('round-start').click();
  for (const p of [a, b, c]) await expect(p.page.getByTestId('round-status')).toHaveText('Secret vote on Whole map');

  const vote = async (p: Page, text: string) => {
    await p.getByTestId('rounds-panel').getByTestId('ballot-card').filter({ hasText: text }).getByTestId('ballot-vote').click();
  };
  for (const p of [b.page, c.page]) await p.getByRole('button', { name: 'Your secret votes' }).click();
  await vote(b.page, 'Bo private idea');
  await vote(b.page, 'Cy second idea');
  await vote(c.page, 'Bo private idea');
  // Cy casts his second vote with the keyboard on the card itself: in a vote round it is secret too.
  await cardByText(c.page, 'Cy private idea').click();
  await c.page.keyboard.press('v');
  await expect(c.page.getByTestId('ballot-card').filter({ hasText: 'Cy private idea' })).toContainText('1');
  await expect(b.page.getByTestId('ballot-left')).toHaveText('0 of 2 secret votes left');
  // Bo cannot vote past his budget, and nobody sees a vote yet.
  await expect(b.page.getByTestId('ballot-vote').first()).toBeDisabled();
  for (const p of [a, b, c]) await expect(p.page.getByTestId('rank-badge')).toHaveCount(0);
  await expect(cardByText(a.page, 'Bo private idea')).not.toContainText('vote');

  await a.page.getByTestId('round-reveal').click();
  // The ranking appears at once: Bo's idea first on every screen, the tie for second listed as a tie.
  for (const p of [a, b, c]) {
    await expect(cardByText(p.page, 'Bo private idea').getByTestId('rank-badge')).toHaveText('#1');
    await expect(p.page.getByTestId('rank-badge')).toHaveCount(1);
  }
  await a.page.getByTestId('rounds-bar').getByRole('button', { name: 'Past rounds' }).click();
  const results = a.page.getByTestId('round-results').first().getByTestId('round-result');
  await expect(results).toHaveCount(3);
  await expect(results.nth(0)).toContainText('#1');
  await expect(results.nth(0)).toContainText('Bo private idea');
  await expect(results.nth(0)).toContainText('2 votes');
  await expect(results.nth(1)).toContainText('#2 (tie)');
  await expect(results.nth(2)).toContainText('#2 (tie)');
  await expect(a.page.getByTestId('past-round')).toHaveCount(2);

  // Past rounds and their results survive a reload.
  await b.page.reload();
  await expect(b.page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(cardByText(b.page, 'Bo private idea').getByTestId('rank-badge')).toHaveText('#1');
});

test('a commenter watches a round but cannot start, write in or reveal it', async ({ browser, request }) => {
  const res = await request.post('/api/maps', { data: { template: 'blank', locale: 'en' } });
  const { id, links } = (await res.json()) as { id: string; links: { comment: string } };
  const editor = await (await browser.newContext()).newPage();
  await openMap(editor, id);
  await editor.getByTestId('start-brainstorm').click();
  await editor.getByTestId('start-round-dialog').getByTestId('round-start').click();
  const commenter = await (await browser.newContext()).newPage();
  await commenter.goto(new URL(links.comment).pathname + new URL(links.comment).search);
  await expect(commenter.getByTestId('round-status')).toBeVisible();
  await expect(commenter.getByTestId('round-reveal')).toHaveCount(0);
  await expect(commenter.getByTestId('start-brainstorm')).toHaveCount(0);
  await expect(commenter.getByRole('button', { name: /Add a private card/ })).toHaveCount(0);
});

test('a time-boxed round counts down and reveals itself when the time is up; the bar and the Rounds tab pass axe', async ({
  page,
  request,
  baseURL,
}) => {
  test.slow();
  const mapId = await createMap(request, { template: 'blank', locale: 'en' });
  await openMap(page, mapId);
  // A round of 15 seconds, started by another client (as a facilitator's page would).
  const facilitator = await connectSynced(baseURL!, mapId);
  try {
    startRound(facilitator.doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Facilitator', minutes: 0.25 });
    await expect(page.getByTestId('round-clock')).toHaveText(/^0:(1\d|0\d) left$/);
    await addPrivateCard(page, 0, 0, 'Written against the clock');
    expect(await seriousViolations(page)).toEqual([]);
    // Time is up: the editor's page reveals it, and says so.
    await expect(cardByText(page, 'Written against the clock')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId('round-announcement')).toHaveText('The round is revealed.');
    await expect(page.getByTestId('round-clock')).toHaveCount(0);
  } finally {
    facilitator.close();
  }
});
