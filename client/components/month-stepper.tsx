import { Text, View } from '@tarojs/components';
import { periodLabel } from '../utils/period';
import { Button } from './nut';

/** 2026-11 → 2026-10 (by -1) or 2026-12 (by 1). */
export function shiftMonth(month: string, by: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * A month chosen by stepping from the current one (issue #19: nothing typed): ‹ 上个月 · 2026年11月 · 下个月 ›,
 * two big NutUI Buttons (reached with Tab and pressed with Enter in the browser), bounded by `min`/`max` (YYYY-MM). For a tab page, where the wheel picker of
 * components/date-field.tsx would weigh on the mini-program's main package (components/nut-date-picker.ts);
 * an export month is nearly always this month or one of the last few. The value text is `${id}-value`.
 */
export function MonthStepper({
  id,
  label,
  value,
  onChange,
  min,
  max,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (month: string) => void;
  min?: string;
  max?: string;
}) {
  const prev = shiftMonth(value, -1);
  const next = shiftMonth(value, 1);
  const canPrev = !min || prev >= min;
  const canNext = !max || next <= max;
  return (
    <View className="month-stepper" id={id}>
      <Text className="label" style={{ display: 'block' }}>
        {label}
      </Text>
      <View className="month-stepper-row">
        <Button
          id={`${id}-prev`}
          fill="outline"
          className="month-stepper-arrow"
          disabled={!canPrev}
          aria-label={`上个月：${periodLabel(prev)}`}
          onClick={() => canPrev && onChange(prev)}
        >
          ‹ 上个月
        </Button>
        <Text id={`${id}-value`} className="month-stepper-value">
          {periodLabel(value)}
        </Text>
        <Button
          id={`${id}-next`}
          fill="outline"
          className="month-stepper-arrow"
          disabled={!canNext}
          aria-label={`下个月：${periodLabel(next)}`}
          onClick={() => canNext && onChange(next)}
        >
          下个月 ›
        </Button>
      </View>
    </View>
  );
}
