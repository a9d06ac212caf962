import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MeResult, MyApplication } from '@shared/contracts';
import Index from '../../client/pages/index/index';
import { setTransport } from '../../client/services/call';
import { modalAnswer, modals, navigations, toasts } from './mocks/taro';

const applicant: MeResult = {
  user: { id: 'u', name: '李秀兰', roles: [] },
  tenant: null,
  projects: [],
  volunteer: null,
  admin: null,
};
const refused: NonNullable<MyApplication> = {
  id: 'app-1',
  status: 'rejected',
  statusLabel: '未通过审核',
  submittedAt: '2026-09-01T08:00:00.000Z',
  stages: [{ state: 'rejected', label: '未通过审核', reachedAt: '2026-12-01T08:00:00.000Z', current: true }],
  canRequestReReview: true,
  reReview: null,
};
const requested: NonNullable<MyApplication> = {
  ...refused,
  canRequestReReview: false,
  reReview: {
    requestedAt: '2026-12-20T02:00:00.000Z',
    reason: '收入已下降',
    status: 'pending',
    statusLabel: '复核中',
    dueOn: '2027-01-08',
    provisional: true,
    workingDays: 15,
    clause: '运营方设定（复核时限，武昌区住房保障部门，示例值）',
  },
};

function answer(me: MeResult, application: MyApplication) {
  const transport = jest.fn(async (_fn: string, event: Record<string, unknown>) => {
    if (event.action === 'me') return { ok: true as const, data: me };
    if (event.action === 'myApplication') return { ok: true as const, data: application };
    if (event.action === 'requestReReview') return { ok: true as const, data: requested };
    return { ok: false as const, error: { code: 'UNKNOWN_ACTION' as const, message: '不支持的操作。' } };
  });
  setTransport(transport);
  return transport;
}

afterEach(() => {
  modals.length = 0;
  toasts.length = 0;
  navigations.length = 0;
  modalAnswer.confirm = true;
});

describe('复核 on the home page (Ulanqab Art.13 second paragraph)', () => {
  it('a refused applicant writes a reason, confirms, and sees the due date marked 暂按工作日计算', async () => {
    const transport = answer(applicant, refused);
    const { container } = render(<Index />);
    await screen.findByText('申请复核');
    fireEvent.click(screen.getByText('申请复核'));
    // The missing reason is said under the field itself (issue #19), not in a passing toast.
    expect(toasts).toEqual([]);
    expect(container.querySelector('#re-review-reason-error')!.textContent).toBe(
      '请写明您对审核结果有异议的理由。',
    );
    expect(container.querySelector('#re-review-reason')!.getAttribute('aria-invalid')).toBe('true');
    expect(transport.mock.calls.filter(([, e]) => e.action === 'requestReReview')).toHaveLength(0);

    fireEvent.change(container.querySelector('#re-review-reason')!, { target: { value: ' 收入已下降 ' } });
    expect(container.querySelector('#re-review-reason-error')).toBeNull();
    fireEvent.click(screen.getByText('申请复核'));
    await screen.findByText('复核：复核中');
    expect(modals[0]?.title).toBe('申请复核');
    expect(transport.mock.calls.find(([, e]) => e.action === 'requestReReview')?.[1]).toEqual({
      action: 'requestReReview',
      reason: '收入已下降',
    });
    expect(container.querySelector('#re-review-due')!.textContent).toBe('2027年1月8日');
    expect(container.querySelector('#re-review-provisional')!.textContent).toBe('暂按工作日计算');
    // The district's own source, as the server gives it (never another city's clause).
    expect(container.querySelector('#re-review')!.textContent).toContain(
      '15 个工作日内书面告知复核结果（运营方设定（复核时限，武昌区住房保障部门，示例值））',
    );
  });

  it('cancelling the confirmation sends nothing', async () => {
    modalAnswer.confirm = false;
    const transport = answer(applicant, refused);
    const { container } = render(<Index />);
    await screen.findByText('申请复核');
    fireEvent.change(container.querySelector('#re-review-reason')!, { target: { value: '收入已下降' } });
    fireEvent.click(screen.getByText('申请复核'));
    await waitFor(() => expect(modals).toHaveLength(1));
    expect(transport.mock.calls.filter(([, e]) => e.action === 'requestReReview')).toHaveLength(0);
  });

  it('an exact date carries no mark; an application under review offers no 复核', async () => {
    answer(applicant, { ...requested, reReview: { ...requested.reReview!, provisional: false } });
    const { container, unmount } = render(<Index />);
    await screen.findByText('复核：复核中');
    expect(container.querySelector('#re-review-provisional')).toBeNull();
    unmount();
    answer(applicant, {
      ...refused,
      status: 'second_review',
      statusLabel: '街道复审中',
      canRequestReReview: false,
    });
    const second = render(<Index />);
    await screen.findByText('我的保障资格申请：街道复审中');
    expect(second.container.querySelector('#re-review')).toBeNull();
  });
});

describe('the admin home asks for next year’s holidays', () => {
  it('shows the missing year and opens the calendar page on it', async () => {
    answer(
      {
        ...applicant,
        user: { id: 'a', name: '赵磊', roles: ['admin'] },
        admin: { applicationsByStatus: {}, calendarMissingYear: 2027 },
      },
      null,
    );
    const { container } = render(<Index />);
    await screen.findByText('录入 2027 年节假日安排');
    expect(container.querySelector('#calendar-missing')!.textContent).toContain(
      '2027 年法定节假日安排尚未录入',
    );
    fireEvent.click(screen.getByText('录入 2027 年节假日安排'));
    expect(navigations).toEqual(['/pages/holiday-calendar/index?year=2027']);
  });

  it('says nothing once the year is entered', async () => {
    answer(
      {
        ...applicant,
        user: { id: 'a', name: '赵磊', roles: ['admin'] },
        admin: { applicationsByStatus: {}, calendarMissingYear: null },
      },
      null,
    );
    const { container } = render(<Index />);
    await screen.findByText('申请审核概况');
    expect(container.querySelector('#calendar-missing')).toBeNull();
  });
});
