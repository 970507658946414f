/**
 * What a drawing will need before it is made: every string it draws (so the
 * caller loads the font faces those characters need) and every avatar emoji
 * it pictures (so the caller fetches their Twemoji SVGs). Found by laying the
 * drawing out once with a stand-in measure that notes what it is asked, so
 * nothing drawn can be missed.
 */
import { mapDrawing, type MapDrawingInput, type PdfLayout, type PngLayout } from './mapDrawing';
import type { TextMeasure } from './types';

/** The drawing's input before its fonts and pictures are loaded. */
export type DrawingNeedsInput = Omit<MapDrawingInput, 'measure' | 'emoji'>;

/** A measure that answers roughly (every character half an em wide) and remembers every text. */
function recordingMeasure(seen: Set<string>): TextMeasure {
  const width = (text: string, style: { size: number }) => text.length * style.size * 0.5;
  return {
    load: async () => {},
    width(text, style) {
      seen.add(text);
      return width(text, style);
    },
    wrap(text, style, maxWidth, maxLines) {
      seen.add(text);
      const perLine = Math.max(1, Math.floor(maxWidth / (style.size * 0.5)));
      const lines: string[] = [];
      for (const paragraph of text.split('\n')) {
        for (let i = 0; i < paragraph.length || i === 0; i += perLine) lines.push(paragraph.slice(i, i + perLine));
      }
      return maxLines !== undefined && lines.length > maxLines ? [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]}…`] : lines;
    },
    lineMetrics: (size) => ({ ascent: size * 0.9, lineHeight: size * 1.2 }),
  };
}

export interface DrawingNeeds {
  /** every string the drawing draws */
  texts: string[];
  /** every avatar emoji it pictures: the `emoji` callback is asked for exactly these */
  emoji: string[];
}

/** What the drawing of `input` with `options` needs loaded first. */
export function drawingNeeds(input: DrawingNeedsInput, options: PdfLayout | PngLayout): DrawingNeeds {
  const texts = new Set<string>(['…']);
  const emoji = new Set<string>();
  const drawing = mapDrawing(
    {
      ...input,
      measure: recordingMeasure(texts),
      emoji: (e) => {
        emoji.add(e);
        return null;
      },
    },
    options,
  );
  for (const page of drawing.pages) for (const item of page.items) if (item.kind === 'text') texts.add(item.text);
  return { texts: [...texts], emoji: [...emoji] };
}

/** Every string the drawing of `input` with `options` draws. */
export const drawingTexts = (input: DrawingNeedsInput, options: PdfLayout | PngLayout): string[] => drawingNeeds(input, options).texts;
