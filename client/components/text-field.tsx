import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import TextArea from '@nutui/nutui-react-taro/dist/es/packages/textarea/index';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';
import type { ReactNode } from 'react';
import { FieldFrame, fieldDescribedBy } from './field-frame';
import { useNativeTextareaAria } from './native-aria';

export { FieldError } from './field-frame';

/**
 * What the keyboard offers: Taro's input types (`digit` has a decimal point, `idcard` an X); `password` hides
 * what is typed (a one-time code).
 */
export type TextFieldType = 'text' | 'number' | 'digit' | 'idcard' | 'tel' | 'password';

/**
 * The one shape of a typed field (issue #19), in the frame of components/field-frame.tsx: its label above it, NutUI's Input (one line) or TextArea
 * (`multiline`, with a count of characters left when `maxLength` is given), a plain hint, and the field's own
 * Chinese error under it, tied to the field for the screen reader (`aria-describedby`, `aria-invalid`).
 *
 * The field carries `id` (so `#id input` / `#id textarea` reach the native element in the browser), the label
 * `${id}-label`, the error `${id}-error`. `hideLabel` leaves the label to a card title above the field; it is
 * still read out. Dates, months and quarters are never typed: components/date-field.tsx; figures with a unit:
 * components/number-field.tsx.
 *
 * NutUI's Input and TextArea are imported here rather than in components/nut.ts: a few main-package pages
 * type text, but most pages that import nut.ts do not, and every export of nut.ts lands in the main package.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  placeholder,
  hint,
  multiline = false,
  maxLength,
  type = 'text',
  hideLabel = false,
  disabled = false,
  required = false,
  invalid = false,
  describedBy,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** A Chinese message under the field; the field is marked invalid while it shows. */
  error?: string | null;
  placeholder?: string;
  /** A plain line under the label: what to write, or why it is asked. */
  hint?: ReactNode;
  multiline?: boolean;
  maxLength?: number;
  type?: TextFieldType;
  hideLabel?: boolean;
  disabled?: boolean;
  /** Adds 必填 to the label. */
  required?: boolean;
  /** Marked invalid for an error shown elsewhere (a group's one error under its fields: `describedBy`). */
  invalid?: boolean;
  /** The id of that error, which the field is then described by too. */
  describedBy?: string;
}) {
  const bad = Boolean(error) || invalid;
  const described = [fieldDescribedBy(id, { hint, error }), invalid ? describedBy : null]
    .filter(Boolean)
    .join(' ');
  const nativeProps = {
    'aria-label': `${label}${required ? '（必填）' : ''}`,
    'aria-invalid': bad ? 'true' : 'false',
    ...(described ? { 'aria-describedby': described } : {}),
  };
  // NutUI's TextArea drops these nativeProps in the browser build: set them on its <textarea> (native-aria.ts).
  useNativeTextareaAria(id, multiline ? nativeProps : null);
  const className = bad ? 'field text-field-input field-invalid' : 'field text-field-input';
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required} hideLabel={hideLabel}>
      {multiline ? (
        <TextArea
          id={id}
          className={className}
          value={value}
          placeholder={placeholder ?? ''}
          maxLength={maxLength ?? -1}
          showCount={maxLength !== undefined}
          autoSize
          disabled={disabled}
          status={bad ? 'error' : 'default'}
          nativeProps={nativeProps}
          onChange={(text: string) => onChange(text)}
        />
      ) : (
        <Input
          id={id}
          className={className}
          type={type}
          value={value}
          placeholder={placeholder ?? ''}
          maxLength={maxLength}
          disabled={disabled}
          nativeProps={nativeProps}
          onChange={(text: string) => onChange(text)}
        />
      )}
    </FieldFrame>
  );
}
