/**
 * The fields inside a lane header (its type, a backstage lane's department)
 * are not Tab stops of the page: the canvas is one Tab stop (navigation.ts),
 * and Tab from anywhere on it leaves it. They are reached as the WAI-ARIA
 * grid pattern reaches the widgets inside a cell, and as spreadsheet grids
 * with controls in a cell do (tldraw and Miro have no fields inside a frame's
 * title to copy): Enter on the header goes in (it renames, the name box
 * first), Tab and Shift+Tab then go round the header's fields, and Esc
 * returns to the header. Fields only; the header's buttons are the
 * pointer's (HeaderActions: the keyboard has Enter, Alt+arrows, Delete).
 */
import { useCallback, type KeyboardEvent } from 'react';
import { useFocusPlace } from '../../actions/ActionsProvider';
import { userActedSince } from '../../ui/userActedSince';

const FIELDS = 'input, select, textarea';

/** Handlers for the header's element; `navId` is the header's place (`lane:…`). */
export function useHeaderFields(navId: string) {
  const focusPlace = useFocusPlace();

  // Capture: the name box (InlineText) keeps its keys to itself.
  const onKeyDownCapture = useCallback((e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
    const fields = [...e.currentTarget.querySelectorAll<HTMLInputElement>(FIELDS)].filter((el) => !el.disabled);
    const at = fields.indexOf(e.target as HTMLInputElement);
    // One field alone (zoomed out, the name box only): Tab leaves as from anywhere else.
    if (at < 0 || fields.length < 2) return;
    e.preventDefault();
    e.stopPropagation();
    fields[(at + (e.shiftKey ? -1 : 1) + fields.length) % fields.length]!.focus();
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.key !== 'Escape' || !(e.target as HTMLElement).matches(FIELDS)) return;
      e.preventDefault();
      // After the field's own Escape is rendered (a text field puts its value back first, then its blur has nothing to save).
      const acted = userActedSince();
      requestAnimationFrame(() => !acted() && focusPlace(navId));
    },
    [focusPlace, navId],
  );

  return { onKeyDownCapture, onKeyDown };
}
