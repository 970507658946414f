/**
 * A dialog over the page, as WAI-ARIA's modal dialog pattern asks: it takes
 * focus when it opens, keeps Tab inside, closes on Escape, on the ✕ and on a
 * click outside, and gives focus back to what had it before (the button that
 * opened it). Dialogs opened over a dialog (a confirmation) stack: Escape and
 * the focus trap belong to the top one.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { CloseIcon, Icon } from '../icons';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The dialogs open now, the last on top. */
const stack: HTMLElement[] = [];

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.closest('fieldset:disabled') && (el.offsetWidth > 0 || el.offsetHeight > 0 || el.getClientRects().length > 0),
  );
}

/** Where focus goes on opening: an element marked `data-autofocus`, else the first control of the content, else the ✕. */
function initialFocus(dialog: HTMLElement): HTMLElement {
  const marked = dialog.querySelector<HTMLElement>('[data-autofocus]');
  if (marked) return marked;
  const all = focusables(dialog);
  return all.find((el) => !el.closest('.modal-header')) ?? all[0] ?? dialog;
}

export function Modal({
  title,
  className,
  testId,
  onClose,
  children,
  role = 'dialog',
}: {
  title: string;
  className?: string;
  testId?: string;
  onClose(): void;
  children: ReactNode;
  /** `alertdialog` for a question that must be answered (a confirmation) */
  role?: 'dialog' | 'alertdialog';
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    stack.push(dialog);
    initialFocus(dialog).focus();

    const onKey = (e: KeyboardEvent) => {
      if (stack[stack.length - 1] !== dialog) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const all = focusables(dialog);
      if (all.length === 0) {
        e.preventDefault();
        dialog.focus();
        return;
      }
      const first = all[0]!;
      const last = all[all.length - 1]!;
      const active = document.activeElement;
      const inside = active instanceof Node && dialog.contains(active);
      if (e.shiftKey && (!inside || active === first || active === dialog)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (!inside || active === last)) {
        e.preventDefault();
        first.focus();
      }
    };
    // Focus that lands outside (a click on the page behind, a script) comes back in.
    const onFocusIn = (e: FocusEvent) => {
      if (stack[stack.length - 1] !== dialog) return;
      if (e.target instanceof Node && !dialog.contains(e.target)) initialFocus(dialog).focus();
    };
    // Capture phase, so a canvas's own Escape or Tab handling does not see keys meant for the dialog.
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      stack.splice(stack.indexOf(dialog), 1);
      // Back to the opener, unless it is gone or focus has already been put somewhere on purpose.
      const active = document.activeElement;
      const focusLost = !active || active === document.body || dialog.contains(active);
      if (focusLost && opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        ref={ref}
        className={`modal ${className ?? ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        data-testid={testId}
      >
        <div className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-btn" aria-label={t('matrix.close')} onClick={onClose}>
            <Icon icon={CloseIcon} />
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
