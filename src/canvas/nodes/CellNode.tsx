import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from '../../i18n/useTranslation';
import { addCard, defaultFieldsFor } from '../../model/commands/cards';
import { useCanEdit, useSession } from '../../state/session';
import { tryCommand } from '../../state/tryCommand';
import { cellKey } from '../layout';
import { useOpenMap } from '../../state/mapContext';
import type { CellNode as CellNodeType } from '../projection';

function CellNodeView({ data }: NodeProps<CellNodeType>) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const isDropTarget = useSession((s) => s.dropTarget === cellKey(data.laneId, data.stageId));
  const startEditing = useSession((s) => s.startEditing);
  const requestSelection = useSession((s) => s.requestSelection);
  const setPanel = useSession((s) => s.setPanel);
  const isCurve = data.laneKind === 'emotions';
  const canEdit = useCanEdit();

  const add = () => {
    const id = tryCommand(() =>
      addCard(doc, { laneId: data.laneId, stageId: data.stageId, text: '', fields: defaultFieldsFor(data.laneKind) }),
    );
    if (id === undefined) return; // refused (the map is full): the notice says so
    if (isCurve) {
      // An emotion point has no card to type into: its label is edited in the inspector.
      requestSelection([id]);
      setPanel('inspector');
    } else startEditing(id);
  };

  return (
    <div
      className={`cell-node kind-${data.laneKind}${isDropTarget ? ' is-drop-target' : ''}`}
      data-testid="cell"
      data-lane-id={data.laneId}
      data-stage-id={data.stageId}
      onDoubleClick={canEdit ? add : undefined}
      title={canEdit ? t('canvas.cellHint') : undefined}
    >
      {canEdit && (
        <button type="button" className="add-card nodrag" onClick={add} aria-label={isCurve ? t('curve.addPoint') : t('canvas.addCard')}>
          + {isCurve ? t('curve.addPoint') : t('canvas.addCard')}
        </button>
      )}
    </div>
  );
}

export const CellNode = memo(CellNodeView);
