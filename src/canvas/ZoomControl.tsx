/**
 * The zoom control: − , the level (type one, or pick 50–200 % from the list),
 * + and Fit, in the bar under the canvas (viewBar), so it never covers a card.
 * It replaces React Flow's <Controls>, which showed no level.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useStore } from '@xyflow/react';
import { useTranslation } from '../i18n/useTranslation';
import { FitIcon, Icon, ZoomInIcon, ZoomOutIcon } from '../icons';
import { useViewCommands } from './viewCommands';
import { MAX_ZOOM, MIN_ZOOM, ZOOM_PRESETS, formatZoom, parseZoomLevel } from './viewport';

export function ZoomControl() {
  const { t } = useTranslation();
  const commands = useViewCommands();
  // A number: this re-renders when the zoom changes, not on every pan.
  const zoom = useStore((s) => s.transform[2]);
  const [draft, setDraft] = useState<string | null>(null);
  const listId = useId();
  const shown = formatZoom(zoom);

  const apply = (text: string) => {
    const level = parseZoomLevel(text);
    if (level !== null) commands.zoomTo(level);
    setDraft(null);
  };
  const onInput = (e: FormEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    // A level picked from the list applies at once; a typed one on Enter.
    if ((e.nativeEvent as InputEvent).inputType === 'insertReplacementText' || (e.nativeEvent as InputEvent).inputType === undefined) {
      if (ZOOM_PRESETS.some((z) => formatZoom(z) === value)) return apply(value);
    }
    setDraft(value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      apply(e.currentTarget.value);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(null);
    }
    // The canvas's own keys (arrows, +, −) must not act while a level is typed.
    e.stopPropagation();
  };

  return (
    <div className="zoom-control" role="group" aria-label={t('view.zoom')} data-testid="zoom-control">
      <button
        type="button"
        className="view-btn"
        aria-label={t('view.zoomOut')}
        title={t('view.zoomOut')}
        disabled={zoom <= MIN_ZOOM + 0.001}
        onClick={commands.zoomOut}
      >
        <Icon icon={ZoomOutIcon} />
      </button>
      <input
        className="zoom-level"
        aria-label={t('view.zoomLevel')}
        title={t('view.zoomLevelHint')}
        list={listId}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={draft ?? shown}
        onFocus={(e) => e.currentTarget.select()}
        onInput={onInput}
        onChange={() => undefined}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          if (draft !== null) apply(e.currentTarget.value);
        }}
      />
      <datalist id={listId}>
        {ZOOM_PRESETS.map((z) => (
          <option key={z} value={formatZoom(z)} />
        ))}
      </datalist>
      <button
        type="button"
        className="view-btn"
        aria-label={t('view.zoomIn')}
        title={t('view.zoomIn')}
        disabled={zoom >= MAX_ZOOM - 0.001}
        onClick={commands.zoomIn}
      >
        <Icon icon={ZoomInIcon} />
      </button>
      <button type="button" className="view-btn view-fit" title={t('view.fitHint')} onClick={commands.fit}>
        <Icon icon={FitIcon} />
        <span>{t('view.fit')}</span>
      </button>
    </div>
  );
}
