import type { CSSProperties, ReactNode } from 'react';

/** Taro's components rendered as plain DOM for jsdom component tests (the real ones are web components). */
interface Props {
  id?: string;
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
  onClick?: () => void;
}

export const View = ({ children, ...rest }: Props) => <div {...rest}>{children}</div>;
export const Text = ({ children, ...rest }: Props) => <span {...rest}>{children}</span>;
export const Button = ({
  children,
  loading: _loading,
  ...rest
}: Props & { loading?: boolean; disabled?: boolean }) => (
  <button type="button" {...rest}>
    {children}
  </button>
);

interface InputProps {
  id?: string;
  className?: string;
  placeholder?: string;
  value?: string;
  type?: string;
  maxlength?: number;
  onInput?: (e: { detail: { value: string } }) => void;
}

/** Taro's Input reports `e.detail.value`; the mock does the same from a DOM input. */
export const Input = ({ onInput, type: _type, maxlength: _max, ...rest }: InputProps) => (
  <input {...rest} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} />
);

/** Taro's Textarea, like Input: `e.detail.value` from a DOM textarea (`maxlength` is Taro's spelling). */
export const Textarea = ({
  onInput,
  maxlength: _maxlength,
  ...rest
}: Omit<InputProps, 'type'> & { maxlength?: number }) => (
  <textarea {...rest} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} />
);

/** Taro's Switch, as a checkbox reporting `e.detail.value`. */
export const Switch = ({
  checked,
  onChange,
  id,
}: {
  checked?: boolean;
  id?: string;
  onChange?: (e: { detail: { value: boolean } }) => void;
}) => (
  <input
    type="checkbox"
    id={id}
    checked={checked ?? false}
    onChange={(e) => onChange?.({ detail: { value: e.target.checked } })}
  />
);

/** Taro's Image, as an img (`mode` and `showMenuByLongpress` are the mini-program's own). */
export const Image = ({
  mode: _mode,
  showMenuByLongpress: _menu,
  ...rest
}: Props & { src?: string; mode?: string; showMenuByLongpress?: boolean }) => <img alt="" {...rest} />;
