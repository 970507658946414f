/** Workshop tools over the map: tag filter, votes left, the opportunity matrix, the panels. */
import { useRef } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { useRovingFocus } from '../ui/useRovingFocus';
import { TAGS } from '../model/schema';
import { useSession } from '../state/session';
import { useMyVotes } from './useMyVotes';
import { UndoButtons } from './UndoButtons';
import { useAction } from '../actions/ActionsProvider';
import { ExportButton } from '../export/ExportButton';
import { useCompare } from '../state/compareContext';
import { MetricsImportButton } from './MetricsImportButton';
import { FacilitationTools } from './FacilitationTools';
import { Icon, TAG_ICONS, VotesIcon } from '../icons';

export function WorkshopToolbar() {
  const { t } = useTranslation();
  const tagFilter = useSession((s) => s.tagFilter);
  const setTagFilter = useSession((s) => s.setTagFilter);
  const panel = useSession((s) => s.panel);
  const setPanel = useSession((s) => s.setPanel);
  const setMatrixOpen = useSession((s) => s.setMatrixOpen);
  const { left, budget } = useMyVotes();
  const shortcuts = useAction('shortcuts');
  const comparing = useCompare() !== null;
  // One Tab stop for the whole toolbar, arrows inside it: the map is a few Tab presses from the top.
  const toolbar = useRef<HTMLDivElement>(null);
  useRovingFocus(toolbar);

  return (
    <div className="workshop-toolbar" role="toolbar" aria-label={t('toolbar.label')} ref={toolbar}>
      <UndoButtons />
      <div className="tag-filter" role="group" aria-label={t('tags.filter')}>
        <span className="muted">{t('tags.filter')}:</span>
        <button
          type="button"
          aria-pressed={tagFilter === null}
          className={tagFilter === null ? 'is-on' : ''}
          onClick={() => setTagFilter(null)}
        >
          {t('tags.all')}
        </button>
        {TAGS.map((tag) => (
          <button
            key={tag}
            type="button"
            aria-pressed={tagFilter === tag}
            className={tagFilter === tag ? 'is-on' : ''}
            onClick={() => setTagFilter(tagFilter === tag ? null : tag)}
          >
            <Icon icon={TAG_ICONS[tag]} /> {t(`tags.${tag}`)}
          </button>
        ))}
      </div>
      <span className="spacer" />
      <FacilitationTools />
      <button type="button" data-testid="votes-left-badge" onClick={() => setPanel('votes')} title={t('votes.left', { left, budget })}>
        <Icon icon={VotesIcon} /> {left}/{budget}
      </button>
      {/* A comparison is not a map to send: its removed cards are ghosts only the canvas marks. The compare banner exports it as a page of changes. */}
      {!comparing && <ExportButton />}
      <MetricsImportButton />
      <button type="button" onClick={() => setMatrixOpen(true)}>
        {t('matrix.open')}
      </button>
      <button type="button" aria-pressed={panel === 'personas'} onClick={() => setPanel(panel === 'personas' ? null : 'personas')}>
        {t('panels.personas')}
      </button>
      <button type="button" aria-pressed={panel === 'inspector'} onClick={() => setPanel(panel === 'inspector' ? null : 'inspector')}>
        {t('panels.inspector')}
      </button>
      <button
        type="button"
        className="icon-btn"
        data-testid="shortcuts-button"
        aria-label={t('keyboard.shortcutsButton')}
        title={t('keyboard.shortcutsButton')}
        aria-keyshortcuts="?"
        onClick={shortcuts.run}
      >
        ?
      </button>
    </div>
  );
}
