/** A dialog over the page: closes on Escape, on the ✕ and on a click outside. */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { CloseIcon, Icon } from '../icons';

export function Modal({
  title,
  className,
  testId,
  onClose,
  children,
}: {
  title: string;
  className?: string;
  testId?: string;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className={`modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onClick={(e) => e.stopPropagation()}
        data-testid={testId}
      >
        <header>
          <h2>{title}</h2>
          <button type="button" className="icon-btn" aria-label={t('matrix.close')} onClick={onClose}>
            <Icon icon={CloseIcon} />
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
