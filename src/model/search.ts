/**
 * Map search as the dashboard and `GET /api/maps?q=` both do it: a
 * case-insensitive substring of the title. NFKC folds full-width Latin
 * (typed with a Chinese IME) into ASCII; Chinese needs no case folding.
 */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

export function titleMatcher(query: string): (title: string) => boolean {
  const q = fold(query.trim());
  return q === '' ? () => true : (title) => fold(title).includes(q);
}
