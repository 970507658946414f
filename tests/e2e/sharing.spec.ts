import { expect, test } from './fixtures';
import { createWithLinks, pathOf, cardWithText, fitMap, openMap } from './helpers';

test('a view link shows a read-only map that cannot be changed, and follows the editor live', async ({ browser, request }) => {
  const { id, links } = await createWithLinks(request);
  const editor = await (await browser.newContext()).newPage();
  const viewer = await (await browser.newContext()).newPage();
  await openMap(editor, id);
  await viewer.goto(pathOf(links.view));
  await expect(viewer.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(viewer.getByTestId('role-badge')).toHaveText('View only');
  await fitMap(viewer);

  // No way to add, edit, delete or drag.
  await expect(viewer.getByRole('button', { name: 'Add card' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Add stage' })).toHaveCount(0);
  await expect(viewer.getByTestId('undo')).toHaveCount(0);
  await expect(viewer.getByTestId('share')).toHaveCount(0);
  const card = cardWithText(viewer, 'Guest checkout');
  await card.dblclick();
  await expect(viewer.locator('textarea.inline-text')).toHaveCount(0);
  await card.click();
  await expect(viewer.getByTestId('inspector-text')).toBeDisabled();
  await viewer.keyboard.press('Delete');
  // Dragging pans the view (nodes are not draggable): the card stays in its cell.
  const offset = async () => {
    const c = (await card.boundingBox())!;
    const header = (await viewer.getByTestId('stage').first().boundingBox())!;
    return { x: c.x - header.x, y: c.y - header.y };
  };
  const before = await offset();
  const box = (await card.boundingBox())!;
  await viewer.mouse.move(box.x + 20, box.y + 20);
  await viewer.mouse.down();
  await viewer.mouse.move(box.x + 300, box.y + 200, { steps: 8 });
  await viewer.mouse.up();
  await expect(cardWithText(editor, 'Guest checkout')).toHaveCount(1);
  const after = await offset();
  expect(Math.abs(after.x - before.x) + Math.abs(after.y - before.y)).toBeLessThan(3);

  // The editor's changes reach the viewer live.
  await cardWithText(editor, 'Guest checkout').dblclick();
  await editor.locator('textarea.inline-text').fill('Guest checkout, now with order history');
  await editor.locator('textarea.inline-text').press('Enter');
  await expect(cardWithText(viewer, 'Guest checkout, now with order history')).toBeVisible();
});

test('replacing the links disconnects whoever came in through the old ones', async ({ browser, request }) => {
  const { id, links } = await createWithLinks(request);
  const owner = await (await browser.newContext()).newPage();
  const guest = await (await browser.newContext()).newPage();
  await openMap(owner, id);
  await guest.goto(pathOf(links.comment));
  await expect(guest.getByTestId('role-badge')).toHaveText('Can comment');

  await owner.getByTestId('share').click();
  const dialog = owner.getByTestId('share-dialog');
  await expect(dialog.getByTestId('share-link-view')).toHaveValue(links.view);
  await dialog.getByTestId('rotate-links').click();
  await owner.getByRole('alertdialog', { name: 'Replace all three links' }).getByRole('button', { name: 'Replace links' }).click();
  await expect(dialog.getByTestId('share-link-view')).not.toHaveValue(links.view);

  await expect(guest.getByText('The links to this map were replaced')).toBeVisible();
  // The old link no longer opens the map; the new one does.
  await guest.goto(pathOf(links.comment));
  await expect(guest.getByText('This link is not valid')).toBeVisible();
  await guest.goto(pathOf(await dialog.getByTestId('share-link-comment').inputValue()));
  await expect(guest.getByTestId('role-badge')).toHaveText('Can comment');
});
