/**
 * The rename / link / reorder / delete buttons of a stage or lane header, for the
 * pointer. They are not Tab stops (the canvas has one, navigation.ts): the
 * keyboard renames with Enter, moves with Alt+arrow and deletes with Delete
 * on the focused header (the actions table).
 */
import { useTranslation } from '../../i18n/useTranslation';
import { ArrowDown, ArrowLeft, ArrowRight, ArrowUp, DeleteIcon, Icon, LinkedMapIcon, RenameIcon, type LucideIcon } from '../../icons';

interface Props {
  axis: 'horizontal' | 'vertical';
  index: number;
  count: number;
  onRename(): void;
  onMove(index: number): void;
  onDelete(): void;
  /** choose the map this header links to (stages: linked journeys) */
  onLink?(): void;
}

export function HeaderActions({ axis, index, count, onRename, onMove, onDelete, onLink }: Props) {
  const { t } = useTranslation();
  const [back, forward] = axis === 'horizontal' ? (['moveLeft', 'moveRight'] as const) : (['moveUp', 'moveDown'] as const);
  const [backIcon, forwardIcon] = axis === 'horizontal' ? [ArrowLeft, ArrowRight] : [ArrowUp, ArrowDown];
  const button = (label: string, icon: LucideIcon, onClick: () => void, disabled = false, danger = false) => (
    <button
      type="button"
      className={`icon-btn${danger ? ' danger' : ''}`}
      aria-label={label}
      title={label}
      disabled={disabled}
      tabIndex={-1}
      onClick={onClick}
    >
      <Icon icon={icon} />
    </button>
  );
  return (
    <div className="header-actions">
      {button(t('canvas.rename'), RenameIcon, onRename)}
      {onLink && button(t('journeys.linkStage'), LinkedMapIcon, onLink)}
      {button(t(`canvas.${back}`), backIcon, () => onMove(index - 1), index === 0)}
      {button(t(`canvas.${forward}`), forwardIcon, () => onMove(index + 1), index === count - 1)}
      {button(t('canvas.delete'), DeleteIcon, onDelete, false, true)}
    </div>
  );
}
