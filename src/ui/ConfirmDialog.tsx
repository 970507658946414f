/**
 * The app's own "are you sure?" (instead of the browser's confirm(), which
 * cannot be styled, translated or tested as the rest of the UI): a small
 * alert dialog with Cancel and the action named on its button. Asked for
 * with askConfirm, shown by ConfirmHost.
 */
import { Modal } from './Modal';
import { useTranslation } from '../i18n/useTranslation';

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal title={title} className="confirm-dialog" testId="confirm-dialog" role="alertdialog" onClose={onCancel}>
      <p className="confirm-message">{message}</p>
      <div className="confirm-actions">
        {/* The safe answer has focus first, so Enter on a destructive question does not destroy. */}
        <button type="button" onClick={onCancel} data-autofocus={danger ? '' : undefined} data-testid="confirm-cancel">
          {t('dialog.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          onClick={onConfirm}
          data-autofocus={danger ? undefined : ''}
          data-testid="confirm-ok"
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
