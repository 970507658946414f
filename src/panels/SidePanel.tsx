/** The panel at the right of the map: inspector, personas, votes, comments. */
import { useTranslation } from '../i18n/useTranslation';
import { useSession, type SidePanel as PanelName } from '../state/session';
import { CommentsPanel } from './CommentsPanel';
import { CommentsTabLabel } from './comments/CommentsTabLabel';
import { Inspector } from './Inspector';
import { PersonasPanel } from './PersonasPanel';
import { VotesPanel } from './VotesPanel';
import { CloseIcon, Icon } from '../icons';

const PANELS: Exclude<PanelName, null>[] = ['inspector', 'personas', 'votes', 'comments'];
// The comments' strings live in their own file (i18n/comments.*.json).
const label = (p: Exclude<PanelName, null>) => (p === 'comments' ? 'comments.tab' : `panels.${p}`);

export function SidePanel() {
  const { t } = useTranslation();
  const panel = useSession((s) => s.panel);
  const setPanel = useSession((s) => s.setPanel);
  if (!panel) return null;
  return (
    <aside className="side-panel" aria-label={t(label(panel))}>
      <nav className="panel-tabs" role="tablist">
        {PANELS.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={p === panel}
            className={p === panel ? 'is-active' : ''}
            data-testid={`panel-tab-${p}`}
            onClick={() => setPanel(p)}
          >
            {p === 'comments' ? <CommentsTabLabel /> : t(label(p))}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" className="icon-btn" aria-label={t('panels.close')} onClick={() => setPanel(null)}>
          <Icon icon={CloseIcon} />
        </button>
      </nav>
      <div className="panel-body" role="tabpanel">
        {panel === 'inspector' && <Inspector />}
        {panel === 'personas' && <PersonasPanel />}
        {panel === 'votes' && <VotesPanel />}
        {panel === 'comments' && <CommentsPanel />}
      </div>
    </aside>
  );
}
