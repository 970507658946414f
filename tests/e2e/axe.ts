import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The rules the app is held to: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe's critical and serious findings (WCAG A/AA) inside the elements `within`
 * selects (the whole page when none), one readable line per rule and element.
 * Checking only what a step adds (a dialog, a popover) keeps each run short:
 * axe on the whole map takes seconds on a busy machine.
 */
export async function seriousViolations(page: Page, ...within: string[]): Promise<string[]> {
  const builder = within.reduce((b, selector) => b.include(selector), new AxeBuilder({ page }).withTags(WCAG_AA_TAGS));
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`),
    );
}
