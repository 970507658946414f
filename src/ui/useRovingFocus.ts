/**
 * A toolbar is one Tab stop (WAI-ARIA's toolbar pattern): Tab enters on the
 * control used last (else the first), the arrow keys, Home and End move
 * between its controls. Works on the DOM, so controls from other components
 * (lazy buttons, undo) join without wiring; a control that appears, goes or
 * becomes disabled is taken into account.
 */
import { useEffect, type RefObject } from 'react';

const CONTROLS = 'button, a[href], select, input';
/** Inside these the arrow keys move the caret or the choice, not the toolbar's focus. */
const OWN_ARROWS = 'input, select, textarea';

/** A dialog or menu a toolbar button opened may sit inside the toolbar's element: its controls are its own. */
const POPUPS = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]';

/**
 * Whether a control is rendered (not inside display: none). checkVisibility
 * needs only styles; getClientRects, the fallback for older browsers, forces
 * a layout, which on a map's first render cost more than the render.
 */
const rendered = (el: HTMLElement): boolean =>
  typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;

const controlsOf = (root: HTMLElement): HTMLElement[] =>
  [...root.querySelectorAll<HTMLElement>(CONTROLS)].filter((el) => {
    const popup = el.closest(POPUPS);
    return (!popup || !root.contains(popup)) && !el.matches(':disabled') && rendered(el);
  });

export function useRovingFocus(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    let current: HTMLElement | null = null;
    const apply = () => {
      const list = controlsOf(root);
      if (!current || !list.includes(current)) current = list[0] ?? null;
      for (const el of list) el.tabIndex = el === current ? 0 : -1;
    };
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof HTMLElement && e.target !== current && controlsOf(root).includes(e.target)) {
        current = e.target;
        apply();
      }
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || !(e.target instanceof HTMLElement) || e.target.matches(OWN_ARROWS)) return;
      const list = controlsOf(root);
      const at = list.indexOf(e.target);
      if (at < 0) return;
      const next =
        e.key === 'ArrowRight'
          ? list[(at + 1) % list.length]
          : e.key === 'ArrowLeft'
            ? list[(at - 1 + list.length) % list.length]
            : e.key === 'Home'
              ? list[0]
              : e.key === 'End'
                ? list.at(-1)
                : undefined;
      if (!next) return;
      e.preventDefault();
      next.focus();
    };
    // One pass per frame, at its start: the styles it reads are the ones the frame computes anyway. Run
    // where it is called (the first render, a counter ticking while others vote) it computed them once
    // more, in the middle of the DOM being changed (80 ms as a 600-card map opens).
    let frame = 0;
    const applySoon = () => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          apply();
        });
    };
    applySoon();
    const observer = new MutationObserver(applySoon);
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'class'] });
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('keydown', onKeyDown);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('keydown', onKeyDown);
    };
  }, [ref]);
}
