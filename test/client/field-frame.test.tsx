import { render } from '@testing-library/react';
import { FigureField } from '../../client/components/figure-field';
import { NumberField } from '../../client/components/number-field';
import { FieldError, TextField } from '../../client/components/text-field';

/*
 * components/field-frame.tsx: one frame (label, hint, the field, its error) around TextField, FigureField and
 * NumberField, each field tied to the lines that describe it.
 */
const noop = () => undefined;

describe('FieldFrame around FigureField', () => {
  it('labels the figure, shows its hint and describes the figure by it', () => {
    const { container } = render(
      <FigureField id="income" label="家庭月收入" unit="元" value="" onChange={noop} hint="全家每月的收入" />,
    );
    expect(container.querySelector('#income-label')?.textContent).toBe('家庭月收入');
    expect(container.querySelector('#income-hint')?.textContent).toBe('全家每月的收入');
    const input = container.querySelector('input#income') as HTMLInputElement;
    expect(input.getAttribute('aria-describedby')).toBe('income-hint');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(container.querySelector('#income-error')).toBeNull();
  });

  it('puts one error under the figure, described by the hint and the error, marked invalid', () => {
    const { container } = render(
      <FigureField
        id="income"
        label="家庭月收入"
        unit="元"
        value="-1"
        onChange={noop}
        hint="全家每月的收入"
        error="收入不能是负数"
      />,
    );
    expect(container.querySelectorAll('[id="income-error"]')).toHaveLength(1);
    expect(container.querySelector('#income-error')?.textContent).toBe('收入不能是负数');
    const input = container.querySelector('input#income') as HTMLInputElement;
    expect(input.getAttribute('aria-describedby')).toBe('income-hint income-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.className).toContain('field-invalid');
    // The error comes after the figure, under it.
    const error = container.querySelector('#income-error')!;
    expect(input.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('FieldFrame around NumberField and TextField', () => {
  it('gives a NumberField no label of its own, and its error under it', () => {
    const { container } = render(
      <NumberField id="days" label="公示天数" unit="天" value="0" onChange={noop} error="至少 1 天" />,
    );
    expect(container.querySelector('#days-label')).toBeNull();
    expect(container.querySelector('#days-error')?.textContent).toBe('至少 1 天');
    const input = container.querySelector('input#days') as HTMLInputElement;
    expect(input.getAttribute('aria-describedby')).toBe('days-error');
    expect(input.getAttribute('aria-label')).toBe('公示天数（天）');
  });

  it('lets a NumberField be described by a group error shown elsewhere only when marked invalid', () => {
    const { container, rerender } = render(
      <NumberField
        id="m1"
        label="一月"
        unit="元"
        value=""
        onChange={noop}
        describedBy="season-error"
        invalid
      />,
    );
    const input = () => container.querySelector('input#m1') as HTMLInputElement;
    expect(input().getAttribute('aria-describedby')).toBe('season-error');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    rerender(<NumberField id="m1" label="一月" unit="元" value="" onChange={noop} />);
    expect(input().getAttribute('aria-describedby')).toBeNull();
    expect(input().getAttribute('aria-invalid')).toBe('false');
  });

  it('hides a TextField label for a card title but keeps it read out, and FieldError shows only an error', () => {
    const { container } = render(
      <>
        <TextField id="note" label="备注" value="" onChange={noop} hideLabel />
        <FieldError id="photos" error={null} />
        <FieldError id="chips" error="请选一项" />
      </>,
    );
    expect(container.querySelector('#note-label')).toBeNull();
    expect(container.querySelector('input#note')?.getAttribute('aria-label')).toBe('备注');
    expect(container.querySelector('#photos-error')).toBeNull();
    expect(container.querySelector('#chips-error')?.textContent).toBe('请选一项');
  });
});
