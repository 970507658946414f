/**
 * The bar under the canvas: the mini map's toggle, the zoom control and,
 * when open, the mini map itself. Nothing here floats over the map: the bar
 * is outside React Flow's area, and the open mini map makes the bar taller,
 * so the canvas gives up that strip instead of having cards under it.
 *
 * The choice, against what people know from other boards: tldraw keeps its
 * mini map collapsed by default behind a button in the bottom-left menu;
 * Miro has a mini map toggle by its zoom controls at the bottom right and
 * remembers it; both then float the map over the board. Here it is closed
 * by default and remembered (miniMapPreference.ts), its button sits beside
 * the zoom control at the bottom right, and open it docks in the bar, as an
 * editor's minimap takes its own strip: at 100% a map is read card by card,
 * and a card hidden under the mini map is one the reader never sees.
 */
import { useId } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Icon, MiniMapIcon } from '../icons';
import type { GridLayout } from './layout';
import { LayoutMiniMap } from './LayoutMiniMap';
import { setMiniMapOpen, useMiniMapOpen } from './miniMapPreference';
import { ZoomControl } from './ZoomControl';
import { StateSwitch } from './StateSwitch';
import './view.css';

/** `mapKey`: the map's id, under which the state view is remembered. */
export function ViewBar({ layout, mapKey }: { layout: GridLayout; mapKey?: string }) {
  const { t } = useTranslation();
  const open = useMiniMapOpen();
  const miniMapId = useId();
  return (
    <div className={`view-bar${open ? ' has-mini-map' : ''}`} data-testid="view-bar">
      <StateSwitch mapKey={mapKey} />
      <button
        type="button"
        className="view-btn"
        aria-expanded={open}
        aria-controls={open ? miniMapId : undefined}
        onClick={() => setMiniMapOpen(!open)}
      >
        <Icon icon={MiniMapIcon} />
        <span>{t('view.miniMap')}</span>
      </button>
      <ZoomControl />
      {open && <LayoutMiniMap layout={layout} id={miniMapId} label={t('view.miniMap')} />}
    </div>
  );
}
