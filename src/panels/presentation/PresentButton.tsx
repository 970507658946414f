/**
 * The toolbar's Present: stage by stage, or just the selected cards (a path
 * chosen on the map). Anyone may present (it changes nothing on the map);
 * the others are offered to follow in the presence bar.
 */
import { useTranslation } from '../../i18n/useTranslation';
import { useMapSelector } from '../../state/mapContext';
import { useSession } from '../../state/session';
import { Icon, PresentIcon } from '../../icons';
import { usePopover } from '../../ui/usePopover';
import { enterFullscreen, usePresentation } from './presentationState';

export function PresentButton() {
  const { t } = useTranslation();
  const { open, toggle, close, buttonRef, popupRef, onPopupKeyDown } = usePopover();
  const selectedIds = useSession((s) => s.selectedIds);
  const cardById = useMapSelector((s) => s.cardById);
  const selectedCards = [...selectedIds].filter((id) => cardById.has(id));
  const start = usePresentation((s) => s.start);

  const present = (path: readonly string[] | null) => {
    close(false);
    enterFullscreen();
    start(path);
  };

  return (
    <div className="timer-control">
      <button type="button" ref={buttonRef} data-testid="present-button" aria-expanded={open} aria-haspopup="dialog" onClick={toggle}>
        <Icon icon={PresentIcon} /> {t('present.button')}
      </button>
      {open && (
        <div className="timer-popover" role="dialog" aria-label={t('present.menu')} ref={popupRef} onKeyDown={onPopupKeyDown}>
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
