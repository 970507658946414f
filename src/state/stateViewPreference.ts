/**
 * The state view (current, future or both) this browser last used on each
 * map, remembered in localStorage: a team planning the future opens its map
 * where it left it. Per map, since one map may be planned and another not.
 */
import { DEFAULT_STATE_VIEW, isStateView, type StateView } from '../model/cardState';

const keyOf = (mapId: string) => `journeyboard.stateView.${mapId}`;

export function rememberedStateView(mapId: string): StateView {
  try {
    const value = localStorage.getItem(keyOf(mapId));
    return isStateView(value) ? value : DEFAULT_STATE_VIEW;
  } catch {
    return DEFAULT_STATE_VIEW; // storage blocked: the default
  }
}

export function rememberStateView(mapId: string, view: StateView): void {
  try {
    if (view === DEFAULT_STATE_VIEW) localStorage.removeItem(keyOf(mapId));
    else localStorage.setItem(keyOf(mapId), view);
  } catch {
    // storage blocked: the choice lasts until the page is left
  }
}
