import { fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import { TextField } from '../../client/components/text-field';

/*
 * components/text-field.tsx (issue #19): the label above, the typed text reported as it is typed, and the
 * field's own error under it, tied to the field for a screen reader.
 */
function Harness({ error, multiline }: { error?: string; multiline?: boolean }) {
  const [text, setText] = useState('');
  return (
    <>
      <TextField
        id="reason"
        label="说明"
        value={text}
        onChange={setText}
        error={error}
        multiline={multiline}
        maxLength={multiline ? 200 : undefined}
        hint="写清楚是哪一间"
        required
      />
      <span id="echo">{text}</span>
    </>
  );
}

describe('TextField', () => {
  it('shows its label, reports the typed text and describes the field by its hint', () => {
    const { container } = render(<Harness />);
    expect(container.querySelector('#reason-label')?.textContent).toBe('说明（必填）');
    const input = container.querySelector('input#reason') as HTMLInputElement;
    expect(input.getAttribute('aria-label')).toBe('说明（必填）');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(input.getAttribute('aria-describedby')).toBe('reason-hint');
    fireEvent.change(input, { target: { value: '厨房' } });
    expect(container.querySelector('#echo')?.textContent).toBe('厨房');
    expect(container.querySelector('#reason-error')).toBeNull();
  });

  it('puts the error under the field and marks it invalid', () => {
    const { container } = render(<Harness error="请写明说明" />);
    const input = container.querySelector('input#reason') as HTMLInputElement;
    expect(container.querySelector('#reason-error')?.textContent).toBe('请写明说明');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('reason-hint reason-error');
    expect(input.className).toContain('field-invalid');
  });

  it('is a text area when multiline', () => {
    const { container } = render(<Harness multiline />);
    const area = container.querySelector('textarea#reason') as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: '窗户漏水' } });
    expect(container.querySelector('#echo')?.textContent).toBe('窗户漏水');
  });
});
