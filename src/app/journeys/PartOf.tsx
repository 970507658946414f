/**
 * "Part of: After purchase, Checkout" beside the map's title: the maps that
 * link to this one (linked journeys), each a link back to it. Nothing when no
 * map links here, or when the page came in through a share link (which may
 * not see other maps).
 */
import { useTranslation } from '../../i18n/useTranslation';
import { useLinkedMaps } from '../../state/linkedMaps';
import { mapPath, navigate } from '../router';

export function PartOf() {
  const { t } = useTranslation();
  const parents = useLinkedMaps((s) => s.parents);
  if (parents.length === 0) return null;
  return (
    <nav className="part-of" aria-label={t('journeys.partOfLabel')} data-testid="part-of">
      <span className="muted">{t('journeys.partOf')}</span>{' '}
      {parents.map((p, i) => (
        <span key={p.id}>
          {i > 0 && t('keyboard.listSeparator')}
          <a
            href={mapPath(p.id)}
            onClick={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              navigate(mapPath(p.id));
            }}
          >
            {p.title || t('journeys.untitled')}
          </a>
        </span>
      ))}
    </nav>
  );
}
