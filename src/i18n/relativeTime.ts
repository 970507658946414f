/** "5 minutes ago" / "5 分钟前" in the UI language. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

// One formatter per locale: making one costs far more than formatting with it,
// and a dashboard page formats a time for each of its 50 cards.
const formats = new Map<string, Intl.RelativeTimeFormat>();
function format(locale: string): Intl.RelativeTimeFormat {
  let fmt = formats.get(locale);
  if (!fmt) {
    fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    formats.set(locale, fmt);
  }
  return fmt;
}

/** null under a minute (callers say "just now" or "now" in their own words). */
export function ago(then: number, now: number, locale: string): string | null {
  // A writer whose clock runs ahead would otherwise read "in 2 minutes".
  const diff = Math.min(then - now, 0);
  const fmt = format(locale);
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return fmt.format(Math.round(diff / ms), unit);
  return null;
}

export function relativeTime(then: number, now: number, locale: string): string {
  return ago(then, now, locale) ?? format(locale).format(0, 'second');
}
