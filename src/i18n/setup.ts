/**
 * UI language: zh-CN or en, from the saved choice, else the browser language.
 * Switching at runtime re-renders through react-i18next; <html lang> follows
 * so the browser picks CJK fonts for Chinese.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LocaleSchema, type Locale } from '../model/schema';
import en from './en.json';
import zhCN from './zh-CN.json';
// The dashboard's, comments', export's and metrics-import strings live in their own files so those
// areas and the canvas can be worked on without touching the same file.
import dashboardEn from './dashboard.en.json';
import dashboardZhCN from './dashboard.zh-CN.json';
import commentsEn from './comments.en.json';
import commentsZhCN from './comments.zh-CN.json';
import exportEn from './export.en.json';
import exportZhCN from './export.zh-CN.json';
import metricsEn from './metrics.en.json';
import metricsZhCN from './metrics.zh-CN.json';

const STORAGE_KEY = 'journeyboard.language';

export function detectLanguage(saved: string | null, browserLanguages: readonly string[]): Locale {
  const parsed = LocaleSchema.safeParse(saved);
  if (parsed.success) return parsed.data;
  for (const lang of browserLanguages) {
    if (/^zh\b/i.test(lang)) return 'zh-CN';
    if (/^en\b/i.test(lang)) return 'en';
  }
  return 'en';
}

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function initI18n(): typeof i18next {
  const lng = detectLanguage(savedLanguage(), navigator.languages ?? [navigator.language]);
  void i18next.use(initReactI18next).init({
    resources: {
      en: { translation: { ...en, dashboard: dashboardEn, comments: commentsEn, export: exportEn, metrics: metricsEn } },
      'zh-CN': {
        translation: { ...zhCN, dashboard: dashboardZhCN, comments: commentsZhCN, export: exportZhCN, metrics: metricsZhCN },
      },
    },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}

export function setLanguage(lng: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18next.changeLanguage(lng);
}

export function currentLanguage(): Locale {
  return LocaleSchema.catch('en').parse(i18next.language);
}
