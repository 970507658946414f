/** The panel at the right of the map: inspector, personas, votes. */
import { useTranslation } from 'react-i18next';
import { useSession, type SidePanel as PanelName } from '../state/session';
import { Inspector } from './Inspector';
import { PersonasPanel } from './PersonasPanel';
import { VotesPanel } from './VotesPanel';

const PANELS: Exclude<PanelName, null>[] = ['inspector', 'personas', 'votes'];

export function SidePanel() {
  const { t } = useTranslation();
  const panel = useSession((s) => s.panel);
  const setPanel = useSession((s) => s.setPanel);
  if (!panel) return null;
  return (
    <aside className="side-panel" aria-label={t(`panels.${panel}`)}>
      <nav className="panel-tabs" role="tablist">
        {PANELS.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={p === panel}
            className={p === panel ? 'is-active' : ''}
            onClick={() => setPanel(p)}
          >
            {t(`panels.${p}`)}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" className="icon-btn" aria-label={t('panels.close')} onClick={() => setPanel(null)}>
          ✕
        </button>
      </nav>
      <div className="panel-body" role="tabpanel">
        {panel === 'inspector' && <Inspector />}
        {panel === 'personas' && <PersonasPanel />}
        {panel === 'votes' && <VotesPanel />}
      </div>
    </aside>
  );
}
