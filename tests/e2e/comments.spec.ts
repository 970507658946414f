import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { cardWithText, createMap, openMap, person, fitMap } from './helpers';

const CARD = 'Support phone call';
const badge = (page: Page) => cardWithText(page, CARD).getByTestId('comment-badge');

test('a comment with an @mention reaches the other browser: marked for them, badge on the card, reply, resolve', async ({
  browser,
  request,
}) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const anna = await person(browser, mapId, 'Anna');
  const bo = await person(browser, mapId, 'Bo');
  await expect(anna.getByTestId('peer-avatar')).toHaveAttribute('aria-label', 'Bo');

  // Anna selects the card and starts a thread on it, mentioning Bo.
  await cardWithText(anna, CARD).click();
  await anna.getByTestId('panel-tab-comments').click();
  const composer = anna.getByTestId('card-new-thread').getByTestId('comment-composer');
  await composer.click();
  await composer.pressSequentially('Can you check the wait time, @B');
  await expect(anna.getByTestId('mention-option')).toHaveText(['Bo']);
  await composer.press('Enter'); // picks Bo
  await expect(composer).toHaveValue('Can you check the wait time, @Bo ');
  // A space typed out of habit after the pick does not make a double space.
  await composer.pressSequentially(' ?');
  await expect(composer).toHaveValue('Can you check the wait time, @Bo ?');
  await composer.press('Enter'); // sends
  // The box for a new thread gives way to the thread's reply box; another thread is one button away.
  await expect(composer).toHaveCount(0);
  await expect(anna.getByTestId('card-another-thread')).toBeVisible();
  const annaThread = anna.getByTestId('card-comments').getByTestId('thread');
  await expect(annaThread.getByTestId('comment')).toHaveCount(1);
  await expect(annaThread.getByTestId('mention')).toHaveText('@Bo');
  // The section and the thread name their card, and the card has one text box: the thread's reply.
  const cardComments = anna.getByTestId('card-comments');
  await expect(cardComments.getByRole('heading', { level: 3 })).toHaveText(`On “${CARD}”`);
  await expect(cardComments.getByRole('region', { name: `Thread on “${CARD}”` })).toHaveCount(1);
  await expect(cardComments.getByRole('combobox')).toHaveCount(1);
  await expect(cardComments.getByRole('combobox')).toHaveAttribute('placeholder', /^Reply/);
  // Focus went on to that reply box with the thread, not to the page.
  await expect(cardComments.getByRole('combobox')).toBeFocused();
  await expect(badge(anna)).toHaveText('1');

  // Bo sees it in his Comments panel, marked as mentioning him, and the badge on the card.
  await expect(badge(bo)).toHaveText('1');
  await expect(bo.getByTestId('mention-count')).toHaveText('1');
  await bo.getByTestId('panel-tab-comments').click();
  const boThread = bo.getByTestId('open-threads').getByTestId('thread');
  await expect(boThread).toHaveCount(1);
  await expect(boThread.getByTestId('thread-target')).toHaveText(CARD);
  const comment = boThread.getByTestId('comment');
  await expect(comment).toContainText('Anna');
  await expect(comment.getByTestId('comment-text')).toHaveText('Can you check the wait time, @Bo ?');
  await expect(comment).toHaveAttribute('data-mentions-me', 'true');
  await expect(comment.getByTestId('mentions-you')).toBeVisible();
  // Not his comment: no Edit or Delete.
  await expect(comment.getByTestId('comment-edit')).toHaveCount(0);

  // Bo replies; both see two comments.
  const reply = boThread.getByTestId('comment-composer');
  await reply.fill('On it: about 12 minutes today.');
  await reply.press('Enter');
  await expect(annaThread.getByTestId('comment')).toHaveCount(2);
  await expect(annaThread.getByTestId('comment').nth(1)).toContainText('On it: about 12 minutes today.');
  await expect(badge(anna)).toHaveText('2');
  await expect(badge(bo)).toHaveText('2');

  // Anna resolves the thread: the badge goes on both screens, and Bo's open list empties.
  await annaThread.getByTestId('thread-resolve').click();
  await expect(badge(anna)).toHaveCount(0);
  await expect(badge(bo)).toHaveCount(0);
  await expect(boThread).toHaveCount(0);
  await expect(bo.getByTestId('mention-count')).toHaveCount(0);
  // Resolved threads are hidden until asked for.
  await expect(annaThread).toHaveCount(0);
  await anna.getByTestId('show-resolved').check();
  await expect(annaThread).toHaveAttribute('data-resolved', 'true');
  await expect(annaThread.getByTestId('thread-resolved')).toHaveText('Resolved by Anna');

  // Bo reopens it: the badge is back on both screens.
  await bo.getByTestId('show-resolved').check();
  await bo.getByTestId('resolved-threads').getByTestId('thread-reopen').click();
  await expect(badge(anna)).toHaveText('2');
  await expect(badge(bo)).toHaveText('2');
  await expect(annaThread).toHaveAttribute('data-resolved', 'false');
});

test('a card’s comment badge opens the Comments tab on that card; own comments can be edited and deleted', async ({ browser, request }) => {
  const mapId = await createMap(request, { template: 'backpack', locale: 'en' });
  const anna = await person(browser, mapId, 'Anna');

  await anna.getByTestId('panel-tab-comments').click();
  const mapComposer = anna.getByTestId('map-new-thread').getByTestId('comment-composer');
  await mapComposer.fill('First line');
  await mapComposer.press('Shift+Enter');
  await mapComposer.pressSequentially('second line');
  await expect(mapComposer).toHaveValue('First line\nsecond line');
  await mapComposer.press('Enter');
  const mapThread = anna.getByTestId('open-threads').getByTestId('thread');
  await expect(mapThread.getByTestId('thread-target')).toHaveCount(0);
  await expect(mapThread).toContainText('Whole map');

  await cardWithText(anna, CARD).click();
  await anna.getByTestId('card-new-thread').getByTestId('comment-composer').fill('Typo hre');
  await anna.getByTestId('card-new-thread').getByTestId('comment-send').click();
  await expect(badge(anna)).toHaveText('1');

  // Away to another tab and no selection; the badge brings the card's comments back.
  await anna.getByTestId('panel-tab-inspector').click();
  await anna.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await badge(anna).click();
  await expect(anna.getByTestId('panel-tab-comments')).toHaveAttribute('aria-selected', 'true');
  const cardThread = anna.getByTestId('card-comments').getByTestId('thread');
  await expect(cardThread.getByTestId('comment-text')).toHaveText('Typo hre');

  await cardThread.getByTestId('comment-edit').click();
  const editor = cardThread.getByTestId('comment').getByTestId('comment-composer');
  await editor.fill('Typo here');
  await editor.press('Enter');
  await expect(cardThread.getByTestId('comment-text')).toHaveText('Typo here');
  await expect(cardThread.getByTestId('comment')).toContainText('(edited)');

  await cardThread.getByTestId('comment-delete').click();
  await cardThread.getByTestId('comment-delete-confirm').click();
  await expect(anna.getByTestId('card-comments').getByTestId('thread')).toHaveCount(0);
  await expect(badge(anna)).toHaveCount(0);
});

test('on a comment link the map is read-only but comments can be written; a view link only reads them', async ({ browser, request }) => {
  const res = await request.post('/api/maps', { data: { template: 'backpack', locale: 'en' } });
  expect(res.status()).toBe(201);
  const { id, links } = (await res.json()) as { id: string; links: { comment: string; view: string } };
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;
  const editor = await (await browser.newContext()).newPage();
  await openMap(editor, id);
  const commenter = await (await browser.newContext()).newPage();
  await commenter.goto(pathOf(links.comment));
  await expect(commenter.getByTestId('role-badge')).toHaveText('Can comment');
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(pathOf(links.view));
  await expect(viewer.getByTestId('role-badge')).toHaveText('View only');
  // Maps open at 100% on their head; fitted, the card is on screen for both.
  await fitMap(commenter);
  await fitMap(viewer);

  await cardWithText(commenter, CARD).click();
  await commenter.getByTestId('panel-tab-comments').click();
  const composer = commenter.getByTestId('card-new-thread').getByTestId('comment-composer');
  await composer.fill('From someone who may only comment');
  await composer.press('Enter');
  await expect(badge(editor)).toHaveText('1');
  await expect(badge(viewer)).toHaveText('1');

  await viewer.getByTestId('panel-tab-comments').click();
  const thread = viewer.getByTestId('open-threads').getByTestId('thread');
  await expect(thread.getByTestId('comment-text')).toHaveText('From someone who may only comment');
  await expect(viewer.getByTestId('comment-composer')).toHaveCount(0);
  await expect(thread.getByTestId('thread-resolve')).toHaveCount(0);
  await expect(viewer.getByTestId('comments-read-only')).toBeVisible();
});
