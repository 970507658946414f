/**
 * The app's own "are you sure?" (instead of the browser's window.confirm,
 * which cannot be styled, translated or tested as the rest of the UI): a
 * small alert dialog with Cancel and the action named on its button.
 */
import { Modal } from './Modal';
import { useTranslation } from '../i18n/useTranslation';

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  danger = false,
  testId = 'confirm-dialog',
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  testId?: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal title={title} className="confirm-dialog" testId={testId} role="alertdialog" onClose={onCancel}>
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
