/**
 * The dashboard: every map on this server as a card, searchable by title as
 * you type and sorted by last edit or by title; create, import, rename,
 * duplicate and delete maps. The list is fetched once and filtered here, not
 * per keystroke.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapSummary } from '../model/schema';
import { deleteMapApi, duplicateMapApi, listMaps, renameMapApi } from './api';
import { LanguageSwitch } from './LanguageSwitch';
import { ImportMapButton } from './dashboard/ImportMap';
import { MapCard } from './dashboard/MapCard';
import { NewMapForm } from './dashboard/NewMapForm';
import { filterMaps, isSortKey, SORT_KEYS, sortMaps, type SortKey } from './dashboard/filter';
import './dashboard/dashboard.css';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; maps: MapSummary[] };

const SORT_STORAGE_KEY = 'journeyboard.dashboard.sort';

function savedSort(): SortKey {
  try {
    const saved = localStorage.getItem(SORT_STORAGE_KEY);
    return isSortKey(saved) ? saved : 'edited';
  } catch {
    return 'edited';
  }
}

function saveSort(sort: SortKey): void {
  try {
    localStorage.setItem(SORT_STORAGE_KEY, sort);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function Dashboard() {
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [duplicating, setDuplicating] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // What the search box shows, and the query applied: a Chinese IME's
  // composition (pinyin letters) is not searched for until it is committed.
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>(savedSort);

  const refresh = useCallback(() => {
    listMaps()
      .then((maps) => setLoad({ state: 'ready', maps }))
      .catch((err: Error) => setLoad({ state: 'error', message: err.message }));
  }, []);
  useEffect(refresh, [refresh]);

  const maps = load.state === 'ready' ? load.maps : null;
  const shown = useMemo(() => (maps ? sortMaps(filterMaps(maps, query), sort, i18n.language) : []), [maps, query, sort, i18n.language]);

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
  const duplicate = async (map: MapSummary) => {
    setDuplicating(map.id);
    setActionError(null);
    try {
      const { id } = await duplicateMapApi(map.id);
      setFresh(id);
      refresh();
    } catch (err) {
      setActionError(t('dashboard.duplicateError', { message: (err as Error).message }));
    } finally {
      setDuplicating(null);
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
          <div className="dashboard-actions">
            <ImportMapButton />
            {!creating && (
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                + {t('dashboard.newMap')}
              </button>
            )}
          </div>
        </div>
        {creating && <NewMapForm onCancel={() => setCreating(false)} />}
        {maps && maps.length > 0 && (
          <div className="dashboard-tools" role="search">
            <input
              type="search"
              className="dashboard-search"
              data-testid="map-search"
              aria-label={t('dashboard.search')}
              placeholder={t('dashboard.searchPlaceholder')}
              value={searchText}
              maxLength={200}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (!(e.nativeEvent as InputEvent).isComposing) setQuery(e.target.value);
              }}
              onCompositionEnd={(e) => setQuery(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
                  setSearchText('');
                  setQuery('');
                }
              }}
            />
            <label className="dashboard-sort">
              {t('dashboard.sortLabel')}
              <select
                data-testid="map-sort"
                value={sort}
                onChange={(e) => {
                  if (!isSortKey(e.target.value)) return;
                  setSort(e.target.value);
                  saveSort(e.target.value);
                }}
              >
                {SORT_KEYS.map((key) => (
                  <option key={key} value={key}>
                    {t(`dashboard.sort.${key}`)}
                  </option>
                ))}
              </select>
            </label>
            {query.trim() !== '' && (
              <span className="muted" aria-live="polite" data-testid="map-count">
                {t('dashboard.matchCount', { count: shown.length, total: maps.length })}
              </span>
            )}
          </div>
        )}
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
        {maps && maps.length === 0 && <p className="muted empty">{t('dashboard.empty')}</p>}
        {maps && maps.length > 0 && shown.length === 0 && (
          <p className="muted empty" data-testid="no-matches">
            {t('dashboard.noMatches', { query: query.trim() })}
          </p>
        )}
        {shown.length > 0 && (
          <ul className="map-grid" data-testid="map-list">
            {shown.map((map) => (
              <MapCard
                key={map.id}
                map={map}
                now={now}
                renaming={renaming === map.id}
                duplicating={duplicating === map.id}
                fresh={fresh === map.id}
                onStartRename={(m) => setRenaming(m.id)}
                onRename={(m, title) => void rename(m, title)}
                onCancelRename={() => setRenaming(null)}
                onDuplicate={(m) => void duplicate(m)}
                onDelete={(m) => void remove(m)}
              />
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
