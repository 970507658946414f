/**
 * How deeply JSON text nests, found without parsing it. JSON.parse takes any
 * depth: five million `[` build five million arrays (1.4 GiB, seconds of a
 * blocked thread), and every later walk over the tree pays for it again. A
 * scan of the text first lets a reader refuse such input for the price of one
 * pass over its characters, allocating nothing.
 */

/**
 * Deeper than anything Journeyboard writes or reads: a map file nests 6
 * levels (file, comments, comments, comment, mentions, mention), a REST
 * body 2 or 3. Bodies and map files deeper than this are refused unparsed.
 */
export const MAX_JSON_DEPTH = 64;

/** The report line for text nested deeper than `limit`. */
export const tooDeepMessage = (limit: number): string => `nested deeper than ${limit} levels`;

/**
 * The deepest nesting of arrays and objects in `text` (0 for a bare string,
 * number or literal), counting brackets only outside strings (a `"[[["` in a
 * card's text is no nesting; `\"` does not end a string). Stops as soon as
 * the depth passes `limit` and returns `limit + 1`, so the cost is at most one
 * pass over the text however deep it goes. Not a validator: text that is not
 * JSON gets a number too, and JSON.parse says what is wrong with it.
 */
export function jsonNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  // Brackets and quotes are all that matter: the regex skips everything else in one step (a fresh one per call: it has state).
  const structure = /["[\]{}]/g;
  let depth = 0;
  let deepest = 0;
  for (let match = structure.exec(text); match; match = structure.exec(text)) {
    const c = match[0];
    if (c === '"') {
      const end = closingQuote(text, match.index + 1);
      if (end < 0) break; // an unterminated string: nothing after it is structure
      structure.lastIndex = end + 1;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return limit + 1;
      }
    } else if (depth > 0) depth--;
  }
  return deepest;
}

/**
 * Index of the quote that ends the string whose content starts at `from`, or
 * -1. A quote is escaped when an odd number of backslashes precede it; each
 * run of backslashes is counted once, so this stays linear.
 */
function closingQuote(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (quote - 1 - backslashes >= from && text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}
