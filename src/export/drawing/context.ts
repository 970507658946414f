/** What every part of the map drawing reads: the map, its grid, the fonts' measure and the reader's language. */
import type { GridLayout } from '../../canvas/layout';
import type { TFunction } from '../../i18n/translate';
import type { MapSnapshot } from '../../model/live';
import type { Persona } from '../../model/schema';
import type { StateView } from '../../model/cardState';
import type { TextMeasure } from './types';

export interface DrawContext {
  snapshot: MapSnapshot;
  /** the canvas's own grid (layoutGrid), so cards sit where the canvas puts them */
  layout: GridLayout;
  measure: TextMeasure;
  t: TFunction;
  locale: string;
  /** Twemoji SVG source of an emoji, or null when there is none */
  emoji: (emoji: string) => string | null;
  /** open comment threads per card id, drawn as badges when `comments` is on */
  commentCounts: ReadonlyMap<string, number>;
  comments: boolean;
  /** the newest secret vote's top N, card id -> rank, drawn as a badge on the card */
  ranks: ReadonlyMap<string, number>;
  /** the persona the map follows, shown at its head (as the canvas does: only meta.personaId's) */
  persona: Persona | null;
  /** linked journeys: linked map id -> its title, or null when the map is gone; a map not here is drawn without its title */
  linkedTitles: ReadonlyMap<string, string | null>;
  /** the states drawn (current, future or both; model/cardState.ts): the snapshot holds only their cards */
  stateView: StateView;
  /** persona lines of the curve turned off (CurvePersona keys, model/emotionLines.ts) */
  hiddenCurveLines: ReadonlySet<string>;
}
