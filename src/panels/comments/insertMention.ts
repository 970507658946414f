/**
 * The composer's text after picking `name` for the `@query` that runs from
 * `start` to the caret: `@name` and one space, never two (the text after the
 * caret may already begin with one), with the caret after that space.
 */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const before = text.slice(0, start);
  const after = text.slice(caret);
  const spaced = /^\s/u.test(after);
  const next = `${before}@${name}${spaced ? '' : ' '}${after}`;
  return { text: next, caret: before.length + name.length + 2 };
}
