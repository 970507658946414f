/**
 * The state view (current, future or both) this browser last used on each
 * map, remembered in localStorage: a team planning the future opens its map
 * where it left it. Per map, since one map may be planned and another not.
 */
import { DEFAULT_STATE_VIEW, isStateView, type StateView } from '../model/cardState';
import { readStored, writeStored } from './browserStorage';

const keyOf = (mapId: string) => `journeyboard.stateView.${mapId}`;

export function rememberedStateView(mapId: string): StateView {
  const value = readStored(keyOf(mapId));
  return isStateView(value) ? value : DEFAULT_STATE_VIEW;
}

/** The default is not kept: a key per map only for maps someone planned. */
export function rememberStateView(mapId: string, view: StateView): void {
  writeStored(keyOf(mapId), view === DEFAULT_STATE_VIEW ? null : view);
}
