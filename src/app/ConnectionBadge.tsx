import { useTranslation } from '../i18n/useTranslation';
import { useSession } from '../state/session';

const HINT = {
  connected: 'connection.connectedHint',
  connecting: 'connection.reconnectingHint',
  reconnecting: 'connection.reconnectingHint',
  offline: 'connection.offlineHint',
} as const;

export function ConnectionBadge() {
  const { t } = useTranslation();
  const status = useSession((s) => s.connection);
  const localOnly = useSession((s) => s.localOnlyEdits);
  return (
    <span
      className={`connection-badge is-${status}${localOnly ? ' is-local-only' : ''}`}
      data-testid="connection"
      data-status={status}
      data-local-only={localOnly}
      title={t(localOnly ? 'connection.localOnlyHint' : HINT[status])}
      role="status"
    >
      <span className="dot" aria-hidden />
      {t(`connection.${status}`)}
      {localOnly && <span className="local-only"> · {t('connection.localOnly')}</span>}
    </span>
  );
}
