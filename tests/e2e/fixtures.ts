import { test as base } from '@playwright/test';

/**
 * The `test` every spec uses. Playwright closes the contexts of its own `page` and
 * `context` fixtures after a test, but not the ones a test opens itself with
 * `browser.newContext()` (each person in a collaboration test): the worker's browser
 * outlives the test, so those pages would stay open, connected and rendering through
 * every later test of the worker, and load the machine more with each one.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      await use();
      await Promise.all(browser.contexts().map((context) => context.close()));
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
