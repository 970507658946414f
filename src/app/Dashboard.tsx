/**
 * The dashboard: the maps on this server as cards, a page at a time (the
 * next one comes as the user scrolls near the end), searchable by title as
 * you type and sorted by last edit or by title; create, import, rename,
 * duplicate and delete maps; search the cards of every map by text
 * (CardSearch); or see the maps as a tree of journeys (JourneyTree). The server searches, sorts and counts
 * (`GET /api/maps`), so a workspace of thousands of maps costs the browser
 * one page, not the whole list.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { MAP_SORTS } from '../model/choices';
import type { MapSummary } from '../model/mapList';
import type { MapSort } from '../model/schema';
import { FRESHNESS, type Freshness } from '../model/review';
import { deleteMapApi, duplicateMapApi, getMapApi, renameMapApi } from './api';
import { askConfirm } from '../ui/askConfirm';
import { LanguageSwitch } from './LanguageSwitch';
import { takeFreshMap } from './dashboard/freshMap';
import { CardSearch } from './dashboard/CardSearch';
import { ImportMapButton } from './dashboard/ImportMap';
import { LoadMore } from './dashboard/LoadMore';
import { MapCard } from './dashboard/MapCard';
import { NewMapForm } from './dashboard/NewMapForm';
import { DashboardSelect } from './dashboard/DashboardSelect';
import { savedSort, saveSort } from './dashboard/sortChoice';
import { useDebouncedValue } from './dashboard/useDebouncedValue';
import { useMapList } from './dashboard/useMapList';
import { JourneyTree } from './dashboard/JourneyTree';
import { DASHBOARD_VIEWS, savedView, saveView, type DashboardView } from './dashboard/viewChoice';
import { userActedSince } from '../ui/userActedSince';
import './dashboard/dashboard.css';

/** Typing pauses shorter than this do not each cost a request. */
const SEARCH_DEBOUNCE_MS = 150;

/**
 * Where focus goes once a map's row is gone (with it the Delete button the
 * question gave focus back to): the row that took its place, else the one
 * before, else (the last map gone) the New map button; not the page.
 */
function focusAfterRemoving(mapId: string): () => void {
  const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="map-row"]')];
  const at = rows().findIndex((r) => r.dataset.mapId === mapId);
  const acted = userActedSince();
  return () => {
    // The user went on while the server answered: focus is where they put it.
    if (acted()) return;
    // Whether or not React has taken the row out yet.
    const left = rows().filter((r) => r.dataset.mapId !== mapId);
    const link = left[Math.max(0, Math.min(at, left.length - 1))]?.querySelector<HTMLElement>('a.map-title');
    (link ?? document.querySelector<HTMLElement>('[data-testid="new-map"]'))?.focus();
  };
}

export function Dashboard() {
  const { t, language } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [duplicating, setDuplicating] = useState<string | null>(null);
  // Highlighted: a map this tab just made (a duplicate here, or a new or imported map on the way back).
  const [fresh, setFresh] = useState<string | null>(takeFreshMap);
  const [actionError, setActionError] = useState<string | null>(null);
  // What the search box shows, and the query applied: a Chinese IME's
  // composition (pinyin letters) is not searched for until it is committed.
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<MapSort>(savedSort);
  const [view, setView] = useState<DashboardView>(savedView);
  const tree = view === 'tree';
  const [owner, setOwner] = useState('');
  const [freshness, setFreshness] = useState<Freshness | ''>('');

  const q = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  // The UI language's collation orders titles (pinyin for zh-CN); the edited order needs none,
  // so switching language refetches only a title-sorted list.
  const locale = sort === 'title' ? language : undefined;
  const list = useMapList({ q, sort, locale, owner, ...(freshness ? { freshness } : {}) });
  const { replace, remove: removeFromList, insert } = list;

  const rename = useCallback(
    async (map: MapSummary, title: string) => {
      setRenaming(null);
      if (!title.trim() || title.trim() === map.title) return;
      try {
        replace(await renameMapApi(map.id, title.trim()));
      } catch (err) {
        setActionError((err as Error).message);
      }
    },
    [replace],
  );
  const duplicate = useCallback(
    async (map: MapSummary) => {
      setDuplicating(map.id);
      setActionError(null);
      try {
        const { id } = await duplicateMapApi(map.id);
        // The copy is the newest edit: first in the edited order, beside its original by title.
        insert(await getMapApi(id), map.id);
        setFresh(id);
      } catch (err) {
        setActionError(t('dashboard.duplicateError', { message: (err as Error).message }));
      } finally {
        setDuplicating(null);
      }
    },
    [insert, t],
  );
  const remove = useCallback(
    async (map: MapSummary) => {
      const yes = await askConfirm({
        title: t('dashboard.deleteMap'),
        message: t('dashboard.confirmDelete', { title: map.title }),
        confirmLabel: t('dashboard.deleteMap'),
        danger: true,
      });
      if (!yes) return;
      const refocus = focusAfterRemoving(map.id);
      try {
        await deleteMapApi(map.id);
        removeFromList(map.id);
        requestAnimationFrame(refocus);
      } catch (err) {
        setActionError((err as Error).message);
      }
    },
    [removeFromList, t],
  );
  const startRename = useCallback((map: MapSummary) => setRenaming(map.id), []);
  const cancelRename = useCallback(() => setRenaming(null), []);
  const onRename = useCallback((map: MapSummary, title: string) => void rename(map, title), [rename]);
  const onDuplicate = useCallback((map: MapSummary) => void duplicate(map), [duplicate]);
  const onDelete = useCallback((map: MapSummary) => void remove(map), [remove]);

  const ready = list.status === 'ready';
  const searched = list.request.q !== '';
  const filtered = (list.request.owner ?? '') !== '' || list.request.freshness !== undefined;
  // No maps at all (not merely none matching): nothing to search or sort.
  const noMaps = ready && !searched && !filtered && list.total === 0;
  // An owner chosen before their last map was deleted or handed over stays a choice until changed.
  const owners =
    owner && !list.owners.some((o) => o.toLocaleLowerCase() === owner.toLocaleLowerCase()) ? [...list.owners, owner] : list.owners;

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
              <button type="button" className="primary" data-testid="new-map" onClick={() => setCreating(true)}>
                + {t('dashboard.newMap')}
              </button>
            )}
          </div>
        </div>
        {creating && <NewMapForm onCancel={() => setCreating(false)} />}
        {list.status !== 'loading' && !noMaps && <CardSearch />}
        {list.status !== 'loading' && !noMaps && (
          <div className="dashboard-view" role="group" aria-label={t('dashboard.view')}>
            {DASHBOARD_VIEWS.map((key) => (
              <button
                key={key}
                type="button"
                data-testid={`view-${key}`}
                aria-pressed={view === key}
                onClick={() => {
                  setView(key);
                  saveView(key);
                }}
              >
                {t(key === 'list' ? 'dashboard.viewList' : 'dashboard.viewTree')}
              </button>
            ))}
          </div>
        )}
        {list.status !== 'loading' && !noMaps && (
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
            {!tree && (
              <>
                <DashboardSelect
                  label={t('dashboard.sortLabel')}
                  testId="map-sort"
                  value={sort}
                  options={MAP_SORTS}
                  optionLabel={(key) => t(`dashboard.sort.${key}`)}
                  onChange={(picked) => {
                    if (picked === '') return;
                    setSort(picked);
                    saveSort(picked);
                  }}
                />
                <DashboardSelect
                  label={t('review.filterOwner')}
                  testId="owner-filter"
                  value={owner}
                  options={owners}
                  allLabel={t('review.allOwners')}
                  onChange={setOwner}
                />
                <DashboardSelect
                  label={t('review.filterFreshness')}
                  testId="freshness-filter"
                  value={freshness}
                  options={FRESHNESS}
                  optionLabel={(key) => t(`review.freshness.${key}`)}
                  allLabel={t('review.freshness.all')}
                  onChange={setFreshness}
                />
                {ready && (
                  <span className="muted" aria-live="polite" data-testid="map-count" data-total={list.total}>
                    {t(searched || filtered ? 'dashboard.matchCount' : 'dashboard.mapCount', { count: list.total })}
                  </span>
                )}
                {ready && list.stale > 0 && freshness !== 'stale' && (
                  <button type="button" className="stale-count" data-testid="stale-count" onClick={() => setFreshness('stale')}>
                    {t('review.staleCount', { count: list.stale })}
                  </button>
                )}
              </>
            )}
          </div>
        )}
        {tree && !noMaps && list.status !== 'loading' && <JourneyTree query={q} />}
        {actionError && (
          <p className="error" role="alert">
            {actionError}
          </p>
        )}
        {list.status === 'loading' && <p className="muted">{t('dashboard.loading')}</p>}
        {list.status === 'error' && (
          <p className="error" role="alert">
            {t('dashboard.loadError', { message: list.error })}
          </p>
        )}
        {noMaps && <p className="muted empty">{t('dashboard.empty')}</p>}
        {!tree && ready && (searched || filtered) && list.total === 0 && (
          <p className="muted empty" data-testid="no-matches">
            {searched ? t('dashboard.noMatches', { query: list.request.q }) : t('review.noMatches')}
          </p>
        )}
        {!tree && list.maps.length > 0 && (
          <ul className="map-grid" data-testid="map-list" aria-busy={list.pending}>
            {list.maps.map((map) => (
              <MapCard
                key={map.id}
                map={map}
                now={list.fetchedAt}
                renaming={renaming === map.id}
                duplicating={duplicating === map.id}
                fresh={fresh === map.id}
                onStartRename={startRename}
                onRename={onRename}
                onCancelRename={cancelRename}
                onDuplicate={onDuplicate}
                onDelete={onDelete}
              />
            ))}
          </ul>
        )}
        {!tree && ready && list.nextCursor !== null && (
          <LoadMore loading={list.more === 'loading'} error={list.more === 'error' ? list.moreError : null} onLoad={list.loadMore} />
        )}
      </main>
    </div>
  );
}
