/**
 * Runs the actions table on the map page: builds an action's context when it
 * runs (the open map, the session as it is then, the view, the canvas) and
 * listens for the shortcut keys. The canvas registers what it offers
 * (where the keyboard is, how to move it) with `useRegisterCanvas`.
 */
import { createContext, useCallback, useContext, useEffect, useRef, type MutableRefObject, type ReactNode, type RefObject } from 'react';
import { useOpenMap } from '../state/mapContext';
import { useSession } from '../state/session';
import { participantId } from '../sync/participant';
import { useViewCommands } from '../canvas/viewCommands';
import { actionByName, actionForKey, deleteHeader, isEnabled, runAction, type ActionName } from './actions';
import type { ActionContext, CanvasControls } from './types';

const CanvasSlot = createContext<MutableRefObject<CanvasControls | null> | null>(null);

export function ActionsProvider({ children }: { children: ReactNode }) {
  const slot = useRef<CanvasControls | null>(null);
  return <CanvasSlot.Provider value={slot}>{children}</CanvasSlot.Provider>;
}

export function useRegisterCanvas(controls: CanvasControls): void {
  const slot = useContext(CanvasSlot);
  useEffect(() => {
    if (!slot) return;
    slot.current = controls;
    return () => {
      if (slot.current === controls) slot.current = null;
    };
  }, [slot, controls]);
}

/** Put the keyboard on a place of the canvas (panned into view), from inside a node: a header's field handing focus back. */
export function useFocusPlace(): (navId: string) => void {
  const slot = useContext(CanvasSlot);
  return useCallback((navId: string) => slot?.current?.focusItem(navId), [slot]);
}

/** A function that builds the context an action runs in, as things are at that moment. */
export function useActionContext(): () => ActionContext {
  const map = useOpenMap();
  // The zoom control's own commands: the keys and the buttons zoom and fit alike.
  const view = useViewCommands();
  const slot = useContext(CanvasSlot);
  return useCallback(
    () => ({
      map,
      session: useSession.getState(),
      snapshot: map.live.getSnapshot(),
      me: participantId(),
      view,
      canvas: slot?.current ?? null,
    }),
    [map, view, slot],
  );
}

/** A header's ✕: as the Delete key on it (asks first; focus then on the neighbouring header, not lost to the page). */
export function useDeleteHeader(): (kind: 'stage' | 'lane', id: string, index: number) => void {
  const context = useActionContext();
  return useCallback((kind, id, index) => deleteHeader(context(), { kind, id, index }), [context]);
}

/** One action for a button: run it, and whether it applies now. */
export function useAction(name: ActionName) {
  const context = useActionContext();
  const action = actionByName(name);
  return {
    action,
    run: useCallback(() => runAction(action, context()), [action, context]),
    isEnabled: useCallback(() => isEnabled(action, context()), [action, context]),
  };
}

/** Typing in a field, or a dialog or menu of its own: the shortcuts keep out of the way. */
const OWN_KEYS = 'input, textarea, select, [contenteditable="true"], [role="dialog"], [role="alertdialog"], [role="menu"]';

/**
 * The shortcut keys of the map page. Canvas actions apply when focus is on
 * the canvas itself or on one of its places (a card, a header, an empty
 * cell, the persona, an emotion point: `data-nav-id`), not on a field inside
 * a header. An emotion point's slider keys (up, down) are its own and stop
 * there (CurveNode); its other keys are the grid's.
 */
export function useActionKeys(canvas: RefObject<HTMLElement | null>): void {
  const context = useActionContext();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // Element, not HTMLElement: an emotion point is an SVG element.
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest(OWN_KEYS)) return;
      // Focus on the page body: the focused place left the screen (React Flow unmounts what is out of view); the keys still drive the map.
      const onCanvas =
        !!target &&
        (target === canvas.current ||
          target === document.body ||
          (target.hasAttribute('data-nav-id') && !!canvas.current?.contains(target)));
      const ctx = context();
      const action = actionForKey(e, ctx, onCanvas);
      if (!action) return;
      e.preventDefault();
      action.perform(ctx, e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [context, canvas]);
}
