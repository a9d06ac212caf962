import type { ReactNode } from 'react';
import { FieldFrame, fieldDescribedBy } from './field-frame';
import { NumberField } from './number-field';

/**
 * A figure with its unit (components/number-field.tsx) in the frame of a TextField
 * (components/field-frame.tsx): the label above (`${id}-label`), a plain hint (`${id}-hint`), the figure and
 * its unit, the field's own Chinese error under it (`${id}-error`), the figure described by the hint and the
 * error and marked invalid while the error shows. For forms that mix typed text and figures (issue #19), so
 * every field of the form reads the same way.
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
  const described = fieldDescribedBy(id, { hint, error });
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <NumberField
        id={id}
        label={label}
        unit={unit}
        value={value}
        onChange={onChange}
        invalid={Boolean(error)}
        describedBy={described || undefined}
        placeholder={placeholder}
        decimals={decimals}
      />
    </FieldFrame>
  );
}
