/**
 * The panel at the right of the map: inspector, personas, votes, comments.
 * The tabs follow WAI-ARIA's tabs pattern (one Tab stop, arrow keys between
 * tabs); the ✕ sits beside the tab list, not in it.
 */
import { useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { useSession, type SidePanel as PanelName } from '../state/session';
import { CommentsPanel } from './CommentsPanel';
import { CommentsTabLabel } from './comments/CommentsTabLabel';
import { Inspector } from './Inspector';
import { PersonasPanel } from './PersonasPanel';
import { VotesPanel } from './VotesPanel';
import { RoundsPanel } from './RoundsPanel';
import { CloseIcon, Icon } from '../icons';

const PANELS: Exclude<PanelName, null>[] = ['inspector', 'personas', 'votes', 'comments', 'rounds'];
// The comments' and rounds' strings live in their own files (i18n/comments.*.json, i18n/rounds.*.json).
const label = (p: Exclude<PanelName, null>) => (p === 'comments' ? 'comments.tab' : p === 'rounds' ? 'rounds.tab' : `panels.${p}`);

export function SidePanel() {
  const { t } = useTranslation();
  const panel = useSession((s) => s.panel);
  const setPanel = useSession((s) => s.setPanel);
  const id = useId();
  const tabs = useRef<HTMLDivElement>(null);
  if (!panel) return null;

  const onTabKey = (e: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -PANELS.length, End: PANELS.length }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = PANELS[Math.min(PANELS.length - 1, Math.max(0, PANELS.indexOf(panel) + step))]!;
    setPanel(next);
    tabs.current?.querySelector<HTMLElement>(`[data-testid="panel-tab-${next}"]`)?.focus();
  };

  return (
    <aside className="side-panel" aria-label={t(label(panel))}>
      <div className="panel-tabs">
        <div className="panel-tab-list" role="tablist" ref={tabs} onKeyDown={onTabKey}>
          {PANELS.map((p) => (
            <button
              key={p}
              type="button"
              role="tab"
              id={`${id}-tab-${p}`}
              aria-selected={p === panel}
              aria-controls={p === panel ? `${id}-panel` : undefined}
              tabIndex={p === panel ? 0 : -1}
              className={p === panel ? 'is-active' : ''}
              data-testid={`panel-tab-${p}`}
              onClick={() => setPanel(p)}
            >
              {p === 'comments' ? <CommentsTabLabel /> : t(label(p))}
            </button>
          ))}
        </div>
        <button type="button" className="icon-btn panel-close" aria-label={t('panels.close')} onClick={() => setPanel(null)}>
          <Icon icon={CloseIcon} />
        </button>
      </div>
      <div className="panel-body" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${panel}`}>
        {panel === 'inspector' && <Inspector />}
        {panel === 'personas' && <PersonasPanel />}
        {panel === 'votes' && <VotesPanel />}
        {panel === 'comments' && <CommentsPanel />}
        {panel === 'rounds' && <RoundsPanel />}
      </div>
    </aside>
  );
}
