/**
 * Level of detail: below 50 % a card's text is a few pixels high, so cards
 * are drawn as light blocks (their colour, first lines, tags, comments and
 * votes; no lane facets or editor). On the 600-card map at fit view this is most of what a
 * frame costs. One subscription to React Flow's viewport for the whole canvas
 * (LevelOfDetailWatcher), not one per card; the cards hear from it only when
 * the zoom crosses the threshold. There is one canvas on a page.
 */
import { memo, useEffect, useSyncExternalStore, type CSSProperties } from 'react';
import { useStoreApi, type NodeProps } from '@xyflow/react';
import { useTranslation } from '../i18n/useTranslation';
import { Icon, MomentOfTruthIcon } from '../icons';
import { useCard } from '../state/mapContext';
import { useCanEdit, useSession } from '../state/session';
import { usePresence } from '../sync/presence';
import { CardNode, RankBadge, useCardPlace, useCompareMarks, useJustRevealed, useRank } from './nodes/CardNode';
import { CardMarks } from './nodes/CardFacets';
import { LinkedMapMarker } from '../ui/LinkedMapMarker';
import { formatKpiValue } from '../model/journey';
import type { CardNode as CardNodeType } from './projection';
import { FAR_ZOOM, LOW_DETAIL_ZOOM } from './viewport';

let lowDetail = false;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const setLowDetail = (value: boolean) => {
  if (value === lowDetail) return;
  lowDetail = value;
  for (const listener of listeners) listener();
};

/** Rendered once inside <ReactFlow>: follows the zoom and tells the cards when to switch. */
export function LevelOfDetailWatcher() {
  const store = useStoreApi();
  useEffect(() => {
    const follow = (zoom: number) => {
      setLowDetail(zoom < LOW_DETAIL_ZOOM);
      // Classes for what CSS alone can drop (view.css): the dot grid below 50 %, card text below 30 %.
      const root = store.getState().domNode;
      root?.classList.toggle('is-low-detail', zoom < LOW_DETAIL_ZOOM);
      root?.classList.toggle('is-far', zoom < FAR_ZOOM);
    };
    follow(store.getState().transform[2]);
    return store.subscribe((s, prev) => {
      if (s.transform[2] !== prev.transform[2] || s.domNode !== prev.domNode) follow(s.transform[2]);
    });
  }, [store]);
  return null;
}

/** Whether the canvas is zoomed out below the level where cards and headers show their controls. */
export const useLowDetail = (): boolean =>
  useSyncExternalStore(
    subscribe,
    () => lowDetail,
    () => false,
  );

function CardLite({ id, selected, data }: NodeProps<CardNodeType>) {
  const card = useCard(id);
  // What others do and what the tag filter hides still shows at a glance, as on the full card.
  const selectedBy = usePresence((s) => s.selectedBy.get(id));
  const dimmed = useSession((s) => s.tagFilter !== null && !(card?.tags ?? []).includes(s.tagFilter));
  const { t } = useTranslation();
  const place = useCardPlace(id, card, data.laneKind);
  const canEdit = useCanEdit();
  const startEditing = useSession((s) => s.startEditing);
  const ranked = useRank(id);
  const justRevealed = useJustRevealed(card?.roundId);
  const compare = useCompareMarks(id);
  if (!card) return null;
  const mot = card.momentOfTruth && data.laneKind === 'touchpoints';
  return (
    <div
      className={`card-node card-lite kind-${data.laneKind}${selected ? ' is-selected' : ''}${dimmed ? ' is-dimmed' : ''}${
        selectedBy ? ' is-peer-selected' : ''
      }${mot ? ' is-mot' : ''}${card.severity !== undefined && data.laneKind === 'painPoints' ? ` sev-${card.severity}` : ''}${
        justRevealed ? ' is-revealed' : ''
      }${ranked ? ' is-top-ranked' : ''}${compare.className}`}
      style={selectedBy ? ({ '--peer-color': selectedBy[0] } as CSSProperties) : undefined}
      data-testid="card"
      data-card-id={id}
      data-detail="low"
      {...place}
      {...compare.attributes}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (canEdit) startEditing(id);
      }}
      data-mot={card.momentOfTruth ? 'true' : undefined}
    >
      {/* A moment of truth is what a map is read for at a distance: its mark stays. */}
      {mot && (
        <span className="mot-badge">
          <Icon icon={MomentOfTruthIcon} /> {t('fields.momentOfTruth')}
        </span>
      )}
      {/* A KPI is read for its figure: the light card keeps the metric and its value. */}
      <p className="card-text">
        {data.laneKind === 'kpis' ? `${card.metric || card.text} ${formatKpiValue(card.value, card.unit)}` : card.text}
      </p>
      {/* Votes, tags and comments never hide, at any zoom (issue 14): what a workshop counts stays countable from afar. */}
      <div className="card-facets">
        <CardMarks card={card} />
      </div>
      {/* A sub-journey is part of how a map is read from afar too: the link stays, and opens. */}
      {card.linkedMapId !== undefined && <LinkedMapMarker mapId={card.linkedMapId} />}
      {ranked && <RankBadge ranked={ranked} />}
      {compare.tip}
    </div>
  );
}

function CardWithLevelOfDetailView(props: NodeProps<CardNodeType>) {
  const low = useLowDetail();
  // The card being edited is drawn in full at any zoom. A selected one stays light: swapping its element between a
  // click's press and release would turn the click into one on the pane, which clears the selection.
  const editing = useSession((s) => s.editingCardId === props.id);
  return low && !editing ? <CardLite {...props} /> : <CardNode {...props} />;
}

export const CardWithLevelOfDetail = memo(CardWithLevelOfDetailView);
