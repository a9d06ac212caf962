import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DepartmentTaskRow } from '@shared/contracts';
import DepartmentTasks from '../../client/pages/department-tasks/index';
import { setTransport } from '../../client/services/call';
import { pickTabRole, tabsFor } from '../../client/utils/tabs';
import { modalAnswer, modals, toasts } from './mocks/taro';

const task = (id: string, dueOn: string, overdue: boolean): DepartmentTaskRow => ({
  applicationId: id,
  department: 'civil_affairs',
  departmentLabel: '民政部门（低保、收入）',
  categoryLabel: '城镇低收入住房困难家庭',
  sentOn: '2026-11-02',
  dueOn,
  provisional: false,
  overdue,
  members: [{ name: '郭晓明', relation: '本人', idNumberMasked: '420106********1234' }],
  facts: [{ label: '家庭年收入合计', value: '24000.00 元' }],
  answeredAt: null,
  result: null,
  note: '',
});

afterEach(() => {
  modals.length = 0;
  toasts.length = 0;
  modalAnswer.confirm = true;
});

/** 部门核查任务 (惠州 链接2(3)): the checker's queue and answers. */
describe('the department tasks page', () => {
  it('flags the overdue, asks for a finding before 有异常, and sends the answer it confirmed', async () => {
    let open = [task('app-early', '2026-11-13', true), task('app-late', '2026-11-20', false)];
    const transport = jest.fn(async (_fn: string, event: Record<string, unknown>) => {
      if (event.action === 'departmentTasks') return { ok: true as const, data: open };
      if (event.action === 'answerDepartmentTask') {
        const done = open.find((t) => t.applicationId === event.applicationId)!;
        open = open.filter((t) => t !== done);
        return { ok: true as const, data: { ...done, result: event.result, note: event.note } };
      }
      return { ok: false as const, error: { code: 'UNKNOWN_ACTION' as const, message: '不支持的操作。' } };
    });
    setTransport(transport);
    const { container } = render(<DepartmentTasks />);
    await screen.findByText(/共 2 项待核查，其中 1 项已逾期/);
    expect(container.querySelector('#task-app-early')!.textContent).toContain('已逾期');
    expect(container.querySelector('#task-app-late')!.textContent).not.toContain('已逾期');

    // 有异常 without a finding says under the field what is missing (issue #19), and sends nothing.
    fireEvent.click(container.querySelector('#issue-app-early')!);
    await waitFor(() =>
      expect(container.querySelector('#finding-app-early-error')?.textContent).toBe(
        '请写明核查发现的问题，再答复有异常。',
      ),
    );
    expect(container.querySelector('#finding-app-early')!.getAttribute('aria-invalid')).toBe('true');
    expect(modals).toEqual([]);
    fireEvent.change(container.querySelector('#finding-app-early')!, {
      target: { value: ' 配偶领取失业保险金未申报 ' },
    });
    expect(container.querySelector('#finding-app-early-error')).toBeNull();
    fireEvent.click(container.querySelector('#issue-app-early')!);
    await waitFor(() => expect(container.querySelector('#task-app-early')).toBeNull());
    expect(modals[0]?.title).toBe('答复核查任务');
    expect(transport.mock.calls.find(([, e]) => e.action === 'answerDepartmentTask')?.[1]).toEqual({
      action: 'answerDepartmentTask',
      applicationId: 'app-early',
      result: 'issue',
      note: '配偶领取失业保险金未申报',
    });
    expect(toasts).toContain('已答复');
  });

  it('shows a member’s whole ID number only after a reason is written, and says the view is logged', async () => {
    const transport = jest.fn(async (_fn: string, event: Record<string, unknown>) => {
      if (event.action === 'departmentTasks')
        return { ok: true as const, data: [task('app-1', '2026-11-20', false)] };
      if (event.action === 'revealMemberIdNumber')
        return {
          ok: true as const,
          data: { idNumber: '420106198502021234', loggedAt: '2026-11-16T02:00:00Z' },
        };
      return { ok: false as const, error: { code: 'UNKNOWN_ACTION' as const, message: '不支持的操作。' } };
    });
    setTransport(transport);
    const { container } = render(<DepartmentTasks />);
    await screen.findByText(/共 1 项待核查/);
    const number = () => container.querySelector('#member-app-1-0-number')!.textContent;
    expect(number()).toBe('420106********1234');
    fireEvent.click(container.querySelector('#member-app-1-0-ask')!);
    // No reason: said under the field, nothing asked of the server.
    fireEvent.click(container.querySelector('#member-app-1-0-show')!);
    await waitFor(() =>
      expect(container.querySelector('#member-app-1-0-reason-error')?.textContent).toBe(
        '请写明查看原因（至少 2 个字）。',
      ),
    );
    expect(transport.mock.calls.some(([, e]) => e.action === 'revealMemberIdNumber')).toBe(false);
    fireEvent.change(container.querySelector('#member-app-1-0-reason')!, {
      target: { value: ' 核对户籍记录 ' },
    });
    fireEvent.click(container.querySelector('#member-app-1-0-show')!);
    await waitFor(() => expect(number()).toBe('420106198502021234'));
    expect(transport.mock.calls.find(([, e]) => e.action === 'revealMemberIdNumber')?.[1]).toEqual({
      action: 'revealMemberIdNumber',
      applicationId: 'app-1',
      member: 0,
      reason: '核对户籍记录',
    });
    expect(container.querySelector('#member-app-1-0')!.textContent).toContain('本次查看已记录');
  });

  it('gives the department checker its own tabs', () => {
    expect(pickTabRole(['department_reviewer'])).toBe('department_reviewer');
    expect(tabsFor('department_reviewer').map((t) => t.label)).toEqual(['首页', '核查', '消息', '我的']);
  });
});
