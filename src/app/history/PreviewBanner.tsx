/** Says that a saved version is on screen, not the live map; restore it or go back. */
import { useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { relativeTime } from '../../i18n/relativeTime';
import { askConfirm } from '../../ui/askConfirm';
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
  const restore = async () => {
    const yes = await askConfirm({
      title: t('history.restore'),
      message: t('history.confirmRestore'),
      confirmLabel: t('history.restoreConfirm'),
    });
    if (!yes) return;
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
        <button type="button" className="primary" data-testid="restore-version" disabled={busy} onClick={() => void restore()}>
          {t('history.restore')}
        </button>
      )}
      <button type="button" data-testid="back-to-live" onClick={onClose}>
        {t('history.backToLive')}
      </button>
    </div>
  );
}
