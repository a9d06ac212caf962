/**
 * NutUI's Input and TextArea for jsdom (components/text-field.tsx): a DOM input or textarea carrying the id
 * and the native aria attributes, reporting the typed text as NutUI's `onChange(value)` does. A TextArea is
 * told apart by `showCount`, which only it takes.
 */
export default function NutInput({
  id,
  className,
  value,
  placeholder,
  disabled,
  showCount,
  nativeProps,
  onChange,
}: {
  id?: string;
  className?: string;
  value?: string;
  placeholder?: string;
  disabled?: boolean;
  showCount?: boolean;
  nativeProps?: Record<string, string>;
  onChange?: (value: string) => void;
}) {
  const shared = { id, className, value, placeholder, disabled, ...nativeProps };
  return showCount !== undefined ? (
    <textarea {...shared} onChange={(e) => onChange?.(e.target.value)} />
  ) : (
    <input {...shared} onChange={(e) => onChange?.(e.target.value)} />
  );
}
