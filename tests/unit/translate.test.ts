import { afterEach, describe, expect, it } from 'vitest';
import { changeLanguage, currentLanguage, onLanguageChanged, t, translatorFor } from '../../src/i18n/language';
import { detectLanguage } from '../../src/i18n/setup';
import { createTranslator, type Strings } from '../../src/i18n/translate';
import type { Locale } from '../../src/model/schema';

const TABLES: Record<Locale, Strings> = {
  en: {
    greeting: 'Hello {{name}}, you have {{what}}',
    cards_one: '{{count}} card',
    cards_other: '{{count}} cards',
    maps_one: '{{count, number}} map',
    maps_other: '{{count, number}} maps',
    total: 'Total: {{count}}',
    onlyInEnglish: 'English {{name}}',
    votes_one: 'one vote (English)',
    votes_other: '{{count}} votes (English)',
    area: { nested: { deep: 'Deep {{name}}' } },
    suggestions: ['NPS', 'Churn of {{name}}'],
  },
  'zh-CN': {
    greeting: '你好 {{name}}，你有 {{what}}',
    cards_other: '{{count}} 张卡片',
    maps_other: '{{count, number}} 张地图',
    total: '合计：{{count}}',
    area: { nested: { deep: '深 {{name}}' } },
    suggestions: ['净推荐值'],
  },
};

const en = createTranslator(TABLES, 'en');
const zh = createTranslator(TABLES, 'zh-CN');

describe('t: interpolation', () => {
  it('fills every {{name}} with its value as it is (no HTML escaping: React escapes what it renders)', () => {
    expect(en('greeting', { name: 'Ana', what: '<b>2 & 3</b>' })).toBe('Hello Ana, you have <b>2 & 3</b>');
    expect(zh('greeting', { name: '林', what: 3 })).toBe('你好 林，你有 3');
  });

  it('leaves a placeholder whose value was not passed as it is; one passed as undefined or null is empty', () => {
    expect(en('greeting', { name: 'Ana' })).toBe('Hello Ana, you have {{what}}');
    expect(en('greeting')).toBe('Hello {{name}}, you have {{what}}');
    expect(en('greeting', { name: null, what: undefined })).toBe('Hello , you have ');
  });

  it('formats {{count, number}} for the language', () => {
    expect(en('maps', { count: 1234 })).toBe('1,234 maps');
    expect(zh('maps', { count: 1234 })).toBe('1,234 张地图');
  });

  it('reads nested keys through dots', () => {
    expect(en('area.nested.deep', { name: 'x' })).toBe('Deep x');
    expect(zh('area.nested.deep', { name: 'x' })).toBe('深 x');
  });
});

describe('t: plurals (Intl.PluralRules of the language)', () => {
  it('English has one and other', () => {
    expect(en('cards', { count: 1 })).toBe('1 card');
    expect(en('cards', { count: 0 })).toBe('0 cards');
    expect(en('cards', { count: 2 })).toBe('2 cards');
    expect(en('maps', { count: 1 })).toBe('1 map');
  });

  it('Chinese has other only', () => {
    expect(zh('cards', { count: 1 })).toBe('1 张卡片');
    expect(zh('cards', { count: 5 })).toBe('5 张卡片');
  });

  it('a key without plural forms takes a count too', () => {
    expect(en('total', { count: 1 })).toBe('Total: 1');
    expect(zh('total', { count: 1 })).toBe('合计：1');
  });
});

describe('t: what is missing', () => {
  it('falls back to English for a key Chinese lacks, with the English plural forms', () => {
    expect(zh('onlyInEnglish', { name: 'x' })).toBe('English x');
    expect(zh('votes', { count: 1 })).toBe('one vote (English)');
    expect(zh('votes', { count: 3 })).toBe('3 votes (English)');
  });

  it('shows a key no language has as the key itself, or its defaultValue', () => {
    expect(en('no.such.key')).toBe('no.such.key');
    expect(zh('no.such.key', { count: 2 })).toBe('no.such.key');
    expect(en('area.nested', { name: 'x' })).toBe('area.nested');
    expect(en('archetypes.wanderer', { defaultValue: 'wanderer' })).toBe('wanderer');
    expect(en('__proto__')).toBe('__proto__');
  });

  it('returns a list with returnObjects, its strings interpolated', () => {
    expect(en('suggestions', { returnObjects: true, name: 'x' })).toEqual(['NPS', 'Churn of x']);
    expect(zh('suggestions', { returnObjects: true })).toEqual(['净推荐值']);
  });
});

describe('the app strings', () => {
  it('merges the areas under their prefix, in both languages', () => {
    expect(translatorFor('en')('dashboard.mapCount', { count: 1 })).toBe('1 map');
    expect(translatorFor('en')('dashboard.mapCount', { count: 1234 })).toBe('1,234 maps');
    expect(translatorFor('zh-CN')('dashboard.mapCount', { count: 1234 })).toBe('共 1,234 张地图');
    expect(translatorFor('zh-CN')('presence.guest', { n: 123 })).toBe('访客 123');
    expect(translatorFor('en')('kpi.suggestions', { returnObjects: true })).toContain('NPS');
  });
});

describe('the UI language', () => {
  afterEach(() => changeLanguage('en'));

  it('switching tells every subscriber, and t follows; unsubscribed listeners hear nothing', () => {
    const heard: Locale[] = [];
    const other: Locale[] = [];
    const stop = onLanguageChanged((l) => heard.push(l));
    const stopOther = onLanguageChanged((l) => other.push(l));
    expect(t('presence.guest', { n: 1 })).toBe('Guest 1');

    changeLanguage('zh-CN');
    expect(currentLanguage()).toBe('zh-CN');
    expect(t('presence.guest', { n: 1 })).toBe('访客 1');
    expect(heard).toEqual(['zh-CN']);

    stopOther();
    changeLanguage('zh-CN');
    changeLanguage('en');
    stop();
    changeLanguage('zh-CN');
    expect(heard).toEqual(['zh-CN', 'en']);
    expect(other).toEqual(['zh-CN']);
  });

  it('each language keeps one translator, so a component’s t changes only with the language', () => {
    expect(translatorFor('zh-CN')).toBe(translatorFor('zh-CN'));
    expect(translatorFor('en')).not.toBe(translatorFor('zh-CN'));
  });

  it('starts from the saved choice, else the browser languages, else English', () => {
    expect(detectLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(detectLanguage('fr', ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLanguage(null, ['de', 'en-GB'])).toBe('en');
    expect(detectLanguage(null, ['de'])).toBe('en');
  });
});
