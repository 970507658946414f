/**
 * The link marker of a linked stage or card (linked journeys): a real link
 * to the other map, named for it ("Open linked map: Returns"), showing its
 * title, or "Linked map not found" when the map is gone (deleted, or the
 * map came from another server's file). Like the header buttons it is not a
 * Tab stop of its own (the canvas has one, navigation.ts): the keyboard opens
 * it with L on the focused card or header (the actions table), and the
 * inspector shows the card's link as an ordinary link.
 */
import { useTranslation } from '../i18n/useTranslation';
import { Icon, LinkedMapIcon } from '../icons';
import { followLinkedMap, linkedMapHref, useLinkedMapInfo } from '../state/linkedMaps';
import './linkedMap.css';

export function LinkedMapMarker({ mapId, focusable = false }: { mapId: string; focusable?: boolean }) {
  const { t } = useTranslation();
  const info = useLinkedMapInfo(mapId);
  if (!info) return null;
  if (info.status === 'missing') {
    return (
      <span className="linked-map-marker is-missing" data-testid="linked-map" title={t('journeys.notFoundHint')}>
        <Icon icon={LinkedMapIcon} /> {t('journeys.notFound')}
      </span>
    );
  }
  const title = info.status === 'found' ? info.title || t('journeys.untitled') : null;
  const shown = title ?? (info.status === 'hidden' ? t('journeys.hidden') : t('journeys.loading'));
  return (
    <a
      className="linked-map-marker"
      data-testid="linked-map"
      href={linkedMapHref(mapId)}
      tabIndex={focusable ? undefined : -1}
      aria-label={title === null ? t('journeys.openUntitled') : t('journeys.open', { title })}
      title={title === null ? t('journeys.openUntitled') : t('journeys.open', { title })}
      // The canvas must not take this click as a selection or the start of a drag.
      onPointerDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // a new tab or window: the browser's
        e.preventDefault();
        e.stopPropagation();
        followLinkedMap(mapId);
      }}
    >
      <Icon icon={LinkedMapIcon} /> <span className="linked-map-title">{shown}</span>
    </a>
  );
}
