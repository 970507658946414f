/**
 * The UI language: what every `t` translates into, and who to tell when it
 * changes (useTranslation re-renders its component then). Code outside React
 * translates with this module's `t`.
 */
import type { Locale } from '../model/schema';
import { STRINGS } from './strings';
import { createTranslator, FALLBACK_LANGUAGE, type TFunction, type TOptions } from './translate';

let current: Locale = FALLBACK_LANGUAGE;
const listeners = new Set<(language: Locale) => void>();

// One translator per language, made once: a component's `t` stays the same function until the language changes.
const translators = new Map<Locale, TFunction>();
export function translatorFor(language: Locale): TFunction {
  let t = translators.get(language);
  if (!t) translators.set(language, (t = createTranslator(STRINGS, language)));
  return t;
}

export const currentLanguage = (): Locale => current;

/** Switches the UI to `language` and tells every subscriber (nothing happens if it is the language already). */
export function changeLanguage(language: Locale): void {
  if (language === current) return;
  current = language;
  for (const listener of listeners) listener(language);
}

/** Calls `listener` after each language change; returns the unsubscribe. */
export function onLanguageChanged(listener: (language: Locale) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Translates into the current language. */
export function t(key: string, options?: TOptions & { returnObjects?: false }): string {
  return translatorFor(current)(key, options);
}
