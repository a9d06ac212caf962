import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import Apply from '../../client/pages/apply/index';
import { setTransport } from '../../client/services/call';
import { modals, toasts } from './mocks/taro';

const agreed = { version: PRIVACY_NOTICE.version, at: '2026-09-01T00:00:00.000Z' };

function answer(consents: Record<string, unknown>) {
  const transport = jest.fn(async (_fn: string, event: Record<string, unknown>) => {
    if (event.action === 'myData')
      return { ok: true as const, data: { name: '', phone: '', household: null, members: [], consents } };
    return { ok: false as const, error: { code: 'UNKNOWN_ACTION' as const, message: '不支持的操作。' } };
  });
  setTransport(transport);
  return transport;
}

afterEach(() => {
  modals.length = 0;
  toasts.length = 0;
});

/**
 * 申请公租房: the privacy notices come first; then the checklist shows what is missing (the rule the function
 * applies), changing as the applicant fills the form, and the submit button waits for an empty list.
 */
describe('apply page', () => {
  it('asks for both privacy notices before showing the form', async () => {
    answer({ personal: null, sensitive: null });
    render(<Apply />);
    await screen.findByText(PRIVACY_NOTICE.personal.title);
    expect(screen.queryByText('提交前检查')).toBeNull();
  });

  it('lists what is missing, follows the category, and submits nothing while anything is', async () => {
    const transport = answer({ personal: agreed, sensitive: agreed });
    const { container } = render(<Apply />);
    await screen.findByText('提交前检查');
    expect(screen.getByText('请选择申请类别。')).toBeTruthy();
    expect(screen.queryByText(/低保证或特困供养证/)).toBeNull();
    fireEvent.click(screen.getByText('城镇最低生活保障家庭（低保）'));
    await waitFor(() => expect(screen.queryByText('请选择申请类别。')).toBeNull());
    // A 低保 household also shows its certificate: it joins the checklist and the uploads.
    expect(screen.getAllByText(/低保证或特困供养证/).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText('请上传：收入证明。')).toBeTruthy();
    fireEvent.click(container.querySelector('#submit-application') as Element);
    expect(transport.mock.calls.filter(([, e]) => e.action === 'submitApplication')).toEqual([]);
  });
});
