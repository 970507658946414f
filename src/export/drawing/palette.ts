/**
 * The canvas's colours and type sizes (src/styles.css, src/panels/comments.css)
 * as the drawing needs them: #rrggbb(aa) strings, CSS pixels. Kept in step
 * with those files by hand: when a card's colour changes there, it changes
 * here.
 */
import type { LaneKind } from '../../model/schema';
import type { Color } from './types';

export const INK: Color = '#1d2433';
export const MUTED: Color = '#6a7386';
export const LINE: Color = '#dfe3ec';
export const ACCENT: Color = '#4f5bd5';
export const DANGER: Color = '#c8353c';
export const OK: Color = '#1f9d61';
export const WHITE: Color = '#ffffff';
export const GOLD: Color = '#e0a800';

/** The body line height the app sets on :root. */
export const LINE_HEIGHT = 1.45;

export const CARD = {
  paddingX: 10,
  paddingY: 8,
  radius: 6,
  textSize: 13,
  textLineHeight: 13 * 1.3,
  maxTextLines: 3,
  facetSize: 12,
  facetRow: 16,
  /** .card-node .card-facets' row-gap: between the facets' lines when they wrap */
  facetRowGap: 2,
  gap: 2,
  /** .card-node.is-mot: a gold frame with a soft halo */
  motBorder: 2,
  motHalo: 3,
  motHaloColor: '#e0a80040',
  motBadgeColor: '#9a7400',
  motBadgeSize: 11,
  /** .card-node.sev-4 / sev-5 */
  severeEdge: 5,
  /** a card of one state only (cardItems stateMarkItems; the canvas's cardState.css) */
  stateBadgeSize: 9,
  futureMark: { line: '#0072b2', dash: [6, 4], badge: '#0072b2', text: '#ffffff' },
  todayOnlyMark: { line: '#8a90a3', dash: [2, 3], badge: '#eceef3', text: '#3d4457' },
} as const;

const DEFAULT_CARD = { fill: '#fffbe8', stroke: '#eadf9f' };
export const CARD_COLORS: Record<LaneKind, { fill: Color; stroke: Color }> = {
  actions: DEFAULT_CARD,
  thoughts: DEFAULT_CARD,
  emotions: DEFAULT_CARD,
  notes: DEFAULT_CARD,
  touchpoints: { fill: '#eef4ff', stroke: '#c7d6f5' },
  painPoints: { fill: '#fff0f0', stroke: '#f0c4c4' },
  opportunities: { fill: '#eefaf3', stroke: '#bfe3cd' },
  kpis: { fill: WHITE, stroke: LINE },
  backstage: { fill: '#f3f0ff', stroke: '#d6cdf5' },
};

/** rgba(255, 255, 255, 0.75) over the page */
export const CELL_FILL: Color = '#ffffffbf';
export const BACKSTAGE_FILL: Color = '#f1f3f8';

export const PILLS = {
  severity: { fill: '#fde2e2', color: '#a4262c' },
  severe: { fill: DANGER, color: WHITE },
  quickWin: { fill: '#dcf3e5', color: '#196c40' },
  strategic: { fill: '#e0e6ff', color: '#2f3a9e' },
  innovation: { fill: '#f6e3ff', color: '#7a2a99' },
  comments: { fill: '#eef0ff', color: '#2f3a9e' },
  /** .rank-badge */
  rank: { fill: '#7a5b00', color: WHITE },
} as const;

/** .facet.importance / .facet .faint (opacity 0.25) */
export const FAINT_ACCENT: Color = '#4f5bd540';

export const CURVE = {
  pad: 30,
  zero: '#9aa3b8',
  positive: '#1f9d6129',
  negative: '#c8353c29',
  line: ACCENT,
  lineWidth: 3,
  /** another persona's line (emotionLines.ts), and its points' rings */
  personaLineWidth: 2.5,
  personaPointRadius: 6,
  /** the future state's line and a future card's point rim, dashed as on the canvas */
  futureDash: [12, 6],
  futurePointDash: [4, 3],
  pointRadius: 15,
  pointStroke: 2,
  motStroke: 4,
  faceSize: 18,
  labelSize: 11,
  scaleSize: 11,
} as const;

export const VISIBILITY = { line: '#8a6fd1', fill: '#f3f0ff', text: '#5b45a8', size: 11 } as const;

export const PERSONA = { edge: GOLD, avatarFill: '#fff7e0', avatarSize: 64 } as const;

/** .export-legend .legend-mot */
export const LEGEND_GOLD: Color = '#c99400';
