/**
 * The one or two letters on a person's avatar: the first letter of each of
 * their first two words. Punctuation and brackets are not letters, and a
 * bracketed note ("Fay (facilitator)") is not part of the name.
 */
const BRACKETED = /[([{（【「『][^)\]}）】」』]*[)\]}）】」』]?/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

export function initials(name: string): string {
  const words = (name.replace(BRACKETED, ' ').match(WORD) ?? name.match(WORD) ?? []).slice(0, 2);
  return words.map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}
