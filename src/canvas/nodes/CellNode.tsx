import { memo, useId } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from '../../i18n/useTranslation';
import { addCardIn } from '../../actions/actions';
import { useCanEdit, useSession } from '../../state/session';
import { cellKey } from '../layout';
import { useMapSelector, useOpenMap } from '../../state/mapContext';
import { cellNodeId, type CellNode as CellNodeType } from '../projection';
import { laneInRound } from '../../model/rounds/rules';
import { useCurrentRound, usePrivate } from '../../state/useRounds';
import { usePresence } from '../../sync/presence';

/** Below this many cards a map is new: every empty cell shows its "+ Add card", not only under the pointer. */
const INVITING_BELOW = 8;

function CellNodeView({ data }: NodeProps<CellNodeType>) {
  const { t } = useTranslation();
  const isDropTarget = useSession((s) => s.dropTarget === cellKey(data.laneId, data.stageId));
  const navId = cellNodeId(data.laneId, data.stageId);
  const isTabStop = useSession((s) => s.tabStopId === navId);
  const inviting = useMapSelector((s) => s.cards.length < INVITING_BELOW);
  const laneName = useMapSelector((s) => s.lanes.find((l) => l.id === data.laneId)?.name ?? '');
  const stageName = useMapSelector((s) => s.stages.find((st) => st.id === data.stageId)?.name ?? '');
  const isCurve = data.laneKind === 'emotions';
  const canEdit = useCanEdit();
  const map = useOpenMap();
  // The same path as the keyboard's N (actions table), with its edit rule.
  const add = () => addCardIn(map, { laneId: data.laneId, stageId: data.stageId });
  const empty = data.cardCount === 0;
  const round = useCurrentRound();
  const inRound = round?.kind === 'brainstorm' && data.laneKind !== 'emotions' && laneInRound(round, data.laneId);
  const others = usePresence((s) => (inRound ? (s.draftCounts.get(`${round.id}|${data.laneId}:${data.stageId}`) ?? 0) : 0));
  const draftsId = useId();
  const mine = usePrivate().cards.filter(
    (c) => inRound && c.roundId === round.id && c.laneId === data.laneId && c.stageId === data.stageId,
  ).length;

  return (
    <div
      className={`cell-node kind-${data.laneKind}${isDropTarget ? ' is-drop-target' : ''}${inviting && empty ? ' is-inviting' : ''}${inRound ? ' is-in-round' : ''}`}
      data-testid="cell"
      data-lane-id={data.laneId}
      data-stage-id={data.stageId}
      onDoubleClick={canEdit ? add : undefined}
      title={canEdit ? t('canvas.cellHint') : undefined}
    >
      {canEdit && (
        <button
          type="button"
          className="add-card nodrag"
          onClick={add}
          // An empty cell, and every cell of a curve lane, is a place of the keyboard's (navigation.ts); in a cell with cards, N adds one.
          tabIndex={isTabStop ? 0 : -1}
          data-nav-id={empty || isCurve ? navId : undefined}
          // The placeholders' counts, for someone who reaches the cell with the keyboard.
          aria-describedby={others > 0 || mine > 0 ? draftsId : undefined}
          aria-label={
            isCurve
              ? t('curve.addPoint')
              : inRound
                ? t('rounds.addPrivateIn', { lane: laneName, stage: stageName })
                : t('keyboard.addCardIn', { lane: laneName, stage: stageName })
          }
        >
          + {isCurve ? t('curve.addPoint') : inRound ? t('rounds.addPrivate') : t('canvas.addCard')}
        </button>
      )}
      {(others > 0 || mine > 0) && (
        // Face down: how many cards are being written here, never what they say.
        <div className="round-drafts" id={draftsId} data-testid="round-drafts" data-others={others} data-mine={mine}>
          {others > 0 && (
            <span className="drafts-others" data-testid="drafts-others">
              <span className="face-down" aria-hidden="true" />
              {t('rounds.othersWriting', { count: others })}
            </span>
          )}
          {mine > 0 && <span className="drafts-mine">{t('rounds.yoursHere', { count: mine })}</span>}
        </div>
      )}
    </div>
  );
}

export const CellNode = memo(CellNodeView);
