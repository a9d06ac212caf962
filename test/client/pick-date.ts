import { act, fireEvent } from '@testing-library/react';

/**
 * Picks a value on a components/date-field.tsx field in jsdom: taps the field, then confirms the value on
 * the picker (test/client/mocks/nutui.tsx renders NutUI's DatePicker as an input that confirms what is
 * typed into it, as its wheels and 确定 do). `value` as the field holds it: 2026-10, 2026-12-01 18:00.
 */
export async function pickDate(fieldId: string, value: string): Promise<void> {
  await act(async () => void fireEvent.click(document.querySelector(`#${fieldId}`)!));
  const picker = document.querySelector('.date-picker-mock');
  if (!picker) throw new Error(`pickDate: #${fieldId} opened no picker`);
  await act(async () => void fireEvent.change(picker, { target: { value } }));
}
