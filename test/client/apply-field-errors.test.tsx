import { act, fireEvent, render, screen } from '@testing-library/react';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import Apply from '../../client/pages/apply/index';
import { setTransport } from '../../client/services/call';
import { modals, toasts } from './mocks/taro';

/*
 * 申请公租房 (issue #19): after the first tap on 提交申请, what the checklist says is missing also shows under
 * its own field (the category, the members, each certificate), and nothing is sent; filling a field takes
 * its message away.
 */
const agreed = { version: PRIVACY_NOTICE.version, at: '2026-09-01T00:00:00.000Z' };

function answer() {
  const transport = jest.fn(async (_fn: string, event: Record<string, unknown>) => {
    if (event.action === 'myData')
      return {
        ok: true as const,
        data: {
          name: '',
          phone: '',
          household: null,
          members: [],
          consents: { personal: agreed, sensitive: agreed },
        },
      };
    return { ok: false as const, error: { code: 'UNKNOWN_ACTION' as const, message: '不支持的操作。' } };
  });
  setTransport(transport);
  return transport;
}

afterEach(() => {
  modals.length = 0;
  toasts.length = 0;
});

describe('apply page: each missing item under its field', () => {
  it('says nothing under the fields before 提交, then each message under its own field', async () => {
    const transport = answer();
    const { container } = render(<Apply />);
    await screen.findByText('提交前检查');
    expect(container.querySelector('#category-error')).toBeNull();
    expect(container.querySelector('#members-error')).toBeNull();
    await act(async () => void fireEvent.click(container.querySelector('#submit-application')!));
    expect(container.querySelector('#category-error')?.textContent).toBe('请选择申请类别。');
    expect(container.querySelector('#members-error')?.textContent).toBe('请填写家庭成员（至少申请人本人）。');
    expect(container.querySelector('#doc-income-error')?.textContent).toBe('请上传：收入证明。');
    expect(transport.mock.calls.filter(([, e]) => e.action === 'submitApplication')).toEqual([]);

    fireEvent.click(screen.getByText('城镇最低生活保障家庭（低保）'));
    fireEvent.change(container.querySelector('#member-0-name')!, { target: { value: '李秀兰' } });
    fireEvent.change(container.querySelector('#member-0-id')!, { target: { value: '420106198501011234' } });
    expect(container.querySelector('#category-error')).toBeNull();
    expect(container.querySelector('#members-error')).toBeNull();
    // The certificates are still missing, under their own pickers.
    expect(container.querySelector('#doc-income-error')?.textContent).toBe('请上传：收入证明。');
  });
});
