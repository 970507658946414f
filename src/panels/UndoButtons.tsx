/** Undo and redo of my own changes: toolbar buttons and Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { useOpenMap } from '../state/mapContext';
import { useCanEdit } from '../state/session';
import { Icon, RedoIcon, UndoIcon } from '../icons';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || !!target.closest('input, textarea, select'));

export function UndoButtons() {
  const { t } = useTranslation();
  const { undo } = useOpenMap();
  const subscribe = useCallback(
    (onChange: () => void) => {
      const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
      for (const e of events) undo.on(e, onChange);
      return () => {
        for (const e of events) undo.off(e, onChange);
      };
    },
    [undo],
  );
  const canUndo = useSyncExternalStore(subscribe, () => undo.canUndo());
  const canRedo = useSyncExternalStore(subscribe, () => undo.canRedo());
  const canEdit = useCanEdit();

  useEffect(() => {
    // Undo and redo write to the map: the keys follow the buttons' rule, and are off while the buttons are hidden.
    if (!canEdit) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo.undo();
      } else if ((key === 'z' && e.shiftKey) || (key === 'y' && !e.metaKey)) {
        e.preventDefault();
        undo.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, canEdit]);

  if (!canEdit) return null;
  return (
    <span className="undo-buttons">
      <button
        type="button"
        data-testid="undo"
        disabled={!canUndo}
        onClick={() => undo.undo()}
        title={t('undo.undoHint')}
        aria-label={t('undo.undo')}
      >
        <Icon icon={UndoIcon} />
      </button>
      <button
        type="button"
        data-testid="redo"
        disabled={!canRedo}
        onClick={() => undo.redo()}
        title={t('undo.redoHint')}
        aria-label={t('undo.redo')}
      >
        <Icon icon={RedoIcon} />
      </button>
    </span>
  );
}
