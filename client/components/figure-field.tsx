import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { NumberField } from './number-field';

/**
 * A figure with its unit (components/number-field.tsx) under a visible label, shaped like a TextField
 * (components/text-field.tsx): the label above, a plain hint, the figure and its unit, the field's own
 * Chinese error under it. For forms that mix typed text and figures (issue #19), so every field of the form
 * reads the same way.
 */
export function FigureField({
  id,
  label,
  unit,
  value,
  onChange,
  error,
  hint,
  placeholder,
  decimals = false,
}: {
  id: string;
  label: string;
  unit: string;
  value: string;
  onChange: (text: string) => void;
  error?: string | null;
  hint?: ReactNode;
  placeholder?: string;
  decimals?: boolean;
}) {
  return (
    <View className="text-field">
      <Text className="field-label" id={`${id}-label`}>
        {label}
      </Text>
      {hint ? (
        <Text className="muted field-hint" id={`${id}-hint`}>
          {hint}
        </Text>
      ) : null}
      <NumberField
        id={id}
        label={label}
        unit={unit}
        value={value}
        onChange={onChange}
        error={error}
        placeholder={placeholder}
        decimals={decimals}
      />
    </View>
  );
}
