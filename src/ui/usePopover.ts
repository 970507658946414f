/**
 * A toolbar button with a popover under it (the timer's and Present's): a
 * press outside both closes it, opening puts the focus on its first control,
 * and Esc closes it and gives the focus back to the button, so a keyboard
 * user ends where they started.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export interface Popover {
  open: boolean;
  /** opens it, or closes it when open (the button's click) */
  toggle: () => void;
  /** closes it; `refocus` puts the focus back on the button */
  close: (refocus: boolean) => void;
  buttonRef: RefObject<HTMLButtonElement | null>;
  popupRef: RefObject<HTMLDivElement | null>;
  /** for the popup's onKeyDown: Esc closes it without reaching the canvas */
  onPopupKeyDown: (e: KeyboardEvent) => void;
}

/** `firstFocus`: the selector of the control focused on opening. `onClose`: called whenever it closes. */
export function usePopover(firstFocus = 'button:not(:disabled)', onClose?: () => void): Popover {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popupRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    onCloseRef.current?.();
    if (refocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!popupRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    popupRef.current?.querySelector<HTMLElement>(firstFocus)?.focus();
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, close, firstFocus]);

  const onPopupKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close(true);
    },
    [close],
  );

  const toggle = useCallback(() => (open ? close(false) : setOpen(true)), [open, close]);
  return { open, toggle, close, buttonRef, popupRef, onPopupKeyDown };
}
