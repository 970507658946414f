/**
 * The card's linked map in the inspector (linked journeys): the link itself,
 * an ordinary link here (Tab reaches it, Enter opens it), and for editors the
 * button that opens the map picker (app/journeys/LinkPicker.tsx) to choose,
 * change or remove it. Viewers and commenters see and follow the link only.
 */
import { useTranslation } from '../i18n/useTranslation';
import type { Card } from '../model/schema';
import { useLinkedMaps } from '../state/linkedMaps';
import { LinkedMapMarker } from '../ui/LinkedMapMarker';

export function LinkedMapField({ card, canEdit }: { card: Card; canEdit: boolean }) {
  const { t } = useTranslation();
  const setPicking = useLinkedMaps((s) => s.setPicking);
  const linked = card.linkedMapId;
  return (
    <div className="field" data-testid="inspector-linked-map">
      <span className="label">{t('journeys.field')}</span>
      <div className="linked-map-field">
        {linked !== undefined ? <LinkedMapMarker mapId={linked} focusable /> : <span className="muted">{t('journeys.none')}</span>}
        {canEdit && (
          <button type="button" onClick={() => setPicking({ carrier: 'card', id: card.id })}>
            {linked !== undefined ? t('journeys.change') : t('journeys.link')}
          </button>
        )}
      </div>
    </div>
  );
}
