/** How the map page, the dashboard and exports word a map's review status, in the UI language. */
import type { TFunction } from '../../i18n/translate';
import { freshness, relativeDays, reviewDueAt, spanText, type Freshness, type ReviewFields } from '../../model/review';

export interface ReviewWords {
  freshness: Freshness;
  /** "Last reviewed 4 months ago" / "Never reviewed" */
  last: string;
  /** "Review due in 12 days" / "Overdue by 3 weeks"; null without a cadence */
  due: string | null;
}

export function reviewWords(t: TFunction, language: string, review: ReviewFields, now: number): ReviewWords {
  const state = freshness(review, now);
  const last =
    review.lastReviewedAt === undefined
      ? t('review.neverReviewed')
      : t('review.lastReviewed', { when: relativeDays(review.lastReviewedAt, now, language) });
  const dueAt = reviewDueAt(review);
  const due =
    dueAt === null
      ? null
      : state === 'stale'
        ? t('review.overdue', { span: spanText(now - dueAt, language) })
        : t('review.due', { when: relativeDays(dueAt, now, language) });
  return { freshness: state, last, due };
}

/** A date as the UI language writes it ("4 Dec 2026", "2026年12月4日"). */
export const reviewDate = (at: number, language: string): string => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(at);
