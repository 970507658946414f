/**
 * UI language: zh-CN or en, from the saved choice, else the browser language.
 * Switching at runtime re-renders every component that translates
 * (useTranslation); <html lang> follows so the browser picks CJK fonts for
 * Chinese.
 */
import { isOneOf, LOCALES } from '../model/choices';
import type { Locale } from '../model/schema';
import { readStored, writeStored } from '../state/browserStorage';
import { changeLanguage, onLanguageChanged } from './language';

const STORAGE_KEY = 'journeyboard.language';

export function detectLanguage(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (isOneOf(LOCALES, saved)) return saved;
  for (const lang of browserLanguages) {
    if (/^zh\b/i.test(lang)) return 'zh-CN';
    if (/^en\b/i.test(lang)) return 'en';
  }
  return 'en';
}

const savedLanguage = (): string | null => readStored(STORAGE_KEY);

export function initI18n(): void {
  const lng = detectLanguage(savedLanguage(), navigator.languages ?? [navigator.language]);
  changeLanguage(lng);
  document.documentElement.lang = lng;
  onLanguageChanged((l) => {
    document.documentElement.lang = l;
  });
}

export function setLanguage(lng: Locale): void {
  writeStored(STORAGE_KEY, lng);
  changeLanguage(lng);
}
