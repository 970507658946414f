import { memo } from 'react';
import { useReactFlow, useStoreApi, type NodeProps } from '@xyflow/react';
import { useTranslation } from '../../i18n/useTranslation';
import { addLane } from '../../model/commands/lanes';
import { addStage } from '../../model/commands/stages';
import { useCanEdit, useSession } from '../../state/session';
import { tryCommand } from '../../state/tryCommand';
import { GRID } from '../layout';
import { useOpenMap } from '../../state/mapContext';
import type { AddNode as AddNodeType } from '../projection';

const MARGIN = 24;

function AddNodeView({ data, positionAbsoluteX, positionAbsoluteY }: NodeProps<AddNodeType>) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const flow = useReactFlow();
  const store = useStoreApi();
  const setRenaming = useSession((s) => s.setRenaming);
  const canEdit = useCanEdit();
  const navId = data.what === 'stage' ? 'add:stage' : 'add:lane';
  const isTabStop = useSession((s) => s.tabStopId === navId);
  const label = data.what === 'stage' ? t('canvas.addStage') : t('canvas.addLane');

  /**
   * The new stage (lane) appears where this button is and pushes it along:
   * pan just enough that both are on screen, so the rename box is visible.
   */
  const reveal = () => {
    const { width, height } = store.getState();
    const { x, y, zoom } = flow.getViewport();
    if (data.what === 'stage') {
      const right = positionAbsoluteX + GRID.columnWidth + GRID.addButtonSize + MARGIN;
      const overflow = right * zoom + x - width;
      if (overflow > 0) void flow.setViewport({ x: x - overflow - MARGIN, y, zoom });
    } else {
      const bottom = positionAbsoluteY + GRID.minRowHeight + GRID.addButtonSize + MARGIN;
      const overflow = bottom * zoom + y - height;
      if (overflow > 0) void flow.setViewport({ x, y: y - overflow - MARGIN, zoom });
    }
  };

  const add = () => {
    const id = tryCommand(() =>
      data.what === 'stage' ? addStage(doc, { name: t('canvas.newStage') }) : addLane(doc, { kind: 'notes', name: t('canvas.newLane') }),
    );
    if (id === undefined) return; // refused (the map is full): the notice says so
    setRenaming(id);
    reveal();
  };
  if (!canEdit) return null;
  return (
    <button
      type="button"
      className="add-node"
      aria-label={label}
      title={label}
      onClick={add}
      // Reached with the arrow keys past the last stage or lane (navigation.ts).
      tabIndex={isTabStop ? 0 : -1}
      data-nav-id={navId}
    >
      +
    </button>
  );
}

export const AddNode = memo(AddNodeView);
