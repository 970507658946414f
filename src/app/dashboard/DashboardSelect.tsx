/**
 * A labelled choice of the dashboard's (the sort, and the owner, freshness
 * and lane-kind filters): the value a change hands on is always one of
 * `options`, or '' (no filter) when the select has `allLabel` as its first
 * option.
 */
interface Props<T extends string> {
  label: string;
  testId: string;
  value: T | '';
  options: readonly T[];
  /** what an option shows (default: the option itself) */
  optionLabel?: (option: T) => string;
  /** the first option, for no filter */
  allLabel?: string;
  onChange: (value: T | '') => void;
}

export function DashboardSelect<T extends string>({ label, testId, value, options, optionLabel, allLabel, onChange }: Props<T>) {
  return (
    <label className="dashboard-sort">
      {label}
      <select
        data-testid={testId}
        value={value}
        onChange={(e) => {
          const picked = e.target.value;
          if ((options as readonly string[]).includes(picked)) onChange(picked as T);
          else if (allLabel !== undefined) onChange('');
        }}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel ? optionLabel(option) : option}
          </option>
        ))}
      </select>
    </label>
  );
}
