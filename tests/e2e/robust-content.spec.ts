import { expect, test } from './fixtures';
import * as Y from 'yjs';
import { addCard, listEntities } from '../../src/model';
import { connectSynced } from '../fixtures/server';
import { cardWithText, createMap, openMap } from './helpers';

test('a stage name written too long by another client: the stage and its cards stay, shown repaired', async ({
  page,
  request,
  baseURL,
}) => {
  const mapId = await createMap(request, { template: 'blank', locale: 'en' });
  // A stock y-websocket client, which may write anything into the map.
  const client = await connectSynced(baseURL!, mapId);
  try {
    const stage = listEntities(client.doc, 'stages')[1]!;
    const lane = listEntities(client.doc, 'lanes')[0]!;
    addCard(client.doc, { laneId: lane.id, stageId: stage.id, text: 'Under the long stage' });
    await openMap(page, mapId);
    const header = page.locator(`[data-testid="stage"][data-stage-id="${stage.id}"]`);
    await expect(header).toContainText(stage.name);
    await expect(cardWithText(page, 'Under the long stage')).toBeVisible();
    await expect(page.getByTestId('repair-notice')).toHaveCount(0);

    const tooLong = `Considering${'!'.repeat(289)}`; // 300 characters; the format allows 200
    (client.doc.getMap('stages').get(stage.id) as Y.Map<unknown>).set('name', tooLong);

    // Still there for everyone, its name cut to the limit, its cards with it.
    await expect(header.locator('.stage-name')).toHaveText(tooLong.slice(0, 200));
    await expect(cardWithText(page, 'Under the long stage')).toBeVisible();
    const stageCount = listEntities(client.doc, 'stages').length;
    await expect(page.getByTestId('stage')).toHaveCount(stageCount);

    // And the map says so, with the details one click away.
    const notice = page.getByTestId('repair-notice');
    await expect(notice).toContainText('shown repaired (1 field)');
    await notice.locator('summary').click();
    await expect(notice.getByTestId('repair-item')).toHaveText(`Stage “${tooLong.slice(0, 200)}”: name`);

    // An editor renaming the stage writes a valid name, and the notice goes.
    await header.locator('.stage-name').dblclick();
    const rename = page.getByRole('textbox', { name: 'Rename' });
    await rename.fill('Consideration');
    await rename.press('Enter');
    await expect(header.locator('.stage-name')).toHaveText('Consideration');
    await expect(notice).toHaveCount(0);
    await expect.poll(() => (client.doc.getMap('stages').get(stage.id) as Y.Map<unknown>).get('name')).toBe('Consideration');
  } finally {
    client.close();
  }
});
