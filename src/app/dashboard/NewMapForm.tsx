import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { currentLanguage } from '../../i18n/language';
import { isOneOf, LOCALES } from '../../model/choices';
import type { Locale, TemplateId } from '../../model/schema';
import { createMap } from '../api';
import { rememberFreshMap } from './freshMap';
import { TemplateGallery } from './TemplateGallery';
import { LocaleOptions } from '../LanguageSwitch';
import { mapPath, navigate } from '../router';

/** Title, content language and template (a gallery) of a new map; creating it opens it. */
export function NewMapForm({ onCancel }: { onCancel(): void }) {
  const { t, language } = useTranslation();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('blank');
  const [locale, setLocale] = useState<Locale>(currentLanguage());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const { id } = await createMap({ title: title.trim() || undefined, template, locale });
      rememberFreshMap(id);
      navigate(mapPath(id));
    } catch (err) {
      setError(t('dashboard.createError', { message: (err as Error).message }));
      setBusy(false);
    }
  };

  return (
    <form className="new-map-form" onSubmit={submit} aria-label={t('dashboard.newMap')}>
      <label>
        {t('dashboard.mapTitle')}
        <input
          value={title}
          maxLength={200}
          placeholder={t('dashboard.mapTitlePlaceholder')}
          onChange={(e) => setTitle(e.target.value)}
          autoFocus
        />
      </label>
      <label>
        {t('dashboard.contentLanguage')}
        <select
          value={locale}
          onChange={(e) => isOneOf(LOCALES, e.target.value) && setLocale(e.target.value)}
          data-testid="content-language"
        >
          <LocaleOptions />
        </select>
      </label>
      <TemplateGallery value={template} onChange={setTemplate} locale={language} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t('dashboard.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('dashboard.create')}
        </button>
      </div>
    </form>
  );
}
