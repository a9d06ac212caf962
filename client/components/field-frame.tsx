import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/**
 * The ids of the lines that describe a field (its hint above it, its error under it), for the field's own
 * `aria-describedby`; '' when there are none.
 */
export function fieldDescribedBy(
  id: string,
  { hint, error }: { hint?: ReactNode; error?: string | null },
): string {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
}

/**
 * A field's own Chinese error under a field that is not typed (chips, a picker, a photo list), with the id
 * `${id}-error` the field's tests and screen readers find; nothing when there is no error.
 */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  return error ? (
    <Text className="field-error" id={`${id}-error`}>
      {error}
    </Text>
  ) : null;
}

/**
 * The one frame around a field (issue #19): its label above it (`${id}-label`, with 必填 when `required`), a
 * plain hint (`${id}-hint`), the field itself, and the field's own Chinese error under it (`${id}-error`).
 * The field inside ties itself to the hint and the error with `aria-describedby={fieldDescribedBy(...)}` and
 * is marked `aria-invalid` while the error shows. components/text-field.tsx (typed text),
 * components/figure-field.tsx (a figure with its unit, labelled) and components/number-field.tsx (a figure
 * with its unit, its error only: a row of a group names it) are this frame around their input.
 */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  required = false,
  hideLabel = false,
  className = 'text-field',
  children,
}: {
  id: string;
  /** Shown above the field unless `hideLabel` (a card's title names it); none for a row named by its group. */
  label?: string;
  /** A plain line under the label: what to write, or why it is asked. */
  hint?: ReactNode;
  error?: string | null;
  /** Adds 必填 to the label. */
  required?: boolean;
  hideLabel?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <View className={className}>
      {label && !hideLabel ? (
        <Text className="field-label" id={`${id}-label`}>
          {label}
          {required ? <Text className="field-required">（必填）</Text> : null}
        </Text>
      ) : null}
      {hint ? (
        <Text className="muted field-hint" id={`${id}-hint`}>
          {hint}
        </Text>
      ) : null}
      {children}
      <FieldError id={id} error={error} />
    </View>
  );
}
