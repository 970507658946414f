import { expect, test } from './fixtures';
import { createMap, openMap, pathOf, stageHeader } from './helpers';
import { smallMapFile } from '../fixtures/mapFile';

/**
 * Linked journeys: an editor links a stage of map A to map B with the
 * picker, follows the link, sees "Part of: A" on B and goes back; links a
 * card from the inspector and opens it by keyboard; the dashboard's tree of
 * journeys shows B under A. A link to a map that is gone says so, and a
 * viewer follows links but has no way to change them.
 */
test('an editor links a stage and a card to another map, follows the links, and the dashboard tree nests it', async ({ page, request }) => {
  // Unique titles: other specs' maps share this server.
  const tag = `${Date.now() % 1_000_000}`;
  const parentTitle = `After purchase ${tag}`;
  const childTitle = `Returns ${tag}`;
  const parent = await createMap(request, { title: parentTitle, template: 'backpack', locale: 'en' });
  const child = await createMap(request, { title: childTitle, locale: 'en' });

  await openMap(page, parent);
  const stage = stageHeader(page, 1);
  await stage.hover();
  await stage.getByRole('button', { name: 'Link stage to a map…' }).click();
  const picker = page.getByRole('dialog', { name: /^Link the stage “.+” to a map$/ });
  await picker.getByRole('searchbox', { name: 'Search maps by title' }).fill(childTitle);
  await picker.getByRole('list', { name: 'Maps' }).getByRole('button', { name: childTitle }).click();
  await expect(picker).toBeHidden();

  // The stage header carries the link marker, named for the map it opens.
  const marker = stage.getByRole('link', { name: `Open linked map: ${childTitle}` });
  await expect(marker).toHaveText(childTitle);
  await marker.click();
  await expect(page).toHaveURL(new RegExp(`/m/${child}$`));
  await expect(page.getByTestId('map-title')).toHaveText(childTitle);

  // On the sub-journey: where it belongs, and the way back.
  const partOf = page.getByRole('navigation', { name: 'Maps this journey is part of' });
  await expect(partOf).toHaveText(`Part of: ${parentTitle}`);
  await partOf.getByRole('link', { name: parentTitle }).click();
  await expect(page).toHaveURL(new RegExp(`/m/${parent}$`));
  await expect(page.getByTestId('map-title')).toHaveText(parentTitle);

  // A card linked from the inspector; its link there is reached by Tab and opened with Enter.
  const card = page.getByTestId('card').first();
  await card.click();
  const field = page.getByTestId('inspector-linked-map');
  await expect(field).toContainText('No linked map');
  await field.getByRole('button', { name: 'Link to a map…' }).click();
  const cardPicker = page.getByRole('dialog', { name: 'Link the card to a map' });
  await cardPicker.getByRole('searchbox', { name: 'Search maps by title' }).fill(childTitle);
  await cardPicker.getByRole('button', { name: childTitle }).click();
  await expect(card.getByRole('link', { name: `Open linked map: ${childTitle}` })).toBeVisible();
  const inspectorLink = field.getByRole('link', { name: `Open linked map: ${childTitle}` });
  await field.getByRole('button', { name: 'Change linked map…' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(inspectorLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/m/${child}$`));
  await expect(page.getByRole('navigation', { name: 'Maps this journey is part of' })).toHaveText(`Part of: ${parentTitle}`);

  // The dashboard's tree of journeys: the sub-journey under the map that links to it.
  await page.goto('/');
  await page.getByRole('button', { name: 'Tree of journeys' }).click();
  await page.getByTestId('map-search').fill(tag);
  const tree = page.getByRole('list', { name: 'Journeys and their sub-journeys' });
  const parentNode = tree.locator(`[data-testid="journey-node"][data-map-id="${parent}"]`).first();
  await expect(parentNode.getByRole('link', { name: parentTitle })).toBeVisible();
  await expect(parentNode.getByRole('button', { name: `Hide the sub-journeys of ${parentTitle}` })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect(
    parentNode.locator(`[data-testid="journey-node"][data-map-id="${child}"]`).getByRole('link', { name: childTitle }),
  ).toBeVisible();
  await parentNode.getByRole('link', { name: parentTitle }).click();
  await expect(page).toHaveURL(new RegExp(`/m/${parent}$`));
});

test('a link to a map that is gone says so; a viewer sees and follows links but cannot change them', async ({ page, request }) => {
  const tag = `${Date.now() % 1_000_000}`;
  const childTitle = `Refunds ${tag}`;
  const child = await createMap(request, { title: childTitle, locale: 'en' });
  const file = smallMapFile();
  const res = await request.post('/api/maps/import', {
    data: {
      ...file,
      meta: { ...file.meta, title: `Imported ${tag}` },
      stages: { s1: { ...file.stages.s1, linkedMapId: child }, s2: { ...file.stages.s2, linkedMapId: 'mapOnAnotherServer' } },
    },
  });
  expect(res.status()).toBe(201);
  const imported = (await res.json()) as { id: string; links: { view: string } };

  await openMap(page, imported.id);
  await expect(stageHeader(page, 0).getByRole('link', { name: `Open linked map: ${childTitle}` })).toBeVisible();
  await expect(stageHeader(page, 1).getByTestId('linked-map')).toHaveText('Linked map not found');

  // Through the view link: the link is there and opens, and nothing offers to change it.
  await page.goto(pathOf(imported.links.view));
  await expect(page.getByTestId('role-badge')).toHaveAttribute('data-role', 'viewer');
  const stage = stageHeader(page, 0);
  await stage.hover();
  await expect(stage.getByRole('button', { name: 'Link stage to a map…' })).toHaveCount(0);
  await page.getByTestId('card').first().click();
  const field = page.getByTestId('inspector-linked-map');
  await expect(field).toContainText('No linked map');
  await expect(field.getByRole('button')).toHaveCount(0);
  // A share link shows no other map's title, but the link still opens it.
  const marker = stage.getByRole('link', { name: 'Open linked map' });
  await expect(marker).toHaveText('Linked map');
  await marker.click();
  await expect(page).toHaveURL(new RegExp(`/m/${child}$`));
});
