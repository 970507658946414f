/**
 * A card's context menu (right click, Shift+F10 or the context-menu key):
 * the card actions of the actions table, with their keys. A WAI-ARIA menu:
 * focus moves into it, arrows move between items, Enter runs one, Esc or
 * Tab closes it and focus goes back to the card.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { actions, isEnabled, runAction } from './actions';
import { useActionContext } from './ActionsProvider';
import { formatKeys, isMac } from './keys';
import './actions.css';

export interface ContextMenuState {
  cardId: string;
  /** where it opens, in the canvas's coordinates */
  x: number;
  y: number;
}

export function ContextMenu({ menu, onClose }: { menu: ContextMenuState; onClose(returnFocus: boolean): void }) {
  const { t } = useTranslation();
  const context = useActionContext();
  const ref = useRef<HTMLDivElement>(null);
  const ctx = context();
  const items = actions.filter((a) => a.inContextMenu).map((a) => ({ action: a, enabled: isEnabled(a, ctx) }));

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose(false);
    };
    window.addEventListener('pointerdown', onPointer, true);
    return () => window.removeEventListener('pointerdown', onPointer, true);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose(true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      className="card-menu"
      role="menu"
      aria-label={t('keyboard.cardMenu')}
      style={{ left: menu.x, top: menu.y }}
      onKeyDown={onKeyDown}
      data-testid="card-menu"
    >
      {items.map(({ action, enabled }) => (
        <button
          key={action.name}
          type="button"
          role="menuitem"
          tabIndex={-1}
          aria-disabled={!enabled || undefined}
          aria-keyshortcuts={action.keys[0]?.replace('Mod', isMac() ? 'Meta' : 'Control')}
          onClick={() => {
            if (!enabled) return;
            // The comment box takes focus itself; everything else gives it back to the card.
            onClose(action.name !== 'comment');
            runAction(action, context());
          }}
        >
          <span>{t(`keyboard.actions.${action.label}`)}</span>
          <kbd>{formatKeys(action.keys[0]!, isMac()).join(isMac() ? '' : '+')}</kbd>
        </button>
      ))}
    </div>
  );
}
