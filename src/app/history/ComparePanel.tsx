/**
 * The changes of a version compare, beside the canvas: the map's own
 * fields, then stages, lanes and cards in journey order, each with what
 * changed. An entry is a button: it puts the keyboard on that card (or
 * header, or emotion point), panned into view.
 */
import { useFocusPlace } from '../../actions/ActionsProvider';
import { useTranslation } from '../../i18n/useTranslation';
import { cardTitle, describeCardChange, describeField, describeHeaderChange } from '../../model/compare/describe';
import { isEmptyDiff, type CardChange } from '../../model/compare/diff';
import { isCurveLane } from '../../canvas/layout';
import { pointNavId } from '../../canvas/navigation';
import { laneNodeId, stageNodeId } from '../../canvas/projection';
import type { CompareState } from '../../state/compareContext';
import '../../canvas/compare/compare.css';

export function ComparePanel({ state }: { state: CompareState }) {
  const { t } = useTranslation();
  const focusPlace = useFocusPlace();
  const { diff } = state.result;
  const { names } = state;
  const cardNavId = (c: CardChange) => {
    const card = (c.after ?? c.before)!;
    const lane = names.lanes.get(card.laneId);
    return lane && isCurveLane(lane) ? pointNavId(lane.id, c.id) : c.id;
  };
  return (
    <aside className="side-panel compare-panel" aria-labelledby="compare-panel-title" data-testid="compare-panel">
      <h2 id="compare-panel-title">{t('compare.changes')}</h2>
      {isEmptyDiff(diff) && <p className="muted">{t('compare.noChanges')}</p>}
      <ul className="compare-list">
        {diff.meta.length > 0 && (
          <li className="compare-entry compare-changed" data-testid="compare-entry" data-compare="changed">
            <div className="compare-entry-body">
              <span className="compare-kind">{t('compare.changed')}</span>
              <strong>{t('compare.map')}</strong>
              {diff.meta.map((f) => (
                <span key={f.field}>{describeField(t, f, names)}</span>
              ))}
            </div>
          </li>
        )}
        {[
          ...diff.stages.map((s) => ({ kind: 'stage' as const, change: s })),
          ...diff.lanes.map((l) => ({ kind: 'lane' as const, change: l })),
        ].map(({ kind, change }) => (
          <li key={change.id} className={`compare-entry compare-${change.change}`} data-testid="compare-entry" data-compare={change.change}>
            <button
              type="button"
              className="compare-entry-body"
              data-entity-id={change.id}
              onClick={() => focusPlace(kind === 'stage' ? stageNodeId(change.id) : laneNodeId(change.id))}
            >
              <span className="compare-kind">{t(`compare.${change.change}`)}</span>
              <strong>{t(`compare.${kind}`, { name: (change.after ?? change.before)!.name })}</strong>
              {describeHeaderChange(t, change, names).map((line, i) => (
                <span key={i}>{line}</span>
              ))}
            </button>
          </li>
        ))}
        {diff.cards.map((c) => (
          <li
            key={c.id}
            className={`compare-entry compare-${c.change}`}
            data-testid="compare-entry"
            data-compare={c.change}
            data-card-id={c.id}
          >
            <button type="button" className="compare-entry-body" onClick={() => focusPlace(cardNavId(c))}>
              <span className="compare-kind">{t(`compare.${c.change}`)}</span>
              <strong>{cardTitle(t, (c.after ?? c.before)!)}</strong>
              {describeCardChange(t, c, names).map((line, i) => (
                <span key={i}>{line}</span>
              ))}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
