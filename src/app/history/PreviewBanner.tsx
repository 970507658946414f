/** Says that a saved version is on screen, not the live map; restore it or go back. */
import { useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { relativeTime } from '../../i18n/relativeTime';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import type { Version } from './api';

export function PreviewBanner({
  version,
  canRestore,
  onRestore,
  onClose,
}: {
  version: Version;
  canRestore: boolean;
  onRestore(): Promise<void>;
  onClose(): void;
}) {
  const { t, language } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const restore = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      await onRestore();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <div className="preview-banner" role="status" data-testid="preview-banner">
      <span>
        {t('history.previewing', {
          name: version.name || t('history.auto'),
          time: relativeTime(version.createdAt, Date.now(), language),
        })}
      </span>
      {error && <span className="error">{error}</span>}
      <span className="spacer" />
      {canRestore && (
        <button type="button" className="primary" data-testid="restore-version" disabled={busy} onClick={() => setConfirming(true)}>
          {t('history.restore')}
        </button>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('history.restore')}
          message={t('history.confirmRestore')}
          confirmLabel={t('history.restoreConfirm')}
          testId="confirm-restore"
          onConfirm={() => void restore()}
          onCancel={() => setConfirming(false)}
        />
      )}
      <button type="button" data-testid="back-to-live" onClick={onClose}>
        {t('history.backToLive')}
      </button>
    </div>
  );
}
