/**
 * What a compare shows on a card or a header: its change in words, for
 * screen readers always (a hidden description the element points to) and
 * on screen while it is hovered or has the keyboard (a tip drawn over the
 * nodes, React Flow's NodeToolbar, so neighbouring cards never cover it).
 */
import { useId, useState } from 'react';
import './compare.css';
import { NodeToolbar, Position } from '@xyflow/react';
import { useTranslation } from '../../i18n/useTranslation';
import { describeCardChange, describeHeaderChange } from '../../model/compare/describe';
import type { CardChange, LaneChange, StageChange } from '../../model/compare/diff';
import { useCompare } from '../../state/compareContext';

/** Hover and focus on an element, for the tip. */
export function useTipTrigger() {
  const [hover, setHover] = useState(false);
  const [focus, setFocus] = useState(false);
  return {
    open: hover || focus,
    handlers: {
      onPointerEnter: () => setHover(true),
      onPointerLeave: () => setHover(false),
      onFocus: () => setFocus(true),
      onBlur: () => setFocus(false),
    },
  };
}

export function useChangeLines(change: CardChange | StageChange | LaneChange | null, kind: 'card' | 'header'): string[] {
  const { t } = useTranslation();
  const compare = useCompare();
  if (!change || !compare) return [];
  const lines =
    kind === 'card'
      ? describeCardChange(t, change as CardChange, compare.names)
      : describeHeaderChange(t, change as StageChange | LaneChange, compare.names);
  return [t(`compare.${change.change}`), ...lines];
}

/** The card's change: a hidden description (id for aria-describedby) and, while `open`, the tip with old → new. */
export function CardChangeTip({ change, open, descriptionId }: { change: CardChange; open: boolean; descriptionId: string }) {
  const lines = useChangeLines(change, 'card');
  return (
    <>
      <span id={descriptionId} className="visually-hidden">
        {lines.join('. ')}
      </span>
      <NodeToolbar isVisible={open} position={Position.Bottom} offset={6}>
        <div className={`compare-tip compare-${change.change}`} data-testid="compare-tip" aria-hidden="true">
          <strong>{lines[0]}</strong>
          {lines.slice(1).map((line, i) => (
            <span key={i}>{line}</span>
          ))}
        </div>
      </NodeToolbar>
    </>
  );
}

/** A header's change: a badge in the header, its details in the badge's title and for screen readers. */
export function HeaderChangeBadge({ change }: { change: StageChange | LaneChange | null }) {
  const lines = useChangeLines(change, 'header');
  const id = useId();
  if (!change) return null;
  return (
    <span
      className={`compare-badge compare-${change.change}`}
      data-testid="compare-badge"
      data-compare={change.change}
      title={lines.join('\n')}
      id={id}
    >
      {lines[0]}
      {lines.length > 1 && <span className="visually-hidden">{`. ${lines.slice(1).join('. ')}`}</span>}
    </span>
  );
}
