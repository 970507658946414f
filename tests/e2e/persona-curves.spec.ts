import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import type { MapFile } from '../../src/model/exchange/mapFile';
import { EMPTY_PERSONA } from '../../src/model/commands/personas';
import { cardWithText, openMap, pathOf } from './helpers';

/**
 * Several personas on one emotion curve (issue 16, item 2; format v4): the
 * inspector scores a touchpoint for each persona, the followed one first as
 * the default line, and every other browser sees the score, read-only for
 * a viewer.
 */

/** Ana (followed) and Ben; one touchpoint, scored +2 on Ana's line (the default one). */
function twoPersonaMap(): MapFile {
  const persona = (id: string, order: string, name: string) => ({ ...EMPTY_PERSONA, id, order, name });
  return {
    schemaVersion: 4,
    meta: {
      schemaVersion: 4,
      title: 'Two personas',
      description: '',
      locale: 'en',
      createdAt: 1,
      updatedAt: 1,
      votesPerParticipant: 5,
      personaId: 'ana',
    },
    personas: { ana: persona('ana', 'a0', 'Ana'), ben: persona('ben', 'a1', 'Ben') },
    stages: { s1: { id: 's1', order: 'a0', name: 'Compare', description: '', color: '#4f7cff' } },
    lanes: {
      tp: { id: 'tp', order: 'a0', kind: 'touchpoints', name: 'Touchpoints', department: '' },
      em: { id: 'em', order: 'a1', kind: 'emotions', name: 'Emotions', department: '' },
    },
    cards: { c1: { id: 'c1', order: 'a0', laneId: 'tp', stageId: 's1', text: 'Price comparison site', emotion: 2, votes: {} } },
  };
}

async function importMap(request: APIRequestContext): Promise<{ id: string; links: { view: string } }> {
  const res = await request.post('/api/maps/import', { data: twoPersonaMap() });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; links: { view: string } };
}

const BEN = 'Emotion for Ben (−5 to +5)';
const ANA = 'Emotion for Ana (−5 to +5)';

test('an editor scores a touchpoint for a second persona; another editor sees his line appear on the curve, a viewer sees the score', async ({
  browser,
  request,
}) => {
  const { id, links } = await importMap(request);
  const editor = await (await browser.newContext()).newPage();
  const colleague = await (await browser.newContext()).newPage();
  const viewer = await (await browser.newContext()).newPage();
  await openMap(editor, id);
  await openMap(colleague, id);

  // One line on the curve so far: Ana's, the default one.
  const bensLine = colleague.getByTestId('curve-legend').getByRole('button', { name: /Ben/ });
  await expect(colleague.getByTestId('emotion-curve')).toHaveCount(1);
  await expect(bensLine).toHaveCount(0);
  await expect(colleague.getByTestId('persona-point')).toHaveCount(0);

  await cardWithText(editor, 'Price comparison site').click();
  const scores = editor.getByTestId('persona-emotions');
  // The followed persona first, as the default line, with the card's emotion; Ben not scored yet.
  await expect(scores.getByTestId('persona-emotion')).toHaveCount(2);
  await expect(scores.getByTestId('persona-emotion').first()).toContainText(/Ana\s*· default line/);
  await expect(scores.getByLabel(ANA)).toHaveValue('2');
  await expect(scores.getByLabel(BEN)).toHaveValue('');
  await scores.getByLabel(BEN).selectOption('-3');
  await expect(scores.getByLabel(BEN)).toHaveValue('-3');
  // Ana's score, the default line, is untouched.
  await expect(editor.getByTestId('inspector-emotion')).toHaveValue('2');

  // The colleague's curve gains Ben's line, his point and his entry in the legend.
  await expect(bensLine).toBeVisible();
  await expect(colleague.getByTestId('emotion-line')).toHaveCount(1);
  await expect(colleague.getByTestId('persona-point')).toHaveCount(1);
  await cardWithText(colleague, 'Price comparison site').click();
  await expect(colleague.getByLabel(BEN)).toHaveValue('-3');
  await expect(colleague.getByLabel(BEN)).toBeEnabled();

  await viewer.goto(pathOf(links.view));
  await expect(viewer.getByTestId('role-badge')).toHaveText('View only');
  await cardWithText(viewer, 'Price comparison site').click();
  await expect(viewer.getByLabel(BEN)).toHaveValue('-3');
  await expect(viewer.getByLabel(BEN)).toBeDisabled();

  // Clearing it reaches the others too.
  await scores.getByLabel(BEN).selectOption('');
  await expect(colleague.getByLabel(BEN)).toHaveValue('');
  await expect(viewer.getByLabel(BEN)).toHaveValue('');
  await expect(colleague.getByTestId('persona-point')).toHaveCount(0);
  await expect(bensLine).toHaveCount(0);
});
