/**
 * The emotion curve: a smooth line through every touchpoint's emotion score
 * (and every point placed in the emotion lane) in journey order, over a zero
 * line with positive and negative shading. A point is dragged up or down, or
 * moved with the up and down arrow keys, in whole steps; each step is written
 * to the document at once, so everyone sees the curve move while it is
 * dragged. A point is a place of the keyboard's (navigation.ts: left and
 * right walk the curve) and a slider: up and down are its own, as in a
 * spreadsheet cell holding a spinner, so they are not handed to the grid.
 */
import { memo, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from '../../i18n/useTranslation';
import { setEmotion } from '../../model/commands/cards';
import { emotionLevel, type EmotionLevel, type EmotionPoint } from '../../model/journey';
import { curvePersonas, curveSlots, emotionLines, slotXs, type EmotionLine } from '../../model/emotionLines';
import { personaColor } from '../../model/personaColors';
import { CurveLegend, personaName } from './CurveLegend';
import './cardState.css';
import { beginGesture } from '../../model/undo';
import { EMOTION_MAX, EMOTION_MIN } from '../../model/schema';
import { useCanEdit, useSession } from '../../state/session';
import { GRID } from '../layout';
import { smoothSegments } from '../smoothCurve';
import { pointNavId } from '../navigation';
import { useMapSelector, useOpenMap } from '../../state/mapContext';
import type { CurveNode as CurveNodeType } from '../projection';
import { EMOTION_ICONS } from '../../icons';
import { placeCurveLabels } from '../curveLabels';
import { CurveTable, pointName } from './CurveTable';
import { compareClass, useCompare } from '../../state/compareContext';
import type { CurvePoint } from '../../model/compare/diff';

const PAD = 30;
/** the box of a scale label (+5, −5) at the lane's left edge, by its baseline */
const SCALE_BOX = (baseline: number) => ({ left: 0, top: baseline - 12, right: 26, bottom: baseline + 3 });

interface Placed extends EmotionPoint {
  x: number;
  y: number;
}

/** The curve through the points (smoothCurve.ts) as SVG path data. */
export function smoothPath(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const [first] = points;
  const segments = smoothSegments(points).map(
    ({ c1, c2, to }) => ` C${c1.x.toFixed(1)},${c1.y.toFixed(1)} ${c2.x.toFixed(1)},${c2.y.toFixed(1)} ${to.x},${to.y}`,
  );
  return `M${first!.x},${first!.y}${segments.join('')}`;
}

function CurveNodeView({ data, width = 0, height = GRID.curveRowHeight }: NodeProps<CurveNodeType>) {
  const { t } = useTranslation();
  const { doc, undo } = useOpenMap();
  const endGesture = useRef<(() => void) | null>(null);
  const stages = useMapSelector((s) => s.stages);
  const lanes = useMapSelector((s) => s.lanes);
  const cards = useMapSelector((s) => s.cards);
  const personas = useMapSelector((s) => s.personas);
  const cardById = useMapSelector((s) => s.cardById);
  const followedPersonaId = useMapSelector((s) => s.meta?.personaId);
  const view = useSession((s) => s.stateView);
  const hidden = useSession((s) => s.hiddenCurveLines);
  const selectedIds = useSession((s) => s.selectedIds);
  const setNavItem = useSession((s) => s.setNavItem);
  // Only a tab stop on this curve re-renders it (the grid's stop moves with every arrow key).
  const tabStopId = useSession((s) => (s.tabStopId?.startsWith(pointNavId(data.laneId, '')) ? s.tabStopId : null));
  const canEdit = useCanEdit();
  const svgRef = useRef<SVGSVGElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);

  const zeroY = height / 2;
  const unit = (height / 2 - PAD) / EMOTION_MAX;
  const yOf = (score: number) => zeroY - score * unit;

  // One line per persona and state shown (model/emotionLines.ts); every card keeps one x on all of them.
  const shownPersonas = useMemo(() => curvePersonas({ cards, personas, followedPersonaId }), [cards, personas, followedPersonaId]);
  const lines = useMemo(
    () => emotionLines({ stages, lanes, cards, personas, followedPersonaId, view, hidden }),
    [stages, lanes, cards, personas, followedPersonaId, view, hidden],
  );
  const slots = useMemo(() => curveSlots({ stages, lanes, cards }, lines), [stages, lanes, cards, lines]);
  const xs = useMemo(() => slotXs(stages, slots, GRID.columnWidth), [stages, slots]);
  const placeLine = (points: readonly EmotionPoint[]): Placed[] =>
    points.map((p) => ({ ...p, x: xs.get(p.cardId) ?? 0, y: yOf(p.emotion) }));
  // The points edited on the curve: the cards' own scores, on the map's line of every state shown (a card in both once).
  const placed: Placed[] = useMemo(
    () => {
      const seen = new Set<string>();
      const own = lines.filter((l) => l.persona.isDefault).flatMap((l) => l.points);
      return placeLine(own.filter((p) => !seen.has(p.cardId) && seen.add(p.cardId))).sort((a, b) => a.x - b.x);
    },
    // placeLine depends only on xs and height
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lines, xs, height],
  );
  const manyPersonas = shownPersonas.length > 1;
  const states = new Set(lines.map((l) => l.state));
  // A legend once lines must be told apart: several personas, or a future line (dashed).
  const manyLines = manyPersonas || states.has('future');
  // In a version compare: the curve runs through the points that are there now (removed ones stay as
  // ghosts), and the curve as it was is drawn dashed beside it.
  const compare = useCompare();
  const beforePath = useMemo(() => {
    if (!compare) return null;
    const before = compare.result.diff.curve.before.map((p: CurvePoint) => ({ ...p, text: '', touchpoint: false, momentOfTruth: false }));
    return smoothPath(placePoints(stages, before, yOf));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compare, stages, height]);
  const onCurve = (points: Placed[]) => (compare ? points.filter((p) => compare.cards.get(p.cardId)?.change !== 'removed') : points);
  const drawn = lines.map((line) => ({ line, points: onCurve(placeLine(line.points)) }));
  // The shaded area follows the first line (the map's own, today's when both are shown), as the one curve did.
  const current = drawn[0]?.points ?? [];

  // Labels for points placed in the emotion lane itself (a touchpoint's text is on its card), clear of each other and the edges.
  const labels = useMemo(
    () =>
      placeCurveLabels(
        placed.filter((p) => !p.touchpoint && p.text).map((p) => ({ id: p.cardId, x: p.x, y: p.y, text: p.text })),
        { width, height, obstacles: [SCALE_BOX(PAD - 8), SCALE_BOX(height - PAD + 16), ...(manyLines ? [LEGEND_BOX] : [])] },
      ),
    [placed, width, height, manyLines],
  );

  const curve = smoothPath(current);
  const area = current.length > 1 ? `${curve} L${current.at(-1)!.x},${zeroY} L${current[0]!.x},${zeroY} Z` : '';
  const clipId = `curve-clip-${data.laneId}`;

  const scoreAt = (clientY: number): number => {
    const rect = svgRef.current!.getBoundingClientRect();
    const localY = ((clientY - rect.top) / rect.height) * height;
    return Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, Math.round((zeroY - localY) / unit)));
  };

  const onPointerDown = (e: PointerEvent, p: Placed) => {
    e.stopPropagation();
    // The keyboard goes on from the point clicked, as from a clicked card.
    setNavItem(pointNavId(data.laneId, p.cardId), p.cardId);
    if (!canEdit) return;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    setDragging(p.cardId);
    endGesture.current = beginGesture(undo); // the whole drag is one undo step
  };
  const onPointerMove = (e: PointerEvent, p: Placed) => {
    if (dragging !== p.cardId) return;
    const score = scoreAt(e.clientY);
    if (score !== p.emotion) setEmotion(doc, p.cardId, score);
  };
  const onPointerUp = (e: PointerEvent) => {
    (e.currentTarget as Element).releasePointerCapture(e.pointerId);
    setDragging(null);
    endGesture.current?.();
    endGesture.current = null;
  };
  const onKeyDown = (e: KeyboardEvent, p: Placed) => {
    // A reader's point is read-only: up and down go on through the grid. Alt+arrow, Ctrl+arrow are the grid's too.
    if (!canEdit || e.altKey || e.ctrlKey || e.metaKey) return;
    const step = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    e.stopPropagation();
    setEmotion(doc, p.cardId, p.emotion + step);
  };

  return (
    <div className="curve-wrap">
      <svg ref={svgRef} className="curve-node" width={width} height={height} data-testid="emotion-lane" data-lane-id={data.laneId}>
        <defs>
          <clipPath id={`${clipId}-pos`}>
            <rect x={0} y={0} width={width} height={zeroY} />
          </clipPath>
          <clipPath id={`${clipId}-neg`}>
            <rect x={0} y={zeroY} width={width} height={height - zeroY} />
          </clipPath>
        </defs>
        <line className="curve-zero" x1={0} x2={width} y1={zeroY} y2={zeroY} />
        <text className="curve-scale" x={6} y={PAD - 8}>
          +{EMOTION_MAX}
        </text>
        <text className="curve-scale" x={6} y={height - PAD + 16}>
          {EMOTION_MIN}
        </text>
        {area && (
          <>
            <path className="curve-area is-positive" d={area} clipPath={`url(#${clipId}-pos)`} />
            <path className="curve-area is-negative" d={area} clipPath={`url(#${clipId}-neg)`} />
          </>
        )}
        {beforePath !== null && <path className="curve-line-before" d={beforePath} data-testid="emotion-curve-before" />}
        {drawn.map(({ line, points }, i) => (
          <path
            key={line.key}
            className={lineClass(line, manyPersonas)}
            d={i === 0 ? curve : smoothPath(points)}
            style={manyPersonas ? { stroke: personaColor(line.persona.colorIndex) } : undefined}
            data-testid={i === 0 ? 'emotion-curve' : 'emotion-line'}
            data-line={line.key}
            data-state={line.state}
            data-persona={line.persona.key}
          />
        ))}
        {drawn
          .filter(({ line }) => !line.persona.isDefault)
          .flatMap(({ line, points }) =>
            points.map((p) => (
              <g
                key={`${line.key}:${p.cardId}`}
                className="curve-persona-point"
                transform={`translate(${p.x},${p.y})`}
                data-testid="persona-point"
                data-line={line.key}
              >
                <title>
                  {t('states.readOnlyPoint', {
                    name: personaName(t, line.persona),
                    score: `${p.emotion > 0 ? '+' : ''}${p.emotion}`,
                  })}
                </title>
                <circle
                  r={6}
                  style={{ stroke: personaColor(line.persona.colorIndex) }}
                  strokeDasharray={line.state === 'future' ? '3 2' : undefined}
                />
              </g>
            )),
          )}
        {beforePath !== null && (
          <g className="curve-legend" aria-hidden="true">
            <line className="curve-line" x1={width - 250} x2={width - 226} y1={14} y2={14} />
            <text x={width - 220} y={18}>
              {t('compare.curveAfter')}
            </text>
            <line className="curve-line-before" x1={width - 160} x2={width - 136} y1={14} y2={14} />
            <text x={width - 130} y={18}>
              {t('compare.curveBefore')}
            </text>
          </g>
        )}
        {placed.map((p) => (
          <g
            key={p.cardId}
            className={`curve-point nodrag nopan${cardById.get(p.cardId)?.state === 'future' ? ' is-future' : ''}${selectedIds.has(p.cardId) ? ' is-selected' : ''}${p.momentOfTruth ? ' is-mot' : ''}${
              dragging === p.cardId ? ' is-dragging' : ''
            }${compareClass(compare?.cards.get(p.cardId) ?? null)}`}
            data-compare={compare?.cards.get(p.cardId)?.change}
            transform={`translate(${p.x},${p.y})`}
            data-testid="emotion-point"
            data-card-id={p.cardId}
            data-emotion={p.emotion}
            data-nav-id={pointNavId(data.laneId, p.cardId)}
            role="slider"
            tabIndex={tabStopId === pointNavId(data.laneId, p.cardId) ? 0 : -1}
            aria-label={pointName(t, p)}
            aria-valuetext={pointName(t, p, false)}
            aria-valuemin={EMOTION_MIN}
            aria-valuemax={EMOTION_MAX}
            aria-valuenow={p.emotion}
            aria-readonly={!canEdit}
            onPointerDown={(e) => onPointerDown(e, p)}
            onPointerMove={(e) => onPointerMove(e, p)}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={(e) => onKeyDown(e, p)}
          >
            <title>{`${p.text || t('curve.untitled')} · ${p.emotion > 0 ? '+' : ''}${p.emotion}`}</title>
            <circle r={15} />
            <CurveFace level={emotionLevel(p.emotion)} />
          </g>
        ))}
        <g aria-hidden="true">
          {labels.map((l) => (
            <text key={l.id} className="curve-label" x={l.x} y={l.y} textAnchor="middle" data-testid="emotion-label">
              {l.text}
            </text>
          ))}
        </g>
      </svg>
      {manyLines && <CurveLegend personas={shownPersonas} states={states} low={beforePath !== null} />}
      {manyLines ? <CurveTable points={slots} lines={lines} /> : <CurveTable points={placed} />}
    </div>
  );
}

export const CurveNode = memo(CurveNodeView);

/** Where the legend sits (CurveLegend, cardState.css): point labels keep clear of it. */
const LEGEND_BOX = { left: 30, top: 0, right: 480, bottom: 22 };

/** A line's classes: the map's own keeps the curve's look (solid, the accent colour) unless personas are told apart by colour. */
function lineClass(line: EmotionLine, manyPersonas: boolean): string {
  return `curve-line${line.state === 'future' ? ' is-future' : ''}${manyPersonas && !line.persona.isDefault ? ' is-persona' : ''}`;
}

/** Points in journey order placed across their stage's column: the k-th of n in a stage at (k+1)/(n+1) of its width. */
function placePoints(stages: readonly { id: string }[], points: readonly EmotionPoint[], yOf: (score: number) => number): Placed[] {
  const byStage = new Map<string, EmotionPoint[]>();
  for (const p of points) byStage.set(p.stageId, [...(byStage.get(p.stageId) ?? []), p]);
  const out: Placed[] = [];
  stages.forEach((stage, i) => {
    const inStage = byStage.get(stage.id) ?? [];
    inStage.forEach((p, k) => {
      out.push({ ...p, x: Math.round(i * GRID.columnWidth + ((k + 1) / (inStage.length + 1)) * GRID.columnWidth), y: yOf(p.emotion) });
    });
  });
  return out;
}

/** The face inside a point's circle: the emotion's icon as a nested SVG, centred on the point. */
function CurveFace({ level }: { level: EmotionLevel }) {
  const Face = EMOTION_ICONS[level];
  return <Face className={`curve-face is-${level}`} x={-9} y={-9} width={18} height={18} aria-hidden focusable="false" />;
}
