/**
 * A persona's emoji avatar drawn as a picture (Twemoji's SVG, MIT / CC-BY
 * 4.0, @twemoji/svg), not with the computer's emoji font: the same on every
 * computer and in exports, and no emoji font to download. The build copies
 * the pictures into TWEMOJI_DIR (vite.config.ts); an emoji without one
 * (newer than Twemoji 15, or plain text) is shown as text.
 */
export const TWEMOJI_DIR = 'assets/twemoji-15.0.0';

/** Twemoji's file name for an emoji: its code points in hex joined by '-', without U+FE0F unless it joins (ZWJ) others. */
export function twemojiName(emoji: string): string {
  const points = [...emoji].map((ch) => ch.codePointAt(0)!);
  const kept = points.includes(0x200d) ? points : points.filter((cp) => cp !== 0xfe0f);
  return kept.map((cp) => cp.toString(16)).join('-');
}

let graphemes: Intl.Segmenter | null = null;

/** Whether `value` is one emoji (perhaps a ZWJ sequence, a flag, a skin tone): the only thing worth a picture. */
export function isSingleEmoji(value: string): boolean {
  // Most avatars are one pictograph: said without a segmenter (every card's persona chip asks).
  if (/^\p{Extended_Pictographic}\uFE0F?$/u.test(value)) return true;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const segments = [...graphemes.segment(value)];
  return segments.length === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(value);
}

export const emojiImageUrl = (emoji: string): string => `/${TWEMOJI_DIR}/${twemojiName(emoji)}.svg`;
