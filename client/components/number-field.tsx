import { Input, Text, View } from '@tarojs/components';

/**
 * One figure typed as a number, with its unit beside it and its own Chinese error under it (issue #19): the
 * one field shape of 辖区政策设定's ~30 figures. `decimals` takes yuan or percentages (the digit keyboard),
 * otherwise whole numbers. The screen reader hears the label and the unit.
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
}) {
  return (
    <View className="number-field">
      <View className="number-field-row">
        <Input
          id={id}
          className="field"
          type={decimals ? 'digit' : 'number'}
          nativeProps={{ 'aria-label': `${label}${placeholder ? `：${placeholder}` : ''}（${unit}）` }}
          value={value}
          placeholder={placeholder}
          onInput={(e) => onChange(e.detail.value)}
        />
        <Text className="muted number-field-unit">{unit}</Text>
      </View>
      {error ? (
        <Text className="field-error" id={`${id}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
