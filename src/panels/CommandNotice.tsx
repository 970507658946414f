/**
 * The session's notice (an edit the map refused, see state/tryCommand.ts):
 * announced politely to screen readers, hidden after a while or on dismiss.
 */
import { useEffect } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { useSession } from '../state/session';

/** Long enough to read two lines; the notice is about something the user just did. */
const SHOWN_MS = 8000;

export function CommandNotice() {
  const { t } = useTranslation();
  const notice = useSession((s) => s.notice);
  const dismiss = useSession((s) => s.dismissNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => dismiss(notice.seq), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  // The live region stays mounted, so a new message in it is announced.
  return (
    <div className="command-notice-region" role="status" aria-live="polite">
      {notice && (
        <div className="command-notice" data-testid="command-notice">
          <span>{t(notice.key, notice.values)}</span>
          <button type="button" className="link" onClick={() => dismiss(notice.seq)} aria-label={t('notices.dismiss')}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
