/**
 * The bar under the canvas: the zoom control and the mini map's toggle. It
 * is outside React Flow's area, so it never covers a card; the mini map,
 * when opened, floats above its right end, and "Fit" keeps the map clear of it.
 */
import { useId } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Icon, MiniMapIcon } from '../icons';
import type { GridLayout } from './layout';
import { LayoutMiniMap } from './LayoutMiniMap';
import { setMiniMapOpen, useMiniMapOpen } from './miniMapPreference';
import { ZoomControl } from './ZoomControl';
import './view.css';

export function ViewBar({ layout }: { layout: GridLayout }) {
  const { t } = useTranslation();
  const open = useMiniMapOpen();
  const miniMapId = useId();
  return (
    <>
      {open && <LayoutMiniMap layout={layout} id={miniMapId} label={t('view.miniMap')} />}
      <div className="view-bar" data-testid="view-bar">
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
      </div>
    </>
  );
}
