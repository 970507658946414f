import { useTranslation } from 'react-i18next';
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
  return (
    <span className={`connection-badge is-${status}`} data-testid="connection" data-status={status} title={t(HINT[status])} role="status">
      <span className="dot" aria-hidden />
      {t(`connection.${status}`)}
    </span>
  );
}
