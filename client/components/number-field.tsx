import { Text, View } from '@tarojs/components';
import { FieldFrame } from './field-frame';
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';

/**
 * One figure typed as a number, with its unit beside it and its own Chinese error under it (issue #19): the
 * one field shape of 辖区政策设定's ~30 figures. NutUI's Input (as in components/text-field.tsx, imported
 * here rather than in components/nut.ts for the same reason) with the unit on the same line. `decimals` takes
 * yuan or percentages (the digit keyboard), otherwise whole numbers. The screen reader hears the label and the
 * unit, and the error through `aria-describedby` while the field is marked invalid.
 *
 * The field carries `id` (so `#id input` reaches the native element in the browser), the error `${id}-error`
 * (components/field-frame.tsx, without a label: a group's row or a FigureField names it). `invalid` marks the
 * field when an error about it is shown elsewhere (a group's one error under its rows, a FigureField's frame);
 * `describedBy` names the lines elsewhere that describe it (that error, a hint above it).
 */
export function NumberField({
  id,
  label,
  unit,
  value,
  onChange,
  decimals = false,
  placeholder,
  error,
  invalid = false,
  describedBy,
}: {
  id: string;
  /** Shown beside the field when the row names it (rows of a group); always read out. */
  label: string;
  unit: string;
  value: string;
  onChange: (text: string) => void;
  decimals?: boolean;
  placeholder?: string;
  error?: string | null;
  /** Marked invalid for an error shown elsewhere (its id in `describedBy`). */
  invalid?: boolean;
  /** The ids of lines shown elsewhere that describe the field, space-separated. */
  describedBy?: string;
}) {
  const bad = Boolean(error) || invalid;
  const described = [describedBy || null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <FieldFrame id={id} error={error} className="number-field">
      <View className="number-field-row">
        <Input
          id={id}
          className={bad ? 'field number-field-input field-invalid' : 'field number-field-input'}
          type={decimals ? 'digit' : 'number'}
          nativeProps={{
            'aria-label': `${label}${placeholder ? `：${placeholder}` : ''}（${unit}）`,
            'aria-invalid': bad ? 'true' : 'false',
            ...(described ? { 'aria-describedby': described } : {}),
          }}
          value={value}
          placeholder={placeholder ?? ''}
          onChange={(text: string) => onChange(text)}
        />
        <Text className="muted number-field-unit">{unit}</Text>
      </View>
    </FieldFrame>
  );
}
