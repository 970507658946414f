/**
 * t(key, options): the part of i18next the app used, without i18next and
 * react-i18next (53 KB of every page's JavaScript, minified). Keys are dotted
 * paths into nested tables; `{{name}}` takes options.name as it is (React
 * escapes what it renders, so no HTML escaping here) and `{{name, number}}`
 * formats it for the language; with a numeric `count`, `key_one` /
 * `key_other` (Intl.PluralRules' categories of the language) come before
 * `key`. A key the language lacks falls back to English; a key no language
 * has gives `defaultValue`, else the key itself, so a missing string is
 * visible rather than blank.
 */
import type { Locale } from '../model/schema';

/** One language's strings: nested tables whose leaves are strings, or lists of strings. */
export interface Strings {
  readonly [key: string]: string | readonly string[] | Strings;
}

/** The values `{{name}}` placeholders take; `count` also picks the plural form. */
export interface TOptions {
  count?: number;
  /** what a key no language has gives (free text that may be one of the known names), as it is */
  defaultValue?: string;
  /** true: the key's list (or table) itself, its strings interpolated, instead of a string */
  returnObjects?: boolean;
  [name: string]: unknown;
}

export interface TFunction {
  (key: string, options: TOptions & { returnObjects: true }): unknown;
  (key: string, options?: TOptions & { returnObjects?: false }): string;
}

/** What a language without the key shows instead. */
export const FALLBACK_LANGUAGE: Locale = 'en';

const PLACEHOLDER = /\{\{(.+?)\}\}/g;

// Making a PluralRules or NumberFormat costs far more than using one.
const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();
const cached = <T>(cache: Map<Locale, T>, language: Locale, make: () => T): T => {
  let value = cache.get(language);
  if (value === undefined) cache.set(language, (value = make()));
  return value;
};
const pluralCategory = (language: Locale, count: number) =>
  cached(pluralRules, language, () => new Intl.PluralRules(language)).select(count);
const formatNumber = (language: Locale, n: number) => cached(numberFormats, language, () => new Intl.NumberFormat(language)).format(n);

function lookup(strings: Strings, key: string): Strings[string] | undefined {
  let node: Strings[string] | undefined = strings;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Strings)[part];
  }
  return node;
}

/**
 * `{{name}}` / `{{name, number}}` filled in. A placeholder whose value was not
 * passed stays as it is; one passed as undefined or null is left empty (as
 * i18next did).
 */
function interpolate(text: string, options: TOptions, language: Locale): string {
  return text.replace(PLACEHOLDER, (placeholder, inside: string) => {
    const [name = '', format] = inside.split(',').map((part) => part.trim());
    if (!Object.hasOwn(options, name)) return placeholder;
    const value = options[name];
    if (value === undefined || value === null) return '';
    return format === 'number' && typeof value === 'number' ? formatNumber(language, value) : String(value);
  });
}

function interpolateAll(value: Strings[string], options: TOptions, language: Locale): unknown {
  if (typeof value === 'string') return interpolate(value, options, language);
  if (Array.isArray(value)) return value.map((item: string) => interpolate(item, options, language));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, options, language)]));
}

/** `t` in `language` over `tables`, English filling its gaps. */
export function createTranslator(tables: Readonly<Record<Locale, Strings>>, language: Locale): TFunction {
  const languages = language === FALLBACK_LANGUAGE ? [language] : [language, FALLBACK_LANGUAGE];

  function t(key: string, options: TOptions & { returnObjects: true }): unknown;
  function t(key: string, options?: TOptions & { returnObjects?: false }): string;
  function t(key: string, options: TOptions = {}): unknown {
    const { count, returnObjects = false } = options;
    for (const lang of languages) {
      // The plural form first, then the plain key (a key without plural forms may still be given a count).
      const candidates = typeof count === 'number' ? [`${key}_${pluralCategory(lang, count)}`, key] : [key];
      for (const candidate of candidates) {
        const value = lookup(tables[lang], candidate);
        if (typeof value === 'string') return interpolate(value, options, language);
        if (value !== undefined && returnObjects) return interpolateAll(value, options, language);
      }
    }
    return options.defaultValue ?? key;
  }
  return t;
}
