/**
 * The toolbar's Present: stage by stage, or just the selected cards (a path
 * chosen on the map). Anyone may present (it changes nothing on the map);
 * the others are offered to follow in the presence bar.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { useMapSelector } from '../../state/mapContext';
import { useSession } from '../../state/session';
import { Icon, PresentIcon } from '../../icons';
import { enterFullscreen, usePresentation } from './presentationState';

export function PresentButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const selectedIds = useSession((s) => s.selectedIds);
  const cardById = useMapSelector((s) => s.cardById);
  const selectedCards = [...selectedIds].filter((id) => cardById.has(id));
  const start = usePresentation((s) => s.start);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!popup.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    popup.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const present = (path: readonly string[] | null) => {
    setOpen(false);
    enterFullscreen();
    start(path);
  };

  return (
    <div className="timer-control">
      <button
        type="button"
        ref={button}
        data-testid="present-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <Icon icon={PresentIcon} /> {t('present.button')}
      </button>
      {open && (
        <div
          className="timer-popover"
          role="dialog"
          aria-label={t('present.menu')}
          ref={popup}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close(true);
            }
          }}
        >
          <button type="button" data-testid="present-stages" onClick={() => present(null)}>
            {t('present.stages')}
          </button>
          <button type="button" data-testid="present-selected" disabled={selectedCards.length === 0} onClick={() => present(selectedCards)}>
            {t('present.selected', { count: Math.max(1, selectedCards.length) })}
          </button>
          {selectedCards.length === 0 && <p className="muted">{t('present.selectHint')}</p>}
        </div>
      )}
    </div>
  );
}
