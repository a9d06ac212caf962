import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contracts';
import BillingAdmin from '../../client/pages/billing-admin/index';
import { chinaMonth } from '../../client/utils/format';
import { fakeBackend, Refusal } from './fake-backend';
import { modals, resetTaro, toasts, ui } from './mocks/taro';
import { pickDate } from './pick-date';

type Run = ActionOutput<'billing', 'runStatus'>;

const notStarted = (period: string): Run => ({
  period,
  status: 'not_started',
  leasesTotal: 0,
  leasesProcessed: 0,
  billsCreated: 0,
  billsRefused: 0,
  refused: [],
  billsExisting: 0,
  startedAt: null,
  finishedAt: null,
});

const payouts: ActionOutput<'billing', 'subsidyPayouts'> = {
  rows: [
    {
      householdId: 'h-sub-1',
      householdName: '刘芳',
      categoryLabel: '城镇最低生活保障家庭（低保）',
      persons: 2,
      areaM2: 30,
      monthlySubsidyFen: 44_100,
      cappedByRent: false,
    },
  ],
  stopped: [
    { householdId: 'h-sub-2', householdName: '陈伟', reason: '已获得公租房实物配租，租赁补贴自动停发。' },
  ],
  totalFen: 44_100,
};

const click = (id: string) => act(async () => void fireEvent.click(document.querySelector(`#${id}`)!));

describe('billing admin page (租金与补贴)', () => {
  beforeEach(() => resetTaro());

  it('shows this China month’s run; 生成账单 asks first, runs the month typed, and shows the counts', async () => {
    const backend = fakeBackend()
      .on('billing', 'runStatus', (input) => notStarted(input.period))
      .on('billing', 'runMonthly', (input) => ({
        ...notStarted(input.period),
        status: 'done' as const,
        leasesTotal: 6,
        leasesProcessed: 6,
        billsCreated: 4,
        billsExisting: 2,
        startedAt: '2026-12-01T01:00:00.000Z',
        finishedAt: '2026-12-01T01:00:02.000Z',
      }));
    const { container } = render(<BillingAdmin />);
    expect(await screen.findByText(/^\d{4}年\d{1,2}月尚未生成$/)).toBeTruthy();
    expect(backend.inputsOf('billing', 'runStatus')).toEqual([{ period: chinaMonth() }]);
    await pickDate('run-period', '2026-12'); // the month is picked, not typed (issue #19)
    await click('run-monthly');
    await waitFor(() => expect(toasts).toContain('账单已生成'));
    expect(modals).toEqual([
      { title: '生成月度账单', content: '为所有在租租约生成2026年12月账单？已生成的账单不会重复生成。' },
    ]);
    expect(backend.inputsOf('billing', 'runMonthly')).toEqual([{ period: '2026-12' }]);
    expect(container.querySelector('#run-status')!.textContent).toBe(
      '已完成：已处理 6/6 份租约，新生成 4 张，已存在 2 张',
    );
    expect((container.querySelector('.progress-bar') as HTMLElement).style.width).toBe('100%');
    expect(backend.unexpected).toEqual([]);
  });

  it('取消 runs nothing; a refused run says why', async () => {
    const backend = fakeBackend()
      .on('billing', 'runStatus', (input) => notStarted(input.period))
      .on('billing', 'runMonthly', new Refusal('NOT_FOUND', '未找到相关记录。'));
    render(<BillingAdmin />);
    await screen.findByText(/^\d{4}年\d{1,2}月尚未生成$/);
    ui.modalAnswer = false;
    await click('run-monthly');
    expect(backend.inputsOf('billing', 'runMonthly')).toEqual([]);
    ui.modalAnswer = true;
    await click('run-monthly');
    await waitFor(() => expect(toasts).toEqual(['未找到相关记录。']));
    expect(screen.getByText(/^\d{4}年\d{1,2}月尚未生成$/)).toBeTruthy();
    expect((document.querySelector('#run-monthly') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a run half-way shows its progress', async () => {
    fakeBackend().on('billing', 'runStatus', (input) => ({
      ...notStarted(input.period),
      status: 'running' as const,
      leasesTotal: 1_100,
      leasesProcessed: 500,
      billsCreated: 500,
      startedAt: '2026-12-01T01:00:00.000Z',
    }));
    const { container } = render(<BillingAdmin />);
    expect(
      await screen.findByText('进行中：已处理 500/1100 份租约，新生成 500 张，已存在 0 张'),
    ).toBeTruthy();
    expect((container.querySelector('.progress-bar') as HTMLElement).style.width).toBe('45%');
  });

  it('sends reminders and reconciles payments, saying how many', async () => {
    fakeBackend()
      .on('billing', 'runStatus', (input) => notStarted(input.period))
      .on('billing', 'remind', { dueSoon: 1, overdue: 2 })
      .on('billing', 'reconcile', { checked: 3, credited: 1, closed: 1 });
    render(<BillingAdmin />);
    await screen.findByText(/^\d{4}年\d{1,2}月尚未生成$/);
    await click('send-reminders');
    await click('reconcile');
    await waitFor(() =>
      expect(toasts).toEqual(['已发送到期提醒 1 条、逾期提醒 2 条', '核对 3 笔，入账 1 笔，关闭 1 笔']),
    );
  });

  it('lists the month’s subsidy payouts with the total, and the households stopped with the reason', async () => {
    const backend = fakeBackend()
      .on('billing', 'runStatus', (input) => notStarted(input.period))
      .on('billing', 'subsidyPayouts', payouts);
    render(<BillingAdmin />);
    await screen.findByText(/^\d{4}年\d{1,2}月尚未生成$/);
    await pickDate('run-period', '2026-11');
    expect(screen.getByText('查看2026年11月发放名单')).toBeTruthy();
    await click('load-payouts');
    expect(await screen.findByText('1 户 / ¥441.00')).toBeTruthy();
    expect(backend.inputsOf('billing', 'subsidyPayouts')).toEqual([{ period: '2026-11' }]);
    // One row (a Cell) per household: name, category and area, the monthly amount.
    expect(screen.getByText('刘芳').parentElement!.textContent).toBe(
      '刘芳城镇最低生活保障家庭（低保） · 30 ㎡每月 ¥441.00',
    );
    expect(screen.getByText('停发（1 户）')).toBeTruthy();
    expect(screen.getByText('已获得公租房实物配租，租赁补贴自动停发。')).toBeTruthy();
  });

  it('a month with nobody to pay says so', async () => {
    fakeBackend()
      .on('billing', 'runStatus', (input) => notStarted(input.period))
      .on('billing', 'subsidyPayouts', { rows: [], stopped: [], totalFen: 0 });
    render(<BillingAdmin />);
    await screen.findByText(/^\d{4}年\d{1,2}月尚未生成$/);
    await click('load-payouts');
    expect(await screen.findByText('本月没有应发补贴的家庭。')).toBeTruthy();
    expect(screen.getByText('0 户 / ¥0.00')).toBeTruthy();
  });
});
