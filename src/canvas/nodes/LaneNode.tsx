import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from '../../i18n/useTranslation';
import { moveLane, updateLane } from '../../model/commands/lanes';
import { TEXT_LIMITS } from '../../model/limits';
import { DEPARTMENTS, LANE_KINDS, LaneKindSchema } from '../../model/schema';
import { CommitText } from '../../ui/fields';
import { useCanEdit, useSession } from '../../state/session';
import { tryCommand } from '../../state/tryCommand';
import { InlineText } from '../../ui/InlineText';
import { HeaderActions } from './HeaderActions';
import { useDeleteHeader } from '../../actions/ActionsProvider';
import { ChevronDown, Icon } from '../../icons';
import '../view.css';
import { useLane, useOpenMap } from '../../state/mapContext';
import { laneNodeId, type LaneNode as LaneNodeType } from '../projection';
import { useLowDetail } from '../levelOfDetail';
import { useHeaderFields } from './headerFields';
import { compareClass, useLaneChange } from '../../state/compareContext';
import { HeaderChangeBadge } from '../compare/CompareMarks';

/** "Customer actions" and "customer actions " say the same. */
const sameWords = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function LaneNodeView({ data }: NodeProps<LaneNodeType>) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const deleteHeader = useDeleteHeader();
  const lane = useLane(data.laneId);
  const renaming = useSession((s) => s.renamingId === data.laneId);
  const setRenaming = useSession((s) => s.setRenaming);
  const canEdit = useCanEdit();
  // Zoomed out the header's select and field would be a few pixels tall, too small to hit: they show as text until zoomed in.
  const lowDetail = useLowDetail();
  const controls = canEdit && !lowDetail;
  const fieldKeys = useHeaderFields(laneNodeId(data.laneId));
  const change = useLaneChange(data.laneId);
  if (!lane) return null;
  const kindLabel = t(`laneKinds.${lane.kind}`);
  const typeRepeatsName = sameWords(lane.name, kindLabel);
  // A known department key is shown in the reader's language; free text as typed.
  const departmentLabel = (d: string) => ((DEPARTMENTS as readonly string[]).includes(d) ? t(`departments.${d}`) : d);

  // Where the type says what the name already says, the picker is a small "⌄" beside the name, not the same words again.
  const kindPicker = (
    <label className={`lane-kind-picker nodrag${typeRepeatsName ? ' is-compact' : ''}`} title={t('canvas.laneKind')}>
      {typeRepeatsName && <Icon icon={ChevronDown} />}
      <select
        className="lane-kind"
        aria-label={t('canvas.laneKind')}
        // Not a Tab stop: reached from the header (headerFields.ts).
        tabIndex={-1}
        value={lane.kind}
        onChange={(e) => updateLane(doc, lane.id, { kind: LaneKindSchema.parse(e.target.value) })}
      >
        {LANE_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`laneKinds.${k}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div
      className={`lane-node kind-${lane.kind}${compareClass(change)}`}
      data-testid="lane"
      data-lane-id={lane.id}
      data-compare={change?.change}
      {...fieldKeys}
    >
      <HeaderChangeBadge change={change} />
      <div className="lane-title">
        {renaming ? (
          <InlineText
            value={lane.name}
            maxLength={TEXT_LIMITS.laneName}
            ariaLabel={t('canvas.rename')}
            onSave={(name) => {
              setRenaming(null);
              // Tabbing on to the type leaves the name box: an unchanged name is no edit.
              if (name.trim() && name.trim() !== lane.name) tryCommand(() => updateLane(doc, lane.id, { name: name.trim() }));
            }}
            onCancel={() => setRenaming(null)}
          />
        ) : (
          <h3 className="lane-name" onDoubleClick={() => canEdit && setRenaming(lane.id)}>
            {lane.name}
          </h3>
        )}
        {controls && typeRepeatsName && kindPicker}
      </div>
      {controls && !typeRepeatsName && kindPicker}
      {!controls && !typeRepeatsName && (
        // A reader (and an export) sees the kind as text, not as a control they cannot use, and only where it adds something.
        <span className="lane-kind is-text">{kindLabel}</span>
      )}
      {lane.kind === 'backstage' && !controls && lane.department && (
        <span className="lane-department-text">{departmentLabel(lane.department)}</span>
      )}
      {lane.kind === 'backstage' && controls && (
        <div className="lane-department nodrag">
          <CommitText
            value={lane.department}
            list="departments"
            maxLength={TEXT_LIMITS.laneDepartment}
            placeholder={t('canvas.department')}
            testId="lane-department"
            tabIndex={-1}
            onCommit={(department) => tryCommand(() => updateLane(doc, lane.id, { department: department.trim() }))}
          />
          <datalist id="departments">
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {t(`departments.${d}`)}
              </option>
            ))}
          </datalist>
        </div>
      )}
      {canEdit && (
        <HeaderActions
          axis="vertical"
          index={data.index}
          count={data.count}
          onRename={() => setRenaming(lane.id)}
          onMove={(i) => moveLane(doc, lane.id, i)}
          onDelete={() => deleteHeader('lane', lane.id, data.index)}
        />
      )}
    </div>
  );
}

export const LaneNode = memo(LaneNodeView);
