/**
 * Says that some of the map is shown repaired (model/repair.ts): another
 * client wrote values the format does not allow, and readers mend them
 * rather than hide the entity. Unobtrusive, with the details (which entity,
 * which fields) one click away. The document is not changed by reading it.
 */
import { useTranslation } from '../i18n/useTranslation';
import type { MapSnapshot, Repair } from '../model/live';
import { useMapSelector, useSnapshot } from '../state/mapContext';

/** Enough of a card's text to recognise it. */
const CARD_TEXT_SHOWN = 40;

function entityName(snapshot: MapSnapshot, repair: Repair): string {
  switch (repair.target) {
    case 'meta':
      return '';
    case 'cards': {
      const text = snapshot.cardById.get(repair.id)?.text ?? '';
      return text.length > CARD_TEXT_SHOWN ? `${text.slice(0, CARD_TEXT_SHOWN)}…` : text;
    }
    default:
      return (snapshot[repair.target] as readonly { id: string; name: string }[]).find((e) => e.id === repair.id)?.name ?? '';
  }
}

/** Nothing at all (and no re-render on edits) while nothing is repaired, which is nearly always. */
export function RepairNotice() {
  const repairs = useMapSelector((s) => s.repairs);
  return repairs.length === 0 ? null : <RepairDetails repairs={repairs} />;
}

function RepairDetails({ repairs }: { repairs: readonly Repair[] }) {
  const { t } = useTranslation();
  const snapshot = useSnapshot();
  const count = repairs.reduce((n, r) => n + r.fields.length, 0);
  return (
    <details className="repair-notice" data-testid="repair-notice">
      <summary>
        {t('notices.repaired', { count })} <span className="repair-details-label">{t('notices.repairDetails')}</span>
      </summary>
      <p className="muted">{t('notices.repairHint')}</p>
      <ul>
        {repairs.map((r) => (
          <li key={r.target === 'meta' ? 'meta' : `${r.target}/${r.id}`} data-testid="repair-item">
            {t('notices.repairedItem', {
              what: t(`notices.what.${r.target}`, { name: entityName(snapshot, r) }),
              fields: r.fields.join(', '),
            })}
          </li>
        ))}
      </ul>
    </details>
  );
}
