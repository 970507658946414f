import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { MapFile } from '../../src/model/exchange/mapFile';
import { SCHEMA_VERSION, type Card } from '../../src/model/schema';
import { EMPTY_PERSONA } from '../../src/model/commands/personas';
import { openMap } from './helpers';

/**
 * Current and future state (issue 16): the switch shows today's journey,
 * the planned one, or both side by side; the emotion curve draws a line per
 * state (the future dashed) and per persona, with a legend that filters.
 */

type CardFields = Partial<Card> & Pick<Card, 'laneId' | 'stageId' | 'text'>;

function mapFile(cards: Record<string, CardFields>, personas: string[] = [], followed?: string): MapFile {
  return {
    schemaVersion: SCHEMA_VERSION,
    meta: {
      schemaVersion: SCHEMA_VERSION,
      title: 'future state',
      description: '',
      locale: 'en',
      createdAt: 1,
      updatedAt: 1,
      votesPerParticipant: 5,
      ...(followed ? { personaId: followed } : {}),
    },
    personas: Object.fromEntries(personas.map((name, i) => [`p${i + 1}`, { ...EMPTY_PERSONA, id: `p${i + 1}`, order: `a${i}`, name }])),
    stages: {
      s1: { id: 's1', order: 'a0', name: 'Get help', description: '', color: '#4f7cff' },
      s2: { id: 's2', order: 'a1', name: 'Pay', description: '', color: '#4f7cff' },
    },
    lanes: {
      l1: { id: 'l1', order: 'a0', kind: 'touchpoints', name: 'Touchpoints', department: '' },
      l2: { id: 'l2', order: 'a1', kind: 'emotions', name: 'Emotions', department: '' },
      l3: { id: 'l3', order: 'a2', kind: 'opportunities', name: 'Opportunities', department: '' },
    },
    cards: Object.fromEntries(Object.entries(cards).map(([id, c], i) => [id, { id, order: `a${i}`, votes: {}, ...c }])),
  };
}

async function importMap(request: APIRequestContext, file: MapFile): Promise<string> {
  const res = await request.post('/api/maps/import', { data: file });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const PLANNED = {
  hotline: { laneId: 'l1', stageId: 's1', text: 'Call the hotline', emotion: -3, state: 'current' },
  bot: { laneId: 'l1', stageId: 's1', text: 'Chat with a bot', emotion: 2, state: 'future' },
  desk: { laneId: 'l1', stageId: 's2', text: 'Pay at the desk', emotion: 1 },
  app: { laneId: 'l1', stageId: 's2', text: 'Pay in the app', emotion: 0 },
  help: { laneId: 'l3', stageId: 's1', text: 'Self-service help', type: 'quickWin', impact: 4, effort: 2 },
} satisfies Record<string, CardFields>;

const card = (page: Page, id: string) => page.locator(`[data-testid="card"][data-card-id="${id}"]`);
const switchTo = (page: Page, name: 'Current' | 'Future' | 'Both') =>
  page.getByTestId('state-switch').getByRole('button', { name, exact: true }).click();
const legend = (page: Page) => page.getByTestId('curve-legend');

test('the switch shows current, future or both, and the curve draws a dashed future line', async ({ page, request }) => {
  await openMap(page, await importMap(request, mapFile(PLANNED)));

  // Both (the default): every card, the planned one marked Future, the one the future removes marked Today only.
  await expect(page.getByTestId('state-switch').getByRole('button', { name: 'Both' })).toHaveAttribute('aria-pressed', 'true');
  await expect(card(page, 'hotline')).toBeVisible();
  await expect(card(page, 'bot')).toBeVisible();
  await expect(card(page, 'bot').getByTestId('state-badge')).toHaveText('Future');
  await expect(card(page, 'bot')).toHaveClass(/is-future/);
  await expect(card(page, 'hotline').getByTestId('state-badge')).toHaveText('Today only');
  await expect(card(page, 'desk').getByTestId('state-badge')).toHaveCount(0);
  // Two lines: today's solid, the future dashed, and the legend says which is which.
  await expect(page.getByTestId('emotion-curve')).toHaveAttribute('data-state', 'current');
  await expect(page.locator('[data-testid="emotion-line"][data-state="future"]')).toHaveClass(/is-future/);
  await expect(legend(page)).toContainText('Current (solid)');
  await expect(legend(page)).toContainText('Future (dashed)');
  await expect(page.getByTestId('emotion-point')).toHaveCount(4);

  // Current: today's cards and today's line only, as the curve always looked.
  await switchTo(page, 'Current');
  await expect(card(page, 'bot')).toHaveCount(0);
  await expect(card(page, 'hotline')).toBeVisible();
  await expect(page.getByTestId('emotion-point')).toHaveCount(3);
  await expect(page.getByTestId('emotion-line')).toHaveCount(0);
  await expect(page.getByTestId('emotion-curve')).not.toHaveClass(/is-future/);
  await expect(legend(page)).toHaveCount(0);

  // Future: the planned journey, its line dashed.
  await switchTo(page, 'Future');
  await expect(card(page, 'hotline')).toHaveCount(0);
  await expect(card(page, 'bot')).toBeVisible();
  await expect(page.locator('[data-testid="emotion-point"][data-card-id="bot"]')).toBeVisible();
  await expect(page.getByTestId('emotion-curve')).toHaveAttribute('data-state', 'future');
  await expect(page.getByTestId('emotion-curve')).toHaveClass(/is-future/);
  await expect(legend(page)).toContainText('Future (dashed)');

  // The choice is this browser's, remembered for the map.
  await page.reload();
  await expect(page.getByTestId('state-switch').getByRole('button', { name: 'Future' })).toHaveAttribute('aria-pressed', 'true');
  await expect(card(page, 'bot')).toBeVisible();
  await expect(card(page, 'hotline')).toHaveCount(0);

  // A picture exports the state shown unless the dialog is told otherwise.
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-format-pdf').check();
  await expect(page.getByTestId('export-states-future')).toBeChecked();
});

test('a card marked future in the inspector leaves the current view', async ({ page, request }) => {
  await openMap(page, await importMap(request, mapFile(PLANNED)));
  await switchTo(page, 'Current');
  await card(page, 'app').click();
  await expect(page.getByTestId('inspector-text')).toHaveValue('Pay in the app');
  await expect(page.getByTestId('card-state')).toHaveValue('both');
  await page.getByTestId('card-state').selectOption('future');
  await expect(card(page, 'app')).toHaveCount(0);
  await expect(page.locator('[data-testid="emotion-point"][data-card-id="app"]')).toHaveCount(0);

  await switchTo(page, 'Future');
  await expect(card(page, 'app')).toBeVisible();
  await expect(card(page, 'app').getByTestId('state-badge')).toHaveText('Future');
});

test('an opportunity is linked to the future card that realises it', async ({ page, request }) => {
  await openMap(page, await importMap(request, mapFile(PLANNED)));
  await switchTo(page, 'Current');
  await card(page, 'help').click();
  const realisedBy = page.getByTestId('realised-by');
  // Only the planned cards are offered, found by their text.
  await realisedBy.getByTestId('realised-search').fill('bot');
  await expect(realisedBy.getByRole('checkbox')).toHaveCount(1);
  await realisedBy.getByRole('checkbox', { name: /Chat with a bot/ }).check();
  await expect(card(page, 'help').getByTestId('realised-count')).toHaveText('Realised by 1 future card');

  // The linked card, hidden in the current view, is shown and selected from the inspector.
  await realisedBy.getByRole('button', { name: 'Show “Chat with a bot” on the map' }).click();
  await expect(page.getByTestId('state-switch').getByRole('button', { name: 'Both' })).toHaveAttribute('aria-pressed', 'true');
  await expect(card(page, 'bot')).toHaveClass(/is-selected/);
  await expect(page.getByTestId('inspector-text')).toHaveValue('Chat with a bot');
});

test("two personas' lines, each in the legend, and the legend hides one", async ({ page, request }) => {
  const cards = {
    hotline: { ...PLANNED.hotline, state: undefined, personaEmotions: { p2: -5 } },
    desk: { ...PLANNED.desk, personaEmotions: { p2: 3 } },
  } satisfies Record<string, CardFields>;
  await openMap(page, await importMap(request, mapFile(cards, ['Ana', 'Ben'], 'p1')));

  const entries = legend(page).getByTestId('legend-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveText('Ana');
  await expect(entries.nth(1)).toHaveText('Ben');
  await expect(page.getByTestId('emotion-curve')).toHaveAttribute('data-persona', 'p1');
  await expect(page.locator('[data-testid="emotion-line"][data-persona="p2"]')).toHaveCount(1);
  // Ben's points are read-only, and say so.
  await expect(page.locator('[data-testid="persona-point"][data-line="p2:current"]')).toHaveCount(2);
  await expect(page.locator('[data-testid="persona-point"][data-line="p2:current"] title').first()).toContainText('read-only');

  // The legend is the filter, from the keyboard too.
  const ben = legend(page).getByRole('button', { name: 'Ben' });
  await expect(ben).toHaveAttribute('aria-pressed', 'true');
  await ben.focus();
  await page.keyboard.press('Enter');
  await expect(ben).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('[data-testid="emotion-line"][data-persona="p2"]')).toHaveCount(0);
  await expect(page.getByTestId('persona-point')).toHaveCount(0);
  await expect(page.getByTestId('emotion-curve')).toBeVisible();
  await ben.click();
  await expect(page.locator('[data-testid="emotion-line"][data-persona="p2"]')).toHaveCount(1);
});
