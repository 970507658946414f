/**
 * Owners and freshness: who owns a map, how often it should be reviewed, and
 * whether it is overdue. Plain values and pure functions (no zod), so the
 * dashboard, the map page, the server's map list and exports share one rule:
 *
 *   a map is stale when (lastReviewedAt, or createdAt if it was never
 *   reviewed) + reviewEveryDays days < now; a map with no cadence is never
 *   stale.
 */

/** The cadences the UI offers, in days. The format accepts any whole number of days in REVIEW_DAYS_RANGE. */
export const REVIEW_CADENCES = [30, 60, 90, 180, 365] as const;
export const REVIEW_DAYS_RANGE = { min: 1, max: 3650 } as const;
export const DAY_MS = 24 * 3600e3;

/** How the dashboard filters maps by freshness: overdue, on schedule, or with no cadence. */
export const FRESHNESS = ['stale', 'current', 'unscheduled'] as const;
export type Freshness = (typeof FRESHNESS)[number];

/** What the freshness rule reads of a map (its meta, or the summary on its row). */
export interface ReviewFields {
  owner?: string;
  reviewEveryDays?: number;
  lastReviewedAt?: number;
  createdAt: number;
}

/** When the next review is due (ms since the epoch), or null for a map with no cadence. */
export function reviewDueAt(f: ReviewFields): number | null {
  const every = f.reviewEveryDays;
  if (every === undefined || !Number.isFinite(every) || every <= 0) return null;
  return (f.lastReviewedAt ?? f.createdAt) + every * DAY_MS;
}

export function freshness(f: ReviewFields, now: number): Freshness {
  const due = reviewDueAt(f);
  if (due === null) return 'unscheduled';
  return due < now ? 'stale' : 'current';
}

export const isStale = (f: ReviewFields, now: number): boolean => freshness(f, now) === 'stale';

/** An owner as the list compares them: trimmed, case folded ("Ana " and "ana" are one owner). */
export const ownerKey = (owner: string | undefined): string => (owner ?? '').trim().toLocaleLowerCase();

/** A span of time in the unit people say it in: days up to two weeks, weeks up to two months, months up to a year, then years. */
export function reviewSpan(ms: number): { value: number; unit: 'day' | 'week' | 'month' | 'year' } {
  const days = Math.abs(ms) / DAY_MS;
  if (days < 14) return { value: Math.max(0, Math.floor(days)), unit: 'day' };
  if (days < 60) return { value: Math.round(days / 7), unit: 'week' };
  if (days < 365) return { value: Math.max(2, Math.round(days / 30)), unit: 'month' };
  return { value: Math.max(1, Math.round(days / 365)), unit: 'year' };
}

const relative = new Map<string, Intl.RelativeTimeFormat>();
const durations = new Map<string, Intl.NumberFormat>();

/** "4 months ago", "today", "in 12 days" (Intl.RelativeTimeFormat in `locale`). */
export function relativeDays(then: number, now: number, locale: string): string {
  let fmt = relative.get(locale);
  if (!fmt) relative.set(locale, (fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const { value, unit } = reviewSpan(then - now);
  return fmt.format(then < now ? -value : value, unit);
}

/** "3 weeks", "12 days" (Intl.NumberFormat units in `locale`): how far past due a map is. */
export function spanText(ms: number, locale: string): string {
  const { value, unit } = reviewSpan(ms);
  const key = `${locale}:${unit}`;
  let fmt = durations.get(key);
  if (!fmt) durations.set(key, (fmt = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' })));
  return fmt.format(Math.max(1, value));
}
