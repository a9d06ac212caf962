import type { ReactNode } from 'react';

/**
 * NutUI components for jsdom (the real ones are ES modules written for Taro's runtime). Every
 * `@nutui/nutui-react-taro/dist/es/packages/<name>/index` maps here: a checkbox-like use (a `checked` prop)
 * renders a real checkbox, a button-like one (an `onClick`) a <button>, anything else its title, description,
 * extra and children.
 */
export default function NutComponent(props: {
  children?: ReactNode;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
  id?: string;
  disabled?: boolean;
  loading?: boolean;
  onClick?: () => void;
  title?: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  startDate?: Date;
  onConfirm?: (options: unknown[], values: string[]) => void;
}) {
  // A DatePicker (components/date-field.tsx opens it): an input whose change confirms the columns of the
  // value typed into it (2026-10 → ['2026', '10']), as the wheels and 确定 do on a phone.
  if ('startDate' in props)
    return (
      <input
        className="date-picker-mock"
        onChange={(e) => props.onConfirm?.([], e.target.value.split(/[- :]/))}
      />
    );
  if ('checked' in props)
    return (
      <input
        type="checkbox"
        id={props.id}
        checked={!!props.checked}
        onChange={(e) => props.onChange?.(e.target.checked)}
      />
    );
  // A Button: NutUI ignores taps while disabled or loading; here that is a disabled <button>. A `role` and
  // `aria-*` reach the element as NutUI hands them to Taro's Button (a switch, an expander).
  if (props.onClick) {
    const aria = Object.fromEntries(
      Object.entries(props).filter(([k]) => k === 'role' || k.startsWith('aria-')),
    ) as Record<string, unknown>;
    return (
      <button {...aria} id={props.id} disabled={!!props.disabled || !!props.loading} onClick={props.onClick}>
        {props.children}
      </button>
    );
  }
  // A Cell, Step or Tag: its title, description and extra are text a person reads.
  return (
    <div id={props.id}>
      {props.title ? <span>{props.title}</span> : null}
      {props.description ? <span>{props.description}</span> : null}
      {props.extra ? <span>{props.extra}</span> : null}
      {props.children}
    </div>
  );
}
