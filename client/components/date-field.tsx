import { Text, View } from '@tarojs/components';
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import { periodLabel } from '../utils/period';
import { Cell } from './nut';
import { pressable } from './keyboard';
import { DatePicker } from './nut-date-picker';
import { usePickerKeys } from './picker-keys';
import { QuarterPicker } from './quarter-picker';

/**
 * What a date field holds, as the backend takes it (Beijing wall-clock time, no zone):
 * - date: 2026-12-01
 * - datetime: 2026-12-01 18:00
 * - month: 2026-12
 * - quarter: 2026-Q4
 */
export type DateKind = 'date' | 'datetime' | 'month' | 'quarter';

const PATTERNS: Record<Exclude<DateKind, 'quarter'>, RegExp> = {
  date: /^(\d{4})-(\d{2})-(\d{2})$/,
  datetime: /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
};

const pad = (n: number | string) => String(n).padStart(2, '0');

/** 2026-12-01 18:00 → 2026年12月1日 18:00; 2026-12 → 2026年12月; 2026-Q4 → 2026年第四季度; '' → ''. */
export function dateLabel(kind: DateKind, value: string): string {
  if (kind === 'quarter' || kind === 'month') return periodLabel(value);
  const m = PATTERNS[kind].exec(value);
  if (!m) return value;
  const day = `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return kind === 'datetime' ? `${day} ${m[4]}:${m[5]}` : day;
}

/**
 * The wall-clock parts of a value as a Date the picker can hold. NutUI reads and writes a Date's local
 * fields (getFullYear…), so the phone's own zone carries the Beijing wall-clock time unchanged.
 */
export function toPickerDate(kind: Exclude<DateKind, 'quarter'>, value: string): Date | null {
  const m = PATTERNS[kind].exec(value);
  if (!m) return null;
  const [y, mo, d = '1', h = '0', mi = '0'] = m.slice(1);
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
}

/** The picker's confirmed columns (year, month, day, hour, minute as strings) → the value. */
export function fromPickerColumns(
  kind: Exclude<DateKind, 'quarter'>,
  columns: readonly (string | number | null)[],
): string {
  const [y, mo, d, h, mi] = columns.map((c) => String(c ?? ''));
  if (kind === 'month') return `${y}-${pad(mo ?? '')}`;
  const day = `${y}-${pad(mo ?? '')}-${pad(d ?? '')}`;
  return kind === 'date' ? day : `${day} ${pad(h ?? '')}:${pad(mi ?? '')}`;
}

/**
 * In the browser, NutUI's wheel takes its row height from `--nutui-picker-item-height` with parseFloat as
 * pixels (pickerview/pickerroller.js, `web()` branch), but Taro's pxtransform writes our token in rem there
 * (2.3rem), so a one-row stroke selected a row twenty further down. The browser build hands the picker the
 * height in px, read off the page (关怀模式 has taller rows); the mini-program measures the row itself.
 */
function browserRowHeight(): CSSProperties | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined;
  const screen = document.querySelector('.anju-screen') ?? document.documentElement;
  const raw = getComputedStyle(screen).getPropertyValue('--nutui-picker-item-height').trim();
  const n = parseFloat(raw);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const px = raw.endsWith('rem') ? n * parseFloat(getComputedStyle(document.documentElement).fontSize) : n;
  return { '--nutui-picker-item-height': `${px}px` } as CSSProperties;
}

const PICKER_TYPE = { date: 'date', datetime: 'datetime', month: 'year-month' } as const;

/**
 * A date, time, month or quarter chosen by taps, never typed (issue #19). A big Cell shows the label and the
 * value in plain Chinese (2026年12月1日 18:00 / 2026年12月 / 2026年第四季度) and opens NutUI's DatePicker in a
 * popup, bounded by `min`/`max` (same format as the value). A quarter is picked from chips
 * (components/quarter-picker.tsx) around `current`. The Cell carries `id`; its value text is `${id}-value`.
 */
export function DateField({
  id,
  label,
  kind,
  value,
  onChange,
  min,
  max,
  current,
  placeholder = '请选择',
  error,
}: {
  id: string;
  label: string;
  kind: DateKind;
  /** '' shows the placeholder. */
  value: string;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  /** The quarter the page treats as now (quarter fields only). */
  current?: string;
  placeholder?: string;
  /** A Chinese message under the field. */
  error?: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [rowHeight, setRowHeight] = useState<CSSProperties | undefined>(undefined);
  const pickerKind = kind === 'quarter' ? 'month' : kind;
  const bounds = useMemo(() => {
    const year = new Date().getFullYear();
    return {
      start: (min && toPickerDate(pickerKind, min)) || new Date(year - 5, 0, 1),
      end: (max && toPickerDate(pickerKind, max)) || new Date(year + 5, 11, 31, 23, 59),
    };
  }, [min, max, pickerKind]);
  const picked = useMemo(() => toPickerDate(pickerKind, value), [pickerKind, value]);
  const shown = value ? dateLabel(kind, value) : placeholder;
  const start =
    picked ?? new Date(Math.min(Math.max(Date.now(), bounds.start.getTime()), bounds.end.getTime()));
  // The date the wheels show once a key has turned one (components/picker-keys.ts); null: a finger turns
  // them and the picker keeps its own value, as before.
  const [keyed, setKeyed] = useState<Date | null>(null);
  const wheelDate = useRef(start);
  usePickerKeys(
    open && kind !== 'quarter',
    id,
    (column, by) => {
      const d = wheelDate.current;
      const parts = [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()];
      parts[column] = (parts[column] ?? 0) + by;
      const [y = 0, mo = 0, day = 1, h = 0, mi = 0] = parts;
      const next = new Date(y, mo, day, h, mi);
      const t = Math.min(Math.max(next.getTime(), bounds.start.getTime()), bounds.end.getTime());
      wheelDate.current = new Date(t);
      setKeyed(wheelDate.current);
    },
    (column) => {
      const d = wheelDate.current;
      return [
        `${d.getFullYear()}年`,
        `${d.getMonth() + 1}月`,
        `${d.getDate()}日`,
        `${d.getHours()}时`,
        `${d.getMinutes()}分`,
      ][column]!;
    },
  );

  if (kind === 'quarter') {
    return (
      <View className="date-field" id={id}>
        <Text className="label" id={`${id}-label`}>
          {label}：<Text id={`${id}-value`}>{shown}</Text>
        </Text>
        <QuarterPicker current={current ?? value} value={value} onChange={onChange} />
        {error ? <Text className="error field-error">{error}</Text> : null}
      </View>
    );
  }
  return (
    <View className="date-field">
      {/* NutUI's Cell passes on no id or aria attributes: the tappable box around it carries them. */}
      <View
        id={id}
        className="date-field-tap"
        role="button"
        aria-label={`${label}：${shown}，点按选择`}
        {...pressable()}
        onClick={() => {
          setRowHeight(browserRowHeight());
          wheelDate.current = start;
          setKeyed(null);
          setOpen(true);
        }}
      >
        <Cell
          className="date-field-cell"
          title={label}
          extra={
            <Text id={`${id}-value`} className={value ? 'date-field-value' : 'date-field-value muted'}>
              {shown} ›
            </Text>
          }
          clickable
        />
      </View>
      {error ? <Text className="error field-error">{error}</Text> : null}
      {open ? (
        <DatePicker
          className="date-field-picker"
          style={rowHeight}
          title={`选择${label}`}
          type={PICKER_TYPE[pickerKind]}
          visible={open}
          showChinese
          threeDimensional={false}
          defaultValue={start}
          value={keyed ?? undefined}
          startDate={bounds.start}
          endDate={bounds.end}
          onChange={(_options, columns) => {
            // A finger turned a wheel (NutUI reports year, month and day): the keys go on from there.
            const [y, mo, day] = columns.map(Number);
            const was = wheelDate.current;
            if (!y || !mo) return;
            const d = new Date(y, mo - 1, day || 1, was.getHours(), was.getMinutes());
            wheelDate.current = d;
            if (keyed) setKeyed(d);
          }}
          onClose={() => setOpen(false)}
          onConfirm={(_options, columns) => onChange(fromPickerColumns(pickerKind, columns))}
        />
      ) : null}
    </View>
  );
}

/** An instant → its Beijing wall-clock time as a datetime value (2026-12-01T10:00:00Z → 2026-12-01 18:00). */
export function beijingDateTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
