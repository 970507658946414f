import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/setup';
import { LocaleSchema, TEMPLATE_IDS, TemplateIdSchema, type Locale, type MapSummary, type TemplateId } from '../model/schema';
import { InlineText } from '../canvas/InlineText';
import { createMap, deleteMapApi, listMaps, renameMapApi } from './api';
import { LanguageSwitch, LocaleOptions } from './LanguageSwitch';
import { relativeTime } from './relativeTime';
import { mapPath, navigate } from './router';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; maps: MapSummary[] };

function NewMapForm({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation();
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
        {t('dashboard.template')}
        <select value={template} onChange={(e) => setTemplate(TemplateIdSchema.parse(e.target.value))} data-testid="template-select">
          {TEMPLATE_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`dashboard.templates.${id}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dashboard.contentLanguage')}
        <select value={locale} onChange={(e) => setLocale(LocaleSchema.parse(e.target.value))} data-testid="content-language">
          <LocaleOptions />
        </select>
      </label>
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

export function Dashboard() {
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listMaps()
      .then((maps) => setLoad({ state: 'ready', maps }))
      .catch((err: Error) => setLoad({ state: 'error', message: err.message }));
  }, []);
  useEffect(refresh, [refresh]);

  const rename = async (map: MapSummary, title: string) => {
    setRenaming(null);
    if (!title.trim() || title.trim() === map.title) return;
    try {
      await renameMapApi(map.id, title.trim());
      refresh();
    } catch (err) {
      setActionError((err as Error).message);
    }
  };
  const remove = async (map: MapSummary) => {
    if (!window.confirm(t('dashboard.confirmDelete', { title: map.title }))) return;
    try {
      await deleteMapApi(map.id);
      refresh();
    } catch (err) {
      setActionError((err as Error).message);
    }
  };

  const now = Date.now();
  return (
    <div className="dashboard">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="tagline">{t('app.tagline')}</span>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="dashboard-main">
        <div className="dashboard-head">
          <h1>{t('dashboard.title')}</h1>
          {!creating && (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              + {t('dashboard.newMap')}
            </button>
          )}
        </div>
        {creating && <NewMapForm onCancel={() => setCreating(false)} />}
        {actionError && (
          <p className="error" role="alert">
            {actionError}
          </p>
        )}
        {load.state === 'loading' && <p className="muted">{t('dashboard.loading')}</p>}
        {load.state === 'error' && (
          <p className="error" role="alert">
            {t('dashboard.loadError', { message: load.message })}
          </p>
        )}
        {load.state === 'ready' && load.maps.length === 0 && <p className="muted empty">{t('dashboard.empty')}</p>}
        {load.state === 'ready' && load.maps.length > 0 && (
          <ul className="map-list" data-testid="map-list">
            {load.maps.map((map) => (
              <li key={map.id} className="map-row" data-testid="map-row" data-map-id={map.id}>
                {renaming === map.id ? (
                  <InlineText
                    value={map.title}
                    maxLength={200}
                    ariaLabel={t('dashboard.rename')}
                    onSave={(title) => void rename(map, title)}
                    onCancel={() => setRenaming(null)}
                  />
                ) : (
                  <a
                    className="map-title"
                    href={mapPath(map.id)}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                      e.preventDefault();
                      navigate(mapPath(map.id));
                    }}
                  >
                    {map.title}
                  </a>
                )}
                <span className="muted">{t('dashboard.edited', { time: relativeTime(map.updatedAt, now, i18n.language) })}</span>
                <span className="row-actions">
                  <button type="button" onClick={() => setRenaming(map.id)}>
                    {t('dashboard.rename')}
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(map)}>
                    {t('dashboard.delete')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
