/**
 * What this browser remembers across visits (localStorage): the language,
 * the dashboard's sort and view, a map's state view, the mini map, the
 * timer's chime, the name, who this browser is. Storage may be blocked
 * (private mode, a policy) or full: then a read finds nothing, a write
 * keeps nothing, and the choice lasts as long as the page.
 */
import { isOneOf } from '../model/choices';

/** The value kept under `key`, or null (none, or storage blocked). */
export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Keeps `value` under `key`; null forgets it. */
export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage blocked or full: the choice lasts until the page is left
  }
}

/** A choice among `choices` kept under `key`; `fallback` when none is kept or the kept one is not a choice any more. */
export function storedChoice<T extends string>(key: string, choices: readonly T[], fallback: T) {
  return {
    read(): T {
      const kept = readStored(key);
      return isOneOf(choices, kept) ? kept : fallback;
    },
    write(choice: T): void {
      writeStored(key, choice);
    },
  };
}
