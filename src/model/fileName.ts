/**
 * The stem of a file name made from a map title, for downloads from the
 * browser and from the server alike: characters that Windows forbids and
 * control characters become spaces, runs of spaces one, no leading or
 * trailing dots (hidden files, Windows), at most 100 code points (never half
 * an emoji). Chinese stays as it is: browsers and file systems store names
 * in Unicode.
 */
const UNSAFE_IN_NAME = new Set('"*/:<>?\\|');
const MAX_NAME_CHARS = 100;

export function fileStem(title: string, fallback: string): string {
  const cleaned = Array.from(title.normalize('NFC'), (c) => (c < ' ' || c === '\u007f' || UNSAFE_IN_NAME.has(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim();
  const stem = Array.from(cleaned)
    .slice(0, MAX_NAME_CHARS)
    .join('')
    .replace(/[\s.]+$/, '');
  return stem || fallback;
}
