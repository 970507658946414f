/**
 * Keys and pointer presses the page has seen, counted before any handler acts
 * on them (capture on window). A focus move put off until something has
 * rendered compares the count from when it was asked for with the count when
 * it runs: a key or press in between is the user's newer wish, which the
 * late move must not undo (Esc right after Ctrl+D; an arrow key during a
 * zoom's animation).
 */
let count = 0;
let counting = false;

export function inputsSoFar(): number {
  if (!counting) {
    counting = true;
    const add = () => void count++;
    window.addEventListener('keydown', add, true);
    window.addEventListener('pointerdown', add, true);
  }
  return count;
}
