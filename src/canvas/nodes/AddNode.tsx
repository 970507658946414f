import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { addLane } from '../../model/commands/lanes';
import { addStage } from '../../model/commands/stages';
import { useSession } from '../../state/session';
import { useOpenMap } from '../mapContext';
import type { AddNode as AddNodeType } from '../projection';

function AddNodeView({ data }: NodeProps<AddNodeType>) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const setRenaming = useSession((s) => s.setRenaming);
  const label = data.what === 'stage' ? t('canvas.addStage') : t('canvas.addLane');
  const add = () =>
    setRenaming(
      data.what === 'stage' ? addStage(doc, { name: t('canvas.newStage') }) : addLane(doc, { kind: 'notes', name: t('canvas.newLane') }),
    );
  return (
    <button type="button" className="add-node" aria-label={label} title={label} onClick={add}>
      +
    </button>
  );
}

export const AddNode = memo(AddNodeView);
