/**
 * The facilitator's job with the keyboard alone (issue 14): no mouse, no
 * element.click or fill, only key presses; the test checks what a user sees
 * and hears (focus, accessible names, text).
 */
import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Press Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails past `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}): Promise<number> {
  for (let n = 0; n < max; n++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return n;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
  return max;
}

/** The accessible name of what has focus (the canvas renders only what is in view, so a locator may not resolve yet). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  });

/** Press `key` until the focused element's name matches; fails past `max` presses. */
async function pressUntil(page: Page, key: string, name: string | RegExp, max = 12): Promise<void> {
  const matches = (s: string) => (typeof name === 'string' ? s === name : name.test(s));
  for (let n = 0; n < max && !matches(await focusedName(page)); n++) await page.keyboard.press(key);
  expect(await focusedName(page)).toMatch(name);
}

const card = (page: Page, name: string | RegExp) => page.getByRole('group', { name });

/** The backpack map's first card, by its accessible name. */
const first = /^Customer action in Research: Reads a review of the Ridgeline 40 pack/;

/** A new backpack map, opened, with the keyboard on its first card (Tab to the skip link, Enter). */
async function onFirstCardOfBackpack(page: Page, request: APIRequestContext): Promise<void> {
  const res = await request.post('/api/maps', { data: { template: 'backpack', locale: 'en' } });
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/m/${id}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  // Connected comes before the map is loaded; until it is, the page has no skip link and Tab goes to "Journey maps".
  const skip = page.getByRole('link', { name: 'Skip to map' });
  await expect(skip).toBeAttached();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  // The canvas hands focus on to its place once that is rendered: a frame or two.
  await expect.poll(() => focusedName(page)).toMatch(first);
}

/** Whether focus is inside React Flow's pane (the grid, its headers and the persona). */
const focusInPane = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('.react-flow'));

test('the facilitator builds, moves, votes on, comments on and exports a map with the keyboard only', async ({ page }) => {
  // The whole job, dashboard to export, some hundred keys: a minute on a quiet machine.
  test.slow();
  // Dashboard: New map, a title, Enter.
  await page.goto('/');
  await tabTo(page, page.getByRole('button', { name: /New map/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'New map' }).getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Store visit journey');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/m\/[A-Za-z0-9_-]{21}$/);
  await expect(page.getByTestId('map-title')).toHaveText('Store visit journey');
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

  // The first Tab offers the skip link; it lands on the first empty cell of the new map.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to map' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Add card in Customer actions, Awareness' })).toBeFocused();

  // Up into the stage headers, and up again to the persona at the head of the map (a new map has none yet: "Add persona").
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('group', { name: 'Stage Awareness' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('persona-head').getByRole('button', { name: 'Add persona' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('group', { name: 'Stage Awareness' })).toBeFocused();
  // Right past the last stage to "Add stage"; the new stage is renamed in place.
  await pressUntil(page, 'ArrowRight', 'Add stage');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Rename' })).toBeFocused();
  await page.keyboard.type('Repurchase');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Stage Repurchase' })).toBeFocused();

  // Down the new stage: a card in every lane (an emotion point in the emotion curve).
  const lanes: [lane: string, kind: string, text: string][] = [
    ['Customer actions', 'Customer action', 'Orders the refill online'],
    ['Thoughts', 'Thought', 'Hope the size is the same'],
    ['Touchpoints', 'Touchpoint', 'Reorder e-mail'],
    ['Emotion curve', 'Emotion point', ''],
    ['Pain points', 'Pain point', 'Has to log in again'],
    ['Opportunities', 'Opportunity', 'One-tap reorder'],
    ['KPIs', 'KPI', 'Repeat purchase rate'],
    ['Backstage: service', 'Backstage task', 'Warehouse picks the order'],
  ];
  for (const [lane, kind, text] of lanes) {
    await page.keyboard.press('ArrowDown');
    if (kind === 'Emotion point') {
      await expect(page.getByRole('button', { name: 'Add emotion point' }).last()).toBeFocused();
      await page.keyboard.press('Enter');
      // Along the curve from the cell: the stage's points (the touchpoint's score, then the new point); ↑ and ↓ set a
      // point's score, ← goes back to the cell.
      const point = page.getByRole('slider', { name: /^Emotion point: / });
      await expect(point).toBeVisible();
      await page.keyboard.press('ArrowRight');
      await expect(page.getByRole('slider', { name: 'Reorder e-mail: 0, neutral' })).toBeFocused();
      await page.keyboard.press('ArrowRight');
      await expect(point).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await expect(point).toHaveAttribute('aria-valuenow', '2');
      await expect(point).toHaveAttribute('aria-valuetext', '+2, pleased');
      await pressUntil(page, 'ArrowLeft', 'Add emotion point', 2);
      await expect(page.getByRole('button', { name: 'Add emotion point' }).last()).toBeFocused();
      continue;
    }
    await expect(page.getByRole('button', { name: `Add card in ${lane}, Repurchase` })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Write the card…' })).toBeFocused();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    // Saved: focus is back on the card, which is named after its lane, stage and text.
    await expect(card(page, `${kind} in Repurchase: ${text}`)).toBeFocused();
    await expect(card(page, `${kind} in Repurchase: ${text}`)).toContainText(text);
  }

  // Edit a card: Enter, retype, Enter.
  await pressUntil(page, 'ArrowUp', 'Pain point in Repurchase: Has to log in again');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Has to log in again on the phone');
  await page.keyboard.press('Enter');
  await expect(card(page, 'Pain point in Repurchase: Has to log in again on the phone')).toBeFocused();
  // The map is one Tab stop: from a card, Tab leaves it in one press, and Shift+Tab comes back to the card; from the
  // map itself (Esc) too.
  await page.keyboard.press('Tab');
  expect(await focusInPane(page)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(card(page, 'Pain point in Repurchase: Has to log in again on the phone')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('region', { name: 'Journey map' })).not.toBeFocused();
  expect(await focusInPane(page)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(card(page, 'Pain point in Repurchase: Has to log in again on the phone')).toBeFocused();

  // The touchpoint's emotion, in the inspector beside the map.
  const touchpoint = /^Touchpoint in Repurchase: Reorder e-mail/;
  await pressUntil(page, 'ArrowUp', touchpoint);
  const emotion = page.getByTestId('inspector').getByLabel('Emotion (−5…+5)');
  await tabTo(page, emotion);
  await page.keyboard.type('-3');
  await expect(emotion.locator('option:checked')).toHaveText('-3');
  // Back to the map: Shift+Tab returns to the touchpoint, still selected.
  await pressUntil(page, 'Shift+Tab', touchpoint, 60);

  // Move it to the stage on the left (Alt+←): it keeps focus in its new cell.
  await page.keyboard.press('Alt+ArrowLeft');
  const moved = card(page, /^Touchpoint in Advocacy: Reorder e-mail/);
  await expect(moved).toBeFocused();
  await expect(card(page, /^Touchpoint in Repurchase/)).toHaveCount(0);

  // Vote (V): the card says so, and one of five votes is used.
  await page.keyboard.press('v');
  await expect(card(page, /^Touchpoint in Advocacy: Reorder e-mail, 1 vote$/)).toBeFocused();
  await expect(page.getByTestId('votes-left-badge')).toHaveText('4/5');

  // Comment (C): the comments panel opens on the card with the box ready.
  await page.keyboard.press('c');
  const box = page.getByTestId('card-new-thread').getByRole('combobox');
  await expect(box).toBeFocused();
  await page.keyboard.type('Ask the CRM team about the timing');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('card-comments')).toContainText('Ask the CRM team about the timing');
  // The box gives way to the new thread: focus is in its reply box, not lost to the page.
  await expect(
    page
      .getByTestId('card-comments')
      .getByTestId('thread')
      .getByRole('combobox', { name: /^Reply/ }),
  ).toBeFocused();

  // The shortcuts list ("?") from the map, closed with Esc.
  await pressUntil(page, 'Shift+Tab', /^Touchpoint in Advocacy/, 60);
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts.getByRole('row', { name: /Move card or stage left/ })).toContainText('Alt');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);

  // Export a PDF: back into the toolbar (one Tab stop), along it with the arrows to Export, the PDF format, Export.
  const inToolbar = () => page.evaluate(() => !!document.activeElement?.closest('[role="toolbar"]'));
  for (let n = 0; n < 30 && !(await inToolbar()); n++) await page.keyboard.press('Shift+Tab');
  expect(await inToolbar()).toBe(true);
  const exportButton = page.getByTestId('export-button');
  for (let n = 0; n < 20 && !(await exportButton.evaluate((el) => el === document.activeElement)); n++)
    await page.keyboard.press('ArrowRight');
  await expect(exportButton).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  const pdf = page.getByTestId('export-format-pdf');
  await tabTo(page, page.getByTestId('export-format-png'));
  await page.keyboard.press('ArrowRight');
  await expect(pdf).toBeChecked();
  await tabTo(page, page.getByTestId('export-run'));
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
});

test('context menu (Shift+F10): the keys’ actions, focus back; Delete on a stage asks first', async ({ page, request }) => {
  await onFirstCardOfBackpack(page, request);

  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Card actions' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /Edit card or rename header/ })).toBeFocused();
  // Nothing voted yet: taking a vote back is offered but not available.
  await expect(menu.getByRole('menuitem', { name: /Take back a vote/ })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: /Duplicate/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('group', { name: first })).toHaveCount(2);

  // Esc closes the menu and focus is back on the card it was opened on.
  await page.keyboard.press('ContextMenu');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  expect(await focusedName(page)).toMatch(first);

  // Delete on a stage that holds cards asks in the app's own dialog, the safe answer focused: Esc keeps the stage and the keyboard on it.
  await pressUntil(page, 'ArrowUp', 'Stage Research');
  await page.keyboard.press('Delete');
  const ask = page.getByRole('alertdialog', { name: 'Delete stage' });
  await expect(ask).toContainText(/Delete the stage “Research” and its \d+ cards\?/);
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Stage Research' })).toBeFocused();
  // Yes is one Tab further: the stage goes, and the keyboard is on the stage that took its place.
  await page.keyboard.press('Delete');
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(ask.getByRole('button', { name: 'Delete stage' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Stage Research' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Stage Coming back' })).toBeFocused();

  // A lane header's fields are not Tab stops: Enter goes in (the name first), Tab goes round the type and the
  // department, Esc comes back to the header, and Tab from there leaves the map at once.
  const backstage = 'Lane Backstage: marketing';
  await page.keyboard.press('ArrowDown');
  await pressUntil(page, 'ArrowLeft', 'Lane Customer actions');
  await pressUntil(page, 'ArrowDown', backstage);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Rename' })).toBeFocused();
  const backstageLane = page.getByTestId('lane').filter({ hasText: 'Backstage: marketing' });
  await page.keyboard.press('Tab');
  await expect(backstageLane.getByRole('combobox', { name: 'Lane type' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(backstageLane.getByTestId('lane-department')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(backstageLane.getByRole('combobox', { name: 'Lane type' })).toBeFocused();
  await page.keyboard.press('Escape');
  // Back on the header in the next frame (after the field's own Escape).
  await expect.poll(() => focusedName(page)).toBe(backstage);
  await page.keyboard.press('Tab');
  expect(await focusInPane(page)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedName(page)).toBe(backstage);

  // Up the first stage to its header, and past it to the persona at the head of the map; Enter opens it, its name
  // ready to edit.
  await page.keyboard.press('ArrowRight');
  await pressUntil(page, 'ArrowUp', 'Stage Coming back', 20);
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('persona-head')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('personas-panel').getByTestId('persona-name')).toBeFocused();

  // A stage's ✕, clicked, asks the same question; after a yes, focus is on the stage that took its place, not lost.
  const comingBack = page.getByTestId('stage').filter({ hasText: 'Coming back' });
  await comingBack.hover();
  await comingBack.getByRole('button', { name: 'Delete', exact: true }).click();
  await ask.getByRole('button', { name: 'Delete stage' }).click();
  await expect(page.getByRole('group', { name: 'Stage Coming back' })).toHaveCount(0);
  await expect.poll(() => focusedName(page)).toMatch(/^Stage /);
});

test('the map stays one Tab stop when the page is too busy to run its timers at once', async ({ page, request }) => {
  await onFirstCardOfBackpack(page, request);
  const map = page.getByRole('region', { name: 'Journey map' });

  // On a loaded machine a timer set in a key handler may run only after the next key or two: the browser serves input
  // first. Here every timer runs 2 s late, for the keys below.
  await page.evaluate(() => {
    const setTimeoutNow = window.setTimeout;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) =>
      setTimeoutNow(fn, (ms ?? 0) + 2000, ...args)) as typeof window.setTimeout;
  });
  /** Tab leaves the map; Shift+Tab comes back to the card. */
  const tabOutAndBack = async () => {
    await page.keyboard.press('Tab');
    expect(await focusInPane(page)).toBe(false);
    await expect(map).not.toBeFocused();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toMatch(first);
  };
  // From the card.
  await tabOutAndBack();
  // From the map itself (Esc): the same.
  await page.keyboard.press('Escape');
  await expect(map).toBeFocused();
  await tabOutAndBack();
  // And Shift+Tab from the card goes out of the map, not onto the map's own region.
  await page.keyboard.press('Shift+Tab');
  expect(await focusInPane(page)).toBe(false);
  await expect(map).not.toBeFocused();
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toMatch(first);
});

test('a key pressed before a command’s focus move has run wins: Esc right after Ctrl+D leaves nothing selected', async ({
  page,
  request,
}) => {
  await onFirstCardOfBackpack(page, request);

  // A busy page draws its frames late: here each one 300 ms late, so Esc comes before the copy is focused.
  await page.evaluate(() => {
    const frameNow = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (fn) => window.setTimeout(() => frameNow(fn), 300);
  });
  await page.keyboard.press('Control+d');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: first })).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeFocused();
  // Two frames later, past the two the copy's focus move waited for: still nothing selected, the map itself focused.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeFocused();
  await expect(page.getByTestId('inspector-text')).toHaveCount(0);
});

test('an arrow key pressed while a zoom settles keeps the keyboard where it went', async ({ page, request }) => {
  await onFirstCardOfBackpack(page, request);

  // Zooming gives the keyboard's place focus again once the zoom has settled (200 ms); an arrow key before that moved on.
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowDown');
  const below = await focusedName(page);
  expect(below).not.toMatch(first);
  await page.evaluate(() => new Promise((done) => setTimeout(done, 400)));
  expect(await focusedName(page)).toBe(below);
});
