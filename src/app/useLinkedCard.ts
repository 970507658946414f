/**
 * Opening a map through a card link (cardLink.ts, e.g. from the dashboard's
 * card search): once the map is loaded, the card is selected (the inspector
 * shows it), the canvas pans to it, and keyboard focus goes to it, so a
 * screen-reader user lands on the card they chose. Once per page load: a
 * reconnect must not pull the view back.
 */
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { useSession } from '../state/session';
import { linkedCardId } from './cardLink';
import { userActedSince } from '../ui/userActedSince';

/** Frames to wait for the card to be rendered after the pan (React Flow renders only what is in view). */
const FOCUS_TRIES = 60;

export function useLinkedCard(doc: Y.Doc | null, ready: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!doc || !ready || done.current) return;
    const id = linkedCardId(window.location.hash);
    if (id === null) return;
    done.current = true;
    if (!doc.getMap('cards').has(id)) return; // deleted since the search: the map opens as usual
    useSession.getState().requestSelection([id], true);
    let tries = 0;
    let settled = false;
    const acted = userActedSince();
    let frame = requestAnimationFrame(function focus() {
      // A key or a click while the card was not there yet: the user has moved on, and keeps their focus.
      if (acted()) return void (settled = true);
      const el = document.querySelector<HTMLElement>(`[data-nav-id="${CSS.escape(id)}"]`);
      if (el) el.focus({ preventScroll: true });
      if (el || ++tries >= FOCUS_TRIES) settled = true;
      else frame = requestAnimationFrame(focus);
    });
    return () => {
      cancelAnimationFrame(frame);
      // Undone before the card was reached (React's development double run): the next run tries again.
      if (!settled) done.current = false;
    };
  }, [doc, ready]);
}
