/** The current language and its `t`, for a component that re-renders when the language changes. */
import { useSyncExternalStore } from 'react';
import type { Locale } from '../model/schema';
import { currentLanguage, onLanguageChanged, translatorFor } from './language';
import type { TFunction } from './translate';

export function useTranslation(): { t: TFunction; language: Locale } {
  const language = useSyncExternalStore(onLanguageChanged, currentLanguage);
  return { t: translatorFor(language), language };
}
