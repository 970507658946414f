/**
 * Undo and redo of my own changes: the toolbar's buttons for the actions
 * table's undo and redo (whose keys, Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y,
 * the map page's key handler runs).
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useAction } from '../actions/ActionsProvider';
import { useTranslation } from '../i18n/useTranslation';
import { useOpenMap } from '../state/mapContext';
import { useCanEdit } from '../state/session';
import { Icon, RedoIcon, UndoIcon } from '../icons';

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
  const undoAction = useAction('undo');
  const redoAction = useAction('redo');

  if (!canEdit) return null;
  return (
    <span className="undo-buttons">
      <button
        type="button"
        data-testid="undo"
        disabled={!canUndo}
        onClick={undoAction.run}
        title={t('undo.undoHint')}
        aria-label={t('undo.undo')}
      >
        <Icon icon={UndoIcon} />
      </button>
      <button
        type="button"
        data-testid="redo"
        disabled={!canRedo}
        onClick={redoAction.run}
        title={t('undo.redoHint')}
        aria-label={t('undo.redo')}
      >
        <Icon icon={RedoIcon} />
      </button>
    </span>
  );
}
