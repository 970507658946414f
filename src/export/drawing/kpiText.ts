/**
 * A KPI's value as the card shows it ("42%", "3.5 days", "–" when unset).
 * The canvas's formatKpiValue lives in a component module that loads
 * stylesheets, which the server cannot import; the two must agree.
 */
export function formatKpiValue(value: number | undefined, unit: string | undefined): string {
  if (value === undefined) return '–';
  return unit ? (unit === '%' ? `${value}%` : `${value} ${unit}`) : String(value);
}
