import { ChoiceChips } from './choice-chips';
import { periodLabel } from '../utils/period';

/** 2026-Q4 → 2027-Q1, and back. */
export function shiftQuarter(quarter: string, by: number): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return quarter;
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/**
 * A quarter chosen by a tap instead of typed (issue #19): last quarter, this one and the next two, each
 * written as 2026年第四季度. `current` is the quarter the page treats as now.
 */
export function QuarterPicker({
  current,
  value,
  onChange,
}: {
  current: string;
  value: string;
  onChange: (quarter: string) => void;
}) {
  const options = [-1, 0, 1, 2].map((d) => shiftQuarter(current, d));
  if (!options.includes(value)) options.push(value);
  return (
    <ChoiceChips
      id="quarter"
      label="季度"
      options={options.map((q) => [q, periodLabel(q)] as const)}
      value={value}
      onChange={onChange}
      idOf={(q) => `quarter-${q}`}
    />
  );
}
