/**
 * One map on the dashboard: a thumbnail strip of its stages, its title, a
 * summary (stages, cards, the persona it follows), when it was last edited,
 * and rename / duplicate / delete. A map not saved since summaries were
 * introduced has no summary yet: it shows a blank strip and no counts.
 */
import { memo, type MouseEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { TFunction } from '../../i18n/translate';
import { STAGE_COLORS } from '../../model/choices';
import type { MapSummary } from '../../model/mapList';
import { InlineText } from '../../ui/InlineText';
import { readableOn } from '../../ui/readableOn';
import { relativeTime } from '../../i18n/relativeTime';
import { mapPath, navigate } from '../router';
import { reviewWords } from '../review/reviewText';

interface Props {
  map: MapSummary;
  now: number;
  renaming: boolean;
  duplicating: boolean;
  /** just made in this tab (a duplicate, a new or imported map): highlighted */
  fresh: boolean;
  onStartRename(map: MapSummary): void;
  onRename(map: MapSummary, title: string): void;
  onCancelRename(): void;
  onDuplicate(map: MapSummary): void;
  onDelete(map: MapSummary): void;
}

/** In-app navigation, unless the user asked for a new tab or window. */
function openIn(e: MouseEvent, id: string) {
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(mapPath(id));
}

/** A stage's block: its colour, and black or white text, whichever reads on it. */
const stageStyle = (i: number) => {
  const background = STAGE_COLORS[i % STAGE_COLORS.length]!;
  return { background, color: readableOn(background) };
};

/** Given the card's `t`: one useTranslation per card, not two, is measurable over a page of 50. */
function StageStrip({ map, t }: { map: MapSummary; t: TFunction }) {
  const stats = map.stats;
  const more = stats ? stats.stages - stats.stageNames.length : 0;
  return (
    // The title link is the accessible way in; the strip is a larger mouse target.
    <a className="map-card-thumb" href={mapPath(map.id)} tabIndex={-1} aria-hidden="true" onClick={(e) => openIn(e, map.id)}>
      {stats && stats.stageNames.length > 0 ? (
        <span className="stage-strip" data-testid="stage-strip">
          {stats.stageNames.map((name, i) => (
            <span key={i} className="stage-block" style={stageStyle(i)} title={name}>
              {name}
            </span>
          ))}
          {more > 0 && <span className="stage-block stage-more">{t('dashboard.moreStages', { count: more })}</span>}
        </span>
      ) : (
        <span className="stage-strip is-empty" />
      )}
    </a>
  );
}

/** Memoised: loading another page or patching one map re-renders only the cards whose props changed. */
export const MapCard = memo(function MapCard({
  map,
  now,
  renaming,
  duplicating,
  fresh,
  onStartRename,
  onRename,
  onCancelRename,
  onDuplicate,
  onDelete,
}: Props) {
  const { t, language } = useTranslation();
  const stats = map.stats;
  const review = stats?.review ? reviewWords(t, language, stats.review, now) : null;
  const stale = review?.freshness === 'stale';
  return (
    <li
      className={`map-card${fresh ? ' is-fresh' : ''}${stale ? ' is-stale' : ''}`}
      data-testid="map-row"
      data-map-id={map.id}
      data-freshness={review?.freshness ?? 'unscheduled'}
    >
      <StageStrip map={map} t={t} />
      {stale && (
        <span className="stale-badge" data-testid="stale-badge">
          {t('review.staleBadge')}
        </span>
      )}
      <div className="map-card-body">
        {renaming ? (
          <InlineText
            value={map.title}
            maxLength={200}
            ariaLabel={t('dashboard.rename')}
            onSave={(title) => onRename(map, title)}
            onCancel={onCancelRename}
          />
        ) : (
          <a className="map-title" href={mapPath(map.id)} onClick={(e) => openIn(e, map.id)} title={map.title}>
            {map.title}
          </a>
        )}
        {stats && (
          <p className="map-card-stats" data-testid="map-stats" data-stages={stats.stages} data-cards={stats.cards}>
            <span>{t('dashboard.stats.stages', { count: stats.stages })}</span>
            <span>{t('dashboard.stats.cards', { count: stats.cards })}</span>
          </p>
        )}
        {stats?.persona && (
          <p className="map-card-persona" title={stats.persona} data-testid="map-persona">
            {t('dashboard.stats.persona', { name: stats.persona })}
          </p>
        )}
        {stats?.review?.owner && (
          <p className="map-card-owner" title={stats.review.owner} data-testid="map-owner">
            {t('review.ownedBy', { name: stats.review.owner })}
          </p>
        )}
        {review && (review.due !== null || stats?.review?.lastReviewedAt !== undefined) && (
          <p className={`map-card-review${stale ? ' is-stale' : ''}`} data-testid="map-review">
            {[review.last, review.due].filter(Boolean).join(' · ')}
          </p>
        )}
        <p className="muted map-card-edited">{t('dashboard.edited', { time: relativeTime(map.updatedAt, now, language) })}</p>
      </div>
      <div className="map-card-actions">
        <button type="button" onClick={() => onStartRename(map)}>
          {t('dashboard.rename')}
        </button>
        <button type="button" onClick={() => onDuplicate(map)} disabled={duplicating}>
          {duplicating ? t('dashboard.duplicating') : t('dashboard.duplicate')}
        </button>
        <button type="button" className="danger" onClick={() => onDelete(map)}>
          {t('dashboard.delete')}
        </button>
      </div>
    </li>
  );
});
