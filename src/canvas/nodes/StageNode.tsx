import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from '../../i18n/useTranslation';
import { moveStage, updateStage } from '../../model/commands/stages';
import { TEXT_LIMITS } from '../../model/limits';
import { useCanEdit, useSession } from '../../state/session';
import { tryCommand } from '../../state/tryCommand';
import { InlineText } from '../../ui/InlineText';
import { HeaderActions } from './HeaderActions';
import { LinkedMapMarker } from '../../ui/LinkedMapMarker';
import { useLinkedMaps } from '../../state/linkedMaps';
import { useDeleteHeader } from '../../actions/ActionsProvider';
import { useOpenMap, useStage } from '../../state/mapContext';
import type { StageNode as StageNodeType } from '../projection';
import { compareClass, useStageChange } from '../../state/compareContext';
import { HeaderChangeBadge } from '../compare/CompareMarks';

function StageNodeView({ data }: NodeProps<StageNodeType>) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const deleteHeader = useDeleteHeader();
  const stage = useStage(data.stageId);
  const renaming = useSession((s) => s.renamingId === data.stageId);
  const setRenaming = useSession((s) => s.setRenaming);
  const canEdit = useCanEdit();
  const change = useStageChange(data.stageId);
  const setPicking = useLinkedMaps((s) => s.setPicking);
  if (!stage) return null;

  return (
    <div
      className={`stage-node${compareClass(change)}`}
      style={{ borderTopColor: stage.color }}
      data-testid="stage"
      data-stage-id={stage.id}
      data-compare={change?.change}
    >
      <HeaderChangeBadge change={change} />
      {renaming ? (
        <InlineText
          value={stage.name}
          maxLength={TEXT_LIMITS.stageName}
          ariaLabel={t('canvas.rename')}
          onSave={(name) => {
            setRenaming(null);
            if (name.trim() && name.trim() !== stage.name) tryCommand(() => updateStage(doc, stage.id, { name: name.trim() }));
          }}
          onCancel={() => setRenaming(null)}
        />
      ) : (
        <h2 className="stage-name" title={stage.description} onDoubleClick={() => canEdit && setRenaming(stage.id)}>
          {stage.name}
        </h2>
      )}
      {stage.linkedMapId !== undefined && <LinkedMapMarker mapId={stage.linkedMapId} />}
      {canEdit && (
        <HeaderActions
          axis="horizontal"
          index={data.index}
          count={data.count}
          onRename={() => setRenaming(stage.id)}
          onLink={() => setPicking({ carrier: 'stage', id: stage.id })}
          onMove={(i) => moveStage(doc, stage.id, i)}
          onDelete={() => deleteHeader('stage', stage.id, data.index)}
        />
      )}
    </div>
  );
}

export const StageNode = memo(StageNodeView);
