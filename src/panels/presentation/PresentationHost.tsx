/**
 * Shows a presentation: mine (I drive it, and my step goes out as presence)
 * or the one of the person I follow (the existing follow feature: their step
 * is shown here, with a banner to stop following). Either is in full screen
 * where the browser allowed it; leaving full screen (Esc in the browser's
 * full screen) leaves my presentation, or stops following.
 */
import { useEffect, useRef } from 'react';
import { useOpenMap } from '../../state/mapContext';
import { usePresence } from '../../sync/presence';
import { exitFullscreen, usePresentation } from './presentationState';
import { PresentationView } from './PresentationView';

export function PresentationHost() {
  const { presence } = useOpenMap();
  const mine = usePresentation((s) => s.mine);
  const go = usePresentation((s) => s.go);
  const leave = usePresentation((s) => s.leave);
  const following = usePresence((s) => s.following);
  const leader = usePresence((s) => (s.following === null ? undefined : s.peers.find((p) => p.clientId === s.following)));
  const setFollowing = usePresence((s) => s.setFollowing);

  const step = mine?.step ?? null;
  const path = mine?.path ?? null;
  useEffect(() => {
    presence.setPresenting(step === null ? null : { step, ...(path ? { path: [...path] } : {}) });
  }, [presence, step, path]);
  // Leaving the map page ends my presentation for everyone.
  useEffect(() => () => presence.setPresenting(null), [presence]);
  useEffect(() => () => usePresentation.getState().leave(), []);

  // Mine, or the presenter's I follow (the Follow click asked for full screen): leaving full screen leaves it, and its end leaves full screen.
  const watching = following !== null && Boolean(leader?.presenting);
  const shown = mine !== null || watching;
  const wasFullscreen = useRef(false);
  useEffect(() => {
    if (!shown) return;
    const onChange = () => {
      if (document.fullscreenElement) wasFullscreen.current = true;
      else if (wasFullscreen.current) {
        wasFullscreen.current = false;
        if (usePresentation.getState().mine) usePresentation.getState().leave();
        else usePresence.getState().setFollowing(null);
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      wasFullscreen.current = false;
      exitFullscreen();
    };
  }, [shown]);

  if (mine) return <PresentationView step={mine.step} path={mine.path} onStep={go} onLeave={leave} />;
  if (following !== null && leader?.presenting) {
    return (
      <PresentationView
        step={leader.presenting.step}
        path={leader.presenting.path ?? null}
        presenter={leader.user.name}
        onLeave={() => setFollowing(null)}
      />
    );
  }
  return null;
}
