/**
 * The switch between the map's current state, its future (to-be) state and
 * both side by side (model/cardState.ts). A view of this user's only: the
 * session holds it, and it is remembered per map (stateViewPreference.ts).
 */
import { useTranslation } from '../i18n/useTranslation';
import { STATE_VIEWS, type StateView } from '../model/cardState';
import { useSession } from '../state/session';
import { rememberStateView } from '../state/stateViewPreference';

export function StateSwitch({ mapKey }: { mapKey?: string }) {
  const { t } = useTranslation();
  const view = useSession((s) => s.stateView);
  const setStateView = useSession((s) => s.setStateView);
  const choose = (next: StateView) => {
    setStateView(next);
    if (mapKey) rememberStateView(mapKey, next);
  };
  return (
    <div className="state-switch" role="group" aria-label={t('states.switchLabel')} data-testid="state-switch">
      <span className="state-switch-label" aria-hidden="true">
        {t('states.switchLabel')}
      </span>
      {STATE_VIEWS.map((v) => (
        <button key={v} type="button" className="view-btn" aria-pressed={view === v} title={t(`states.${v}Hint`)} onClick={() => choose(v)}>
          {t(`states.${v}`)}
        </button>
      ))}
    </div>
  );
}
