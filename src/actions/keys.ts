/** Key tests and how a shortcut is shown, for the actions table. */
import type { KeyLike } from './types';

const mod = (e: KeyLike) => e.ctrlKey || e.metaKey;

/** A key pressed alone (Shift allowed only where the key needs it, as for "?"). */
export const plain =
  (...keys: string[]) =>
  (e: KeyLike): boolean =>
    !mod(e) && !e.altKey && keys.includes(e.key);

/** A letter alone (either case, no Shift), as tldraw and Figma single-letter tools. */
export const letter =
  (l: string) =>
  (e: KeyLike): boolean =>
    !mod(e) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === l;

export const shiftLetter =
  (l: string) =>
  (e: KeyLike): boolean =>
    !mod(e) && !e.altKey && e.shiftKey && e.key.toLowerCase() === l;

/** Ctrl or ⌘ with a key (a letter in either case). */
export const withMod =
  (key: string, { shift = false } = {}) =>
  (e: KeyLike): boolean =>
    mod(e) && !e.altKey && e.shiftKey === shift && e.key.toLowerCase() === key;

/** Shift with a digit key, by its place on the keyboard (Shift+0 is ")" on a US layout). */
export const shiftDigit =
  (digit: number) =>
  (e: KeyLike): boolean =>
    e.shiftKey && !mod(e) && !e.altKey && (e.code === `Digit${digit}` || e.key === String(digit));

export const alt =
  (key: string) =>
  (e: KeyLike): boolean =>
    e.altKey && !mod(e) && !e.shiftKey && e.key === key;

const ARROW_GLYPHS: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' };

/** "Mod+Shift+Z" as this platform writes it: "Ctrl+Shift+Z" or "⌘⇧Z" on a Mac. */
export function formatKeys(keys: string, mac: boolean): string[] {
  // "+" alone is the plus key, not a separator.
  return (keys === '+' ? ['+'] : keys.split('+')).map((k) => {
    if (k === 'Mod') return mac ? '⌘' : 'Ctrl';
    if (k === 'Alt') return mac ? '⌥' : 'Alt';
    if (k === 'Shift') return mac ? '⇧' : 'Shift';
    return ARROW_GLYPHS[k] ?? k;
  });
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
