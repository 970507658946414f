/**
 * Choosing the map a stage or card links to (linked journeys): maps searched
 * by title (GET /api/maps?q=, the dashboard's search), the current link with
 * a way to remove it. Editors only; the link is written through the
 * setLinkedMap command, checked like every write.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { setLinkedMap, type LinkTarget } from '../../model/commands/journeyLinks';
import type { MapSummary } from '../../model/mapList';
import { useCanEdit } from '../../state/session';
import { useLinkedMapInfo, useLinkedMaps } from '../../state/linkedMaps';
import { useMapSelector, useOpenMap } from '../../state/mapContext';
import { tryCommand } from '../../state/tryCommand';
import { Modal } from '../../ui/Modal';
import { listMaps } from '../api';
import { useDebouncedValue } from '../dashboard/useDebouncedValue';
import './journeys.css';

const RESULTS = 20;

type Search = { state: 'loading' } | { state: 'done'; maps: MapSummary[] } | { state: 'error'; message: string };

function useMapSearch(query: string, exceptId: string): Search {
  const { language } = useTranslation();
  const settled = useDebouncedValue(query.trim(), 200);
  const [search, setSearch] = useState<Search>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setSearch({ state: 'loading' });
    listMaps({ q: settled, sort: settled ? 'title' : 'edited', locale: language, limit: RESULTS + 1 }, controller.signal)
      .then((list) => setSearch({ state: 'done', maps: list.maps.filter((m) => m.id !== exceptId).slice(0, RESULTS) }))
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setSearch({ state: 'error', message: err instanceof Error ? err.message : String(err) });
      });
    return () => controller.abort();
  }, [settled, exceptId, language]);
  return search;
}

function useLinkedIdOf(target: LinkTarget): string | undefined {
  return useMapSelector((s) =>
    target.carrier === 'stage' ? s.stages.find((x) => x.id === target.id)?.linkedMapId : s.cardById.get(target.id)?.linkedMapId,
  );
}

export function LinkPicker({ mapId, target }: { mapId: string; target: LinkTarget }) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const canEdit = useCanEdit();
  const close = () => useLinkedMaps.getState().setPicking(null);
  const stageName = useMapSelector((s) => (target.carrier === 'stage' ? s.stages.find((x) => x.id === target.id)?.name : undefined));
  const current = useLinkedIdOf(target);
  const currentInfo = useLinkedMapInfo(current);
  const [query, setQuery] = useState('');
  const search = useMapSearch(query, mapId);
  const inputId = useId();

  const link = (map: MapSummary | null) => {
    if (map) useLinkedMaps.getState().learn([{ id: map.id, title: map.title }], [], false);
    if (tryCommand(() => setLinkedMap(doc, target, map?.id ?? null)) !== undefined) close();
  };

  const currentTitle =
    currentInfo?.status === 'found'
      ? currentInfo.title || t('journeys.untitled')
      : currentInfo?.status === 'missing'
        ? t('journeys.notFound')
        : t('journeys.hidden');

  return (
    <Modal
      title={target.carrier === 'stage' ? t('journeys.pickerStage', { name: stageName ?? '' }) : t('journeys.pickerCard')}
      testId="link-picker"
      className="link-picker"
      onClose={close}
    >
      {!canEdit ? (
        <p className="muted">{t('journeys.readOnly')}</p>
      ) : (
        <>
          {current !== undefined && (
            <p className="link-picker-current">
              <span data-testid="link-picker-current">{t('journeys.current', { title: currentTitle })}</span>
              <button type="button" className="danger" onClick={() => link(null)}>
                {t('journeys.remove')}
              </button>
            </p>
          )}
          <label htmlFor={inputId}>{t('journeys.search')}</label>
          <input
            id={inputId}
            type="search"
            data-autofocus
            value={query}
            placeholder={t('journeys.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
          <div aria-live="polite" className="link-picker-status">
            {search.state === 'loading' && <p className="muted">{t('journeys.searching')}</p>}
            {search.state === 'error' && <p className="error">{t('journeys.searchError', { message: search.message })}</p>}
            {search.state === 'done' && search.maps.length === 0 && <p className="muted">{t('journeys.noResults')}</p>}
          </div>
          {search.state === 'done' && search.maps.length > 0 && (
            <ul className="link-picker-results" aria-label={t('journeys.results')}>
              {search.maps.map((m) => (
                <li key={m.id}>
                  <button type="button" aria-pressed={m.id === current} onClick={() => link(m)}>
                    {m.title || t('journeys.untitled')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Modal>
  );
}
