import { useTranslation } from '../i18n/useTranslation';
import { setLanguage } from '../i18n/setup';
import { isOneOf, LOCALES } from '../model/choices';

export function LanguageSwitch() {
  const { t, language } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        aria-label={t('language.label')}
        data-testid="language-switch"
        value={language}
        onChange={(e) => isOneOf(LOCALES, e.target.value) && setLanguage(e.target.value)}
      >
        <LocaleOptions />
      </select>
    </label>
  );
}

/** One <option> per supported language, each named in its own language. */
export function LocaleOptions() {
  const { t } = useTranslation();
  return LOCALES.map((l) => (
    <option key={l} value={l}>
      {t(`language.${l}`)}
    </option>
  ));
}
