import { memo, useCallback, useId, type CSSProperties } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from '../../i18n/useTranslation';
import { deleteCard } from '../../model/commands/cards';
import { voteTotal } from '../../model/commands/votes';
import type { Card, LaneKind } from '../../model/schema';
import { useCanEdit, useSession } from '../../state/session';
import { usePresence } from '../../sync/presence';
import { CardTextEditor } from './CardTextEditor';
import { useCard, useMapSelector, useOpenMap } from '../../state/mapContext';
import type { CardNode as CardNodeType } from '../projection';
import { CardFacets, KpiBody } from './CardFacets';
import { LinkedMapMarker } from '../../ui/LinkedMapMarker';
import type { RoundResult } from '../../model/rounds/schema';
import { useRounds, useTopRanked } from '../../state/useRounds';
import { Icon, MomentOfTruthIcon } from '../../icons';
import { compareClass, useCardChange } from '../../state/compareContext';
import { CardChangeTip, useTipTrigger } from '../compare/CompareMarks';
import { CardStateBadge, RealisedCount, stateClass } from './CardStateMarks';

function CardNodeView({ id, selected, dragging, data }: NodeProps<CardNodeType>) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const card = useCard(id);
  // With one persona every tied card would carry the same chip: shown only when it tells cards apart.
  const personaAvatar = useMapSelector((s) =>
    card?.personaId && s.personas.length > 1 ? s.personas.find((p) => p.id === card.personaId)?.avatar : undefined,
  );
  const selectedBy = usePresence((s) => s.selectedBy.get(id));
  const dimmed = useSession((s) => s.tagFilter !== null && !(card?.tags ?? []).includes(s.tagFilter));
  const editing = useSession((s) => s.editingCardId === id);
  const startEditing = useSession((s) => s.startEditing);
  const canEdit = useCanEdit();
  const stopEditing = useSession((s) => s.stopEditing);
  const a11y = useCardPlace(id, card, data.laneKind);
  const ranked = useRank(id);
  const justRevealed = useJustRevealed(card?.roundId);
  const compare = useCompareMarks(id);

  const leave = useCallback(
    (text: string, opened: string) => {
      stopEditing();
      // A card left empty right after it was added has no value: drop it, unless someone else is writing in it.
      const othersIn = usePresence.getState().peers.some((p) => p.textCursor?.cardId === id);
      if (!text.trim() && !opened.trim() && !othersIn) deleteCard(doc, id);
    },
    [doc, id, stopEditing],
  );
  const typingHere = usePresence((s) =>
    s.peers
      .filter((p) => p.textCursor?.cardId === id)
      .map((p) => p.user.name)
      .join(t('keyboard.listSeparator')),
  );

  if (!card) return null;
  return (
    <div
      {...a11y}
      className={`card-node kind-${data.laneKind}${selected ? ' is-selected' : ''}${dragging ? ' is-dragging' : ''}${
        card.momentOfTruth && data.laneKind === 'touchpoints' ? ' is-mot' : ''
      }${card.severity !== undefined && data.laneKind === 'painPoints' ? ` sev-${card.severity}` : ''}${dimmed ? ' is-dimmed' : ''}${selectedBy ? ' is-peer-selected' : ''}${justRevealed ? ' is-revealed' : ''}${ranked ? ' is-top-ranked' : ''}${stateClass(card)}${compare.className}`}
      style={selectedBy ? ({ '--peer-color': selectedBy[0] } as CSSProperties) : undefined}
      data-testid="card"
      data-card-id={id}
      data-mot={card.momentOfTruth ? 'true' : undefined}
      {...compare.attributes}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (canEdit) startEditing(id);
      }}
      title={editing || !canEdit ? undefined : t('canvas.cardEditHint')}
    >
      {editing ? (
        <CardTextEditor cardId={id} onLeave={leave} />
      ) : data.laneKind === 'kpis' ? (
        <KpiBody card={card} />
      ) : (
        <>
          {card.momentOfTruth && data.laneKind === 'touchpoints' && (
            <span className="mot-badge">
              <Icon icon={MomentOfTruthIcon} /> {t('fields.momentOfTruth')}
            </span>
          )}
          <p className={`card-text${card.text ? '' : ' is-empty'}`}>{card.text || t('canvas.emptyCard')}</p>
        </>
      )}
      {!editing && <RealisedCount card={card} laneKind={data.laneKind} />}
      {!editing && typingHere && (
        <p className="card-typing" data-testid="card-typing">
          {t('canvas.editingCard', { names: typingHere })}
        </p>
      )}
      {!editing && <CardFacets card={card} laneKind={data.laneKind} personaAvatar={personaAvatar} />}
      {!editing && card.linkedMapId !== undefined && <LinkedMapMarker mapId={card.linkedMapId} />}
      {ranked && <RankBadge ranked={ranked} />}
      <CardStateBadge card={card} shifted={!!ranked} />
      {compare.tip}
    </div>
  );
}

export const CardNode = memo(CardNodeView);

/**
 * In a version compare: the card's class (compare-added, -removed as a
 * ghost, -changed outlined), its attributes (data-compare, the description,
 * the tip's hover and focus) and the tip; nothing outside a compare.
 */
export function useCompareMarks(id: string) {
  const change = useCardChange(id);
  const tip = useTipTrigger();
  const descriptionId = useId();
  if (!change) return { className: '', attributes: {}, tip: null };
  return {
    className: `${compareClass(change)}${change.moved ? ' compare-moved' : ''}`,
    attributes: { 'data-compare': change.change, 'aria-describedby': descriptionId, ...tip.handlers },
    tip: <CardChangeTip change={change} open={tip.open} descriptionId={descriptionId} />,
  };
}

/** A card's place in the top N of the latest secret vote: shown at every level of detail. */
export function RankBadge({ ranked }: { ranked: RoundResult }) {
  const { t } = useTranslation();
  return (
    <span
      className="rank-badge"
      data-testid="rank-badge"
      data-rank={ranked.rank}
      title={t('rounds.rankLabel', { rank: ranked.rank, count: ranked.votes })}
    >
      {t('rounds.rank', { rank: ranked.rank })}
    </span>
  );
}

/** The card's place in the top N of the latest secret vote, if it is there. */
export function useRank(id: string): RoundResult | null {
  return useTopRanked().get(id) ?? null;
}

/** How long after a reveal its cards animate in (and only on pages that were open then: a reload shows them still). */
const REVEAL_ANIMATION_MS = 4000;

export function useJustRevealed(roundId: string | undefined): boolean {
  const revealedAt = useRounds().find((r) => r.id === roundId)?.revealedAt;
  return revealedAt !== undefined && Date.now() - revealedAt < REVEAL_ANIMATION_MS;
}

/**
 * What makes a card a place of the keyboard and a thing a screen reader
 * names, at any level of detail: its role, its name ("Touchpoint in
 * Research: Compares prices online, moment of truth, 3 votes") and the
 * roving tabindex (the canvas's one tab stop, or reached with the arrow keys).
 */
export function useCardPlace(id: string, card: Card | undefined, laneKind: LaneKind) {
  const { t } = useTranslation();
  const isTabStop = useSession((s) => s.tabStopId === id);
  const stageName = useMapSelector((s) => (card ? s.stages.find((st) => st.id === card.stageId)?.name : undefined));
  const votes = card ? voteTotal(card) : 0;
  const ranked = useRank(id);
  const label = [
    t('keyboard.cardLabel', {
      kind: t(`keyboard.cardKind.${laneKind}`),
      stage: stageName ?? '',
      text: card?.text || t('keyboard.untitled'),
    }),
    card?.momentOfTruth && laneKind === 'touchpoints' ? t('keyboard.momentOfTruth') : null,
    votes > 0 ? t('keyboard.votes', { count: votes }) : null,
    ranked ? t('rounds.rankLabel', { rank: ranked.rank, count: ranked.votes }) : null,
  ]
    .filter(Boolean)
    .join(t('keyboard.listSeparator'));
  return {
    role: 'group',
    'aria-roledescription': t('keyboard.card'),
    'aria-label': label,
    tabIndex: isTabStop ? 0 : -1,
    'data-nav-id': id,
  } as const;
}
