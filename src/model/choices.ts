/**
 * The fixed lists the format and the API choose from, as plain values:
 * schema.ts builds its zod enums from them, and the dashboard uses them
 * without loading zod's full API (a fifth of its JavaScript).
 */

export const LOCALES = ['en', 'zh-CN'] as const;

/** The kinds of swimlane a map has (LaneSchema.kind). */
export const LANE_KINDS = [
  'actions',
  'thoughts',
  'touchpoints',
  'emotions',
  'painPoints',
  'opportunities',
  'backstage',
  'kpis',
  'notes',
] as const;

export const TEMPLATE_IDS = ['blank', 'backpack', 'subscription', 'b2b'] as const;

/** How `GET /api/maps` orders maps: last edited first, or by title in the UI language's collation. */
export const MAP_SORTS = ['edited', 'title'] as const;

/** Stage colours new stages cycle through; the first is what a reader shows for a stage whose colour is unreadable. */
export const STAGE_COLORS = ['#4f7cff', '#8a5cf6', '#e0679b', '#f59f3a', '#2fb58c', '#2aa4c9', '#7a8699'] as const;

/** Whether `value` is one of `list`: a select's value, a saved choice. */
export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);
