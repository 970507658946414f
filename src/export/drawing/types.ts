/**
 * A drawing: what an export shows, as pages of simple vector items in page
 * units (PDF points, 1/72 in; a PNG scales them). One renderer makes it from
 * the map document (export/drawing/mapDrawing.ts); the back ends only paint
 * it: export/pdf (pdf-lib, text stays text) and export/png (a 2D canvas, in
 * the browser or on the server). So the PDF and the PNG of a map match, and
 * the browser and the server make the same files.
 */

/** #rrggbb or #rrggbbaa */
export type Color = string;

export type FontWeight = 400 | 700;

export interface TextStyle {
  /** font size in page units */
  size: number;
  weight: FontWeight;
  color: Color;
}

/** One line of text, already wrapped and measured by the layout; y is its baseline. */
export interface TextItem {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  style: TextStyle;
  /** 'start' (default): x is the left end; 'middle' and 'end' align on x */
  align?: 'start' | 'middle' | 'end';
}

export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  radius?: number;
  fill?: Color;
  stroke?: Color;
  lineWidth?: number;
  /** dash pattern, e.g. [4, 3] */
  dash?: number[];
}

/** An SVG path (M L C Q Z, absolute coordinates) in page units. */
export interface PathItem {
  kind: 'path';
  d: string;
  fill?: Color;
  stroke?: Color;
  lineWidth?: number;
  dash?: number[];
}

/** A picture (an emoji as Twemoji draws it, a persona avatar): SVG source drawn into the box. */
export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  svg: string;
}

export type DrawingItem = TextItem | RectItem | PathItem | ImageItem;

export interface Bookmark {
  title: string;
  /** top of what it points to, in page units from the page's top */
  y: number;
}

export interface DrawingPage {
  width: number;
  height: number;
  /** painted in order: later items on top */
  items: DrawingItem[];
  /** entries of the PDF's outline (a stage's name and where it starts) */
  bookmarks: Bookmark[];
}

export interface DrawingMeta {
  title: string;
  author: string;
  subject: string;
  /** BCP 47, e.g. zh-CN */
  language: string;
  created: Date;
}

export interface Drawing {
  meta: DrawingMeta;
  pages: DrawingPage[];
}

/**
 * Text metrics from the shipped fonts (export/drawing/fontBook.ts), the same
 * faces the back ends embed, so a line the layout measured fits where it is
 * painted. Synchronous: `load` first makes sure every face the text needs is
 * in memory.
 */
export interface TextMeasure {
  /** fetches the faces `texts` need (in both weights) */
  load(texts: Iterable<string>): Promise<void>;
  /** advance width of `text` in page units */
  width(text: string, style: Pick<TextStyle, 'size' | 'weight'>): number;
  /**
   * `text` broken into lines no wider than `maxWidth` (at spaces for Latin,
   * between any two CJK characters, inside a word only when it is longer
   * than a line); at most `maxLines`, the last ending in "…" when text was
   * cut. Explicit line breaks are kept.
   */
  wrap(text: string, style: Pick<TextStyle, 'size' | 'weight'>, maxWidth: number, maxLines?: number): string[];
  /** distance from the top of a line box to its baseline, and the line height, for `size` */
  lineMetrics(size: number): { ascent: number; lineHeight: number };
}
