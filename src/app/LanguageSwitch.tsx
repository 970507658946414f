import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/setup';
import { LOCALES, LocaleSchema } from '../model/schema';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        aria-label={t('language.label')}
        data-testid="language-switch"
        value={i18n.language}
        onChange={(e) => setLanguage(LocaleSchema.parse(e.target.value))}
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
