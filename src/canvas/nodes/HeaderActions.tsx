/** The rename / reorder / delete buttons of a stage or lane header. */
import { useTranslation } from 'react-i18next';

interface Props {
  axis: 'horizontal' | 'vertical';
  index: number;
  count: number;
  onRename(): void;
  onMove(index: number): void;
  onDelete(): void;
}

export function HeaderActions({ axis, index, count, onRename, onMove, onDelete }: Props) {
  const { t } = useTranslation();
  const [back, forward] = axis === 'horizontal' ? (['moveLeft', 'moveRight'] as const) : (['moveUp', 'moveDown'] as const);
  const [backIcon, forwardIcon] = axis === 'horizontal' ? ['←', '→'] : ['↑', '↓'];
  const button = (label: string, icon: string, onClick: () => void, disabled = false, danger = false) => (
    <button
      type="button"
      className={`icon-btn${danger ? ' danger' : ''}`}
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
    </button>
  );
  return (
    <div className="header-actions">
      {button(t('canvas.rename'), '✎', onRename)}
      {button(t(`canvas.${back}`), backIcon, () => onMove(index - 1), index === 0)}
      {button(t(`canvas.${forward}`), forwardIcon, () => onMove(index + 1), index === count - 1)}
      {button(t('canvas.delete'), '✕', onDelete, false, true)}
    </div>
  );
}
