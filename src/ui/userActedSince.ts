/**
 * Keys and pointer presses the page has seen, counted before any handler acts
 * on them (capture on window). A focus move put off until something has
 * rendered asks, when it runs, whether the user acted since it was asked
 * for: a key or press in between is the user's newer wish, which the late
 * move must not undo (Esc right after Ctrl+D; an arrow key during a zoom's
 * animation).
 */
let inputs = 0;
let counting = false;

/** Takes note of now; the function returned says whether a key or pointer press has come since. */
export function userActedSince(): () => boolean {
  if (!counting) {
    counting = true;
    const add = () => void inputs++;
    window.addEventListener('keydown', add, true);
    window.addEventListener('pointerdown', add, true);
  }
  const then = inputs;
  return () => inputs !== then;
}
